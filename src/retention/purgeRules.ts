import { sql, type SQL } from 'drizzle-orm';
import type { DataCategoryKey } from '../privacy/categoryTypes';
import { daysAgo, transactionCutoff, type Periods } from './periods';

/** Records that name no member (withdrawal reasons are stored apart from who gave them). */
type AnonymousRecord = 'withdrawalReasons';

export type Rule = {
  /** The data category (privacy/dataCategories.ts) whose promise this rule keeps, or an anonymous record. */
  category: DataCategoryKey | AnonymousRecord;
  /** Rows that have expired: a table, its key, and the condition. */
  table: string;
  key: string;
  expired: (now: Date, p: Periods) => SQL;
  /** Which member a row belongs to, for legal holds; null when rows belong to nobody. */
  owner: string | null;
  /** Files to remove with the rows. */
  files?: string;
};

const withdrawn = (column: string) => sql.raw(`(select withdrawn_at from members m where m.id = ${column})`);

/**
 * Every deletion the retention rules call for, in dependency order (children before parents).
 * Each runs in batches and can stop and resume at any point: what is gone stays gone.
 */
export const purgeRules: Rule[] = [
  {
    category: 'sessions',
    table: 'sessions',
    key: 'id',
    owner: 'member_id',
    expired: (now, p) =>
      sql`coalesce(ended_at, least(expires_at, idle_expires_at)) < ${daysAgo(now, p.endedSessionsDays)}`,
  },
  {
    category: 'securityLog',
    table: 'security_events',
    key: 'id',
    owner: 'member_id',
    expired: (now, p) => sql`at < ${daysAgo(now, p.securityLogDays)}`,
  },
  {
    category: 'securityLog',
    table: 'rate_limits',
    key: 'bucket, key',
    owner: null,
    expired: (now, p) => sql`window_start < ${daysAgo(now, p.shortLivedStateDays)}`,
  },
  {
    category: 'securityLog',
    table: 'login_failures',
    key: 'address_hash',
    owner: null,
    expired: (now, p) => sql`last_failed_at < ${daysAgo(now, p.loginFailuresDays)}`,
  },
  {
    category: 'factors',
    table: 'pending_logins',
    key: 'id',
    owner: 'member_id',
    expired: (now, p) => sql`expires_at < ${daysAgo(now, p.shortLivedStateDays)}`,
  },
  {
    category: 'factors',
    table: 'webauthn_challenges',
    key: 'id',
    owner: null,
    expired: (now, p) => sql`expires_at < ${daysAgo(now, p.shortLivedStateDays)}`,
  },
  {
    category: 'phone',
    table: 'sms_codes',
    key: 'id',
    owner: 'member_id',
    expired: (now, p) => sql`expires_at < ${daysAgo(now, p.shortLivedStateDays)}`,
  },
  {
    category: 'phone',
    table: 'sms_outbox',
    key: 'id',
    owner: 'member_id',
    expired: (now, p) => sql`created_at < ${daysAgo(now, p.smsOutboxDays)}`,
  },
  {
    category: 'account',
    table: 'email_tokens',
    key: 'id',
    owner: 'member_id',
    expired: (now, p) => sql`expires_at < ${daysAgo(now, p.emailTokensAfterExpiryDays)}`,
  },
  // After 90 days a mail has been delivered or never will be (retries end long before).
  {
    category: 'mail',
    table: 'mail_outbox',
    key: 'id',
    owner: 'member_id',
    expired: (now, p) => sql`created_at < ${daysAgo(now, p.mailOutboxDays)}`,
  },
  // Direct conversations with someone who left: readable by the other member for a year, then gone.
  ...directRoomRules(),
  // 公開依頼 and proposals: as long as direct conversations, after their author (or the request's author) left.
  {
    category: 'trading',
    table: 'proposals',
    key: 'id',
    owner: 'seller_id',
    expired: (now, p) =>
      sql`(${withdrawn('proposals.seller_id')} < ${daysAgo(now, p.directMessagesAfterWithdrawalDays)} or exists (select 1 from job_requests j where j.id = proposals.request_id and ${withdrawn('j.buyer_id')} < ${daysAgo(now, p.directMessagesAfterWithdrawalDays)}))`,
  },
  {
    category: 'trading',
    table: 'job_requests',
    key: 'id',
    owner: 'buyer_id',
    expired: (now, p) =>
      sql`${withdrawn('job_requests.buyer_id')} < ${daysAgo(now, p.directMessagesAfterWithdrawalDays)} and not exists (select 1 from proposals p where p.request_id = job_requests.id)`,
  },
  // Orders, their rooms and money: the tax period, once at least one party has left.
  ...transactionRules(),
  // Documents go with the withdrawn member's own records they are drawn from (just purged above): a number
  // nothing can be reissued from is no use, and nothing of theirs may outlive those records.
  {
    category: 'documents',
    table: 'issued_documents',
    key: 'id',
    owner: 'member_id',
    expired: () => sql`${withdrawn('issued_documents.member_id')} is not null and ${documentRecordsGone()}`,
  },
  {
    category: 'documents',
    table: 'invoice_registrations',
    key: 'member_id',
    owner: 'member_id',
    expired: () =>
      sql`${withdrawn('invoice_registrations.member_id')} is not null and not exists (select 1 from ledger_entries le where le.member_id = invoice_registrations.member_id and le.account = 'sales')`,
  },
  {
    category: 'exports',
    table: 'data_exports',
    key: 'id',
    owner: 'member_id',
    files: 'file_path',
    expired: (now) => sql`expires_at < ${now}`,
  },
  {
    category: 'banned',
    table: 'banned_identities',
    key: 'hash',
    owner: null,
    expired: (now) => sql`expires_on < ${now.toISOString().slice(0, 10)}`,
  },
  {
    category: 'identitySignals',
    table: 'identity_signals',
    key: 'id',
    owner: 'member_id',
    expired: (now) => sql`expires_at < ${now}`,
  },
  {
    category: 'suspensions',
    table: 'suspensions',
    key: 'id',
    owner: 'member_id',
    expired: (now, p) => sql`${withdrawn('suspensions.member_id')} < ${daysAgo(now, p.accountAfterWithdrawalDays)}`,
  },
  {
    category: 'suspensions',
    table: 'operator_actions',
    key: 'id',
    owner: 'member_id',
    expired: (now, p) => sql`at < ${daysAgo(now, p.operatorActionsDays)}`,
  },
  {
    category: 'inquiries',
    table: 'inquiry_messages',
    key: 'id',
    owner: null,
    expired: (now, p) =>
      sql`exists (select 1 from inquiries i where i.id = inquiry_messages.inquiry_id and i.updated_at < ${daysAgo(now, p.inquiriesDays)})`,
  },
  {
    category: 'inquiries',
    table: 'inquiries',
    key: 'id',
    owner: 'member_id',
    expired: (now, p) => sql`updated_at < ${daysAgo(now, p.inquiriesDays)}`,
  },
  {
    category: 'notifications',
    table: 'notifications',
    key: 'id',
    owner: 'member_id',
    expired: (now, p) => sql`created_at < ${daysAgo(now, p.notificationsDays)}`,
  },
  {
    category: 'notifications',
    table: 'mail_stop_tokens',
    key: 'token_hash',
    owner: 'member_id',
    expired: (now, p) => sql`created_at < ${daysAgo(now, p.mailOutboxDays)}`,
  },
  {
    category: 'reports',
    table: 'reports',
    key: 'id',
    owner: 'reporter_id',
    expired: (now, p) => sql`coalesce(decided_at, created_at) < ${daysAgo(now, p.reportsDecidedDays)}`,
  },
  {
    category: 'consents',
    table: 'terms_consents',
    key: 'id',
    owner: 'member_id',
    expired: (now, p) => sql`${withdrawn('terms_consents.member_id')} < ${daysAgo(now, p.consentsAfterWithdrawalDays)}`,
  },
  {
    category: 'withdrawalReasons',
    table: 'withdrawal_reasons',
    key: 'id',
    owner: null,
    expired: (now, p) => sql`answered_on < ${daysAgo(now, p.withdrawalReasonsDays).toISOString().slice(0, 10)}`,
  },
];

function directRoomRules(): Rule[] {
  const goneRoom = (now: Date, p: Periods, room: string) =>
    sql`exists (select 1 from rooms r where r.id = ${sql.raw(room)} and r.kind = 'direct' and least(coalesce(${withdrawn('r.member_a')}, 'infinity'), coalesce(${withdrawn('r.member_b')}, 'infinity')) < ${daysAgo(now, p.directMessagesAfterWithdrawalDays)})`;
  return [
    // 見積り提案 live in the direct room they were sent in, and go with it.
    {
      category: 'messages',
      table: 'offers',
      key: 'id',
      owner: 'seller_id, buyer_id',
      expired: (now, p) => goneRoom(now, p, 'offers.room_id'),
    },
    {
      category: 'messages',
      table: 'attachments',
      key: 'id',
      owner: null,
      files: 'storage_path',
      expired: (now, p) =>
        sql`exists (select 1 from messages msg where msg.id = attachments.message_id and ${goneRoom(now, p, 'msg.room_id')})`,
    },
    {
      category: 'messages',
      table: 'room_reads',
      key: 'room_id, member_id',
      owner: null,
      expired: (now, p) => goneRoom(now, p, 'room_reads.room_id'),
    },
    {
      category: 'messages',
      table: 'room_access_log',
      key: 'id',
      owner: null,
      expired: (now, p) => goneRoom(now, p, 'room_access_log.room_id'),
    },
    {
      category: 'messages',
      table: 'messages',
      key: 'id',
      owner: null,
      expired: (now, p) => goneRoom(now, p, 'messages.room_id'),
    },
    { category: 'messages', table: 'rooms', key: 'id', owner: null, expired: (now, p) => goneRoom(now, p, 'rooms.id') },
  ];
}

function transactionRules(): Rule[] {
  const expiredOrder = (now: Date, p: Periods, order: string) =>
    sql`exists (select 1 from orders o where o.id = ${sql.raw(order)} and coalesce(o.completed_at, o.cancelled_at) <= ${transactionCutoff(now, p)} and (${withdrawn('o.buyer_id')} is not null or ${withdrawn('o.seller_id')} is not null))`;
  const orderRoom = (now: Date, p: Periods, room: string) =>
    sql`exists (select 1 from rooms r where r.id = ${sql.raw(room)} and r.kind = 'order' and ${expiredOrder(now, p, 'r.order_id')})`;
  return [
    // An accepted offer names its order: it goes no later than the order.
    {
      category: 'messages',
      table: 'offers',
      key: 'id',
      owner: 'seller_id, buyer_id',
      expired: (now, p) => sql`offers.order_id is not null and ${expiredOrder(now, p, 'offers.order_id')}`,
    },
    {
      category: 'money',
      table: 'order_tips',
      key: 'id',
      owner: 'buyer_id',
      expired: (now, p) => expiredOrder(now, p, 'order_tips.order_id'),
    },
    {
      category: 'messages',
      table: 'attachments',
      key: 'id',
      owner: null,
      files: 'storage_path',
      expired: (now, p) =>
        sql`exists (select 1 from messages msg where msg.id = attachments.message_id and ${orderRoom(now, p, 'msg.room_id')})`,
    },
    {
      category: 'messages',
      table: 'room_reads',
      key: 'room_id, member_id',
      owner: null,
      expired: (now, p) => orderRoom(now, p, 'room_reads.room_id'),
    },
    {
      category: 'messages',
      table: 'room_access_log',
      key: 'id',
      owner: null,
      expired: (now, p) => orderRoom(now, p, 'room_access_log.room_id'),
    },
    {
      category: 'messages',
      table: 'messages',
      key: 'id',
      owner: null,
      expired: (now, p) => orderRoom(now, p, 'messages.room_id'),
    },
    {
      category: 'messages',
      table: 'rooms',
      key: 'id',
      owner: null,
      expired: (now, p) => orderRoom(now, p, 'rooms.id'),
    },
    {
      category: 'trading',
      table: 'reviews',
      key: 'id',
      owner: 'author_id',
      expired: (now, p) => expiredOrder(now, p, 'reviews.order_id'),
    },
    // Only the lines of the member who left: a staying member's balance, points and history are sums over their own
    // lines, so none of those may go while they stay (their order stays too, pointing at the anonymised account).
    {
      category: 'money',
      table: 'ledger_entries',
      key: 'id',
      owner: 'member_id',
      expired: (now, p) =>
        sql`${withdrawn('ledger_entries.member_id')} is not null and ((ledger_entries.order_id is not null and ${expiredOrder(now, p, 'ledger_entries.order_id')}) or (ledger_entries.order_id is null and ${withdrawn('ledger_entries.member_id')} <= ${transactionCutoff(now, p)}))`,
    },
    {
      category: 'money',
      table: 'payouts',
      key: 'id',
      owner: 'member_id',
      expired: (now, p) =>
        sql`${withdrawn('payouts.member_id')} is not null and coalesce(payouts.decided_at, payouts.requested_at) <= ${transactionCutoff(now, p)}`,
    },
    // The options an order was bought with go with the order (the same condition as the order's rule below).
    {
      category: 'trading',
      table: 'order_options',
      key: 'order_id, position',
      owner: null,
      expired: (now, p) =>
        sql`${expiredOrder(now, p, 'order_options.order_id')} and not exists (select 1 from ledger_entries le where le.order_id = order_options.order_id)`,
    },
    {
      category: 'trading',
      table: 'orders',
      key: 'id',
      owner: 'buyer_id, seller_id',
      expired: (now, p) =>
        sql`${expiredOrder(now, p, 'orders.id')} and not exists (select 1 from ledger_entries le where le.order_id = orders.id)`,
    },
    // Deleting a service or leaving removes its images at once; this catches any a crash left behind.
    {
      category: 'trading',
      table: 'service_images',
      key: 'id',
      owner: null,
      files: 'storage_path',
      expired: () =>
        sql`exists (select 1 from services s where s.id = service_images.service_id and s.status = 'deleted')`,
    },
    // A deleted service's 有料オプション are offered to no one; orders keep their own copy (order_options).
    {
      category: 'trading',
      table: 'service_options',
      key: 'id',
      owner: null,
      expired: () =>
        sql`exists (select 1 from services s where s.id = service_options.service_id and s.status = 'deleted')`,
    },
    // Daily view counters (no viewer in them) go with the deleted service they count.
    {
      category: 'trading',
      table: 'service_views',
      key: 'service_id, day',
      owner: null,
      expired: () =>
        sql`exists (select 1 from services s where s.id = service_views.service_id and s.status = 'deleted')`,
    },
    {
      category: 'trading',
      table: 'services',
      key: 'id',
      owner: 'seller_id',
      expired: (now, p) =>
        sql`services.status = 'deleted' and ${withdrawn('services.seller_id')} <= ${transactionCutoff(now, p)} and not exists (select 1 from orders o where o.service_id = services.id)`,
    },
  ];
}

/** No ledger line (or, for a year, paid payout) of the document's member is left in what the document covers. */
function documentRecordsGone(): SQL {
  const jst = (column: string, format: string) =>
    `to_char((${column} at time zone 'UTC') + interval '9 hours', '${format}')`;
  return sql.raw(`not exists (select 1 from ledger_entries le where le.member_id = issued_documents.member_id and (
      (issued_documents.kind = 'receipt' and le.order_id::text = issued_documents.subject)
      or (issued_documents.kind = 'invoice' and ${jst('le.created_at', 'YYYY-MM')} = issued_documents.subject)
      or (issued_documents.kind = 'annual_report' and ${jst('le.created_at', 'YYYY')} = issued_documents.subject)))
    and not exists (select 1 from payouts p where p.member_id = issued_documents.member_id
      and issued_documents.kind = 'annual_report' and ${jst('p.decided_at', 'YYYY')} = issued_documents.subject)`);
}
