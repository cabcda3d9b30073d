import { sql } from 'drizzle-orm';
import type { Db, Tx } from '../platform/db/client';
import type { DataCategoryKey } from '../privacy/categoryTypes';
import { daysAfter, fiscalYearOf, transactionKeptUntil, type Periods } from './periods';

/** Which part of a category a dated line is about, when a category goes in more than one step. */
export type KeptPart = 'directMessages' | 'jobRequests' | 'emailAndPassword';

/**
 * One dated line of what stays after this member leaves: keptUntil (the last day it is kept, the daily purge
 * removes it after) or deletedOn (a job removes it that day). fiscalYear: transaction records of that 年度.
 */
export type KeptLine = {
  category: DataCategoryKey;
  part?: KeptPart;
  fiscalYear?: number;
  fate: 'keptUntil' | 'deletedOn';
  at: Date;
};

async function rows<T>(db: Db | Tx, query: ReturnType<typeof sql>): Promise<T[]> {
  const result: any = await db.execute(query);
  return result.rows as T[];
}

const latest = async (db: Db | Tx, query: ReturnType<typeof sql>): Promise<Date | null> => {
  const [row] = await rows<{ at: string | Date | null }>(db, query);
  return row?.at ? new Date(row.at) : null;
};

/**
 * For a member leaving at `leftAt`: the date each kept category of theirs goes, by the same period functions the
 * purge applies (retention/purge.ts). Categories the member has no data in are left out.
 */
export async function keptDatesOf(db: Db | Tx, memberId: string, leftAt: Date, p: Periods): Promise<KeptLine[]> {
  const lines: KeptLine[] = [
    // The address and password go with the account purge job; the withdrawal itself is a security event and a mail.
    { category: 'account', fate: 'deletedOn', at: daysAfter(leftAt, p.accountAfterWithdrawalDays) },
  ];

  // Orders (and their reviews and messages) go by the 年度 they ended in, once a party has left.
  const ended = await rows<{ at: string | Date }>(
    db,
    sql`select coalesce(completed_at, cancelled_at) as at from orders
        where (buyer_id = ${memberId} or seller_id = ${memberId}) and coalesce(completed_at, cancelled_at) is not null`,
  );
  const orderYears = new Set(ended.map((o) => fiscalYearOf(new Date(o.at), p)));
  // Ledger lines with an order go with it; lines without one count from the withdrawal; payouts from their decision.
  const moneyYears = new Set<number>();
  const ledger = await rows<{ at: string | Date | null; orderless: boolean }>(
    db,
    sql`select coalesce(o.completed_at, o.cancelled_at) as at, le.order_id is null as orderless
        from ledger_entries le left join orders o on o.id = le.order_id where le.member_id = ${memberId}`,
  );
  for (const line of ledger) moneyYears.add(fiscalYearOf(line.orderless || !line.at ? leftAt : new Date(line.at), p));
  const payouts = await rows<{ at: string | Date }>(
    db,
    sql`select coalesce(decided_at, requested_at) as at from payouts where member_id = ${memberId}`,
  );
  for (const payout of payouts) moneyYears.add(fiscalYearOf(new Date(payout.at), p));
  const byYear = (category: DataCategoryKey, years: Set<number>) =>
    [...years]
      .sort((a, b) => a - b)
      .map((fiscalYear): KeptLine => ({
        category,
        fiscalYear,
        fate: 'keptUntil',
        at: transactionKeptUntil(fiscalYear, p),
      }));
  lines.push(...byYear('trading', orderYears));

  const afterLeaving = daysAfter(leftAt, p.directMessagesAfterWithdrawalDays);
  const [jobs] = await rows<{ n: number }>(
    db,
    sql`select (select count(*) from job_requests where buyer_id = ${memberId})::int
             + (select count(*) from proposals where seller_id = ${memberId})::int as n`,
  );
  if (Number(jobs.n) > 0) lines.push({ category: 'trading', part: 'jobRequests', fate: 'keptUntil', at: afterLeaving });
  const [direct] = await rows<{ n: number }>(
    db,
    sql`select count(*)::int as n from rooms where kind = 'direct' and (member_a = ${memberId} or member_b = ${memberId})`,
  );
  if (Number(direct.n) > 0)
    lines.push({ category: 'messages', part: 'directMessages', fate: 'keptUntil', at: afterLeaving });
  lines.push(...byYear('money', moneyYears));

  lines.push({ category: 'securityLog', fate: 'keptUntil', at: daysAfter(leftAt, p.securityLogDays) });
  lines.push({ category: 'mail', fate: 'keptUntil', at: daysAfter(leftAt, p.mailOutboxDays) });
  const [consents] = await rows<{ n: number }>(
    db,
    sql`select count(*)::int as n from terms_consents where member_id = ${memberId}`,
  );
  if (Number(consents.n) > 0)
    lines.push({ category: 'consents', fate: 'keptUntil', at: daysAfter(leftAt, p.consentsAfterWithdrawalDays) });

  const dated = async (category: DataCategoryKey, days: number, query: ReturnType<typeof sql>) => {
    const at = await latest(db, query);
    if (at) lines.push({ category, fate: 'keptUntil', at: daysAfter(at, days) });
  };
  await dated(
    'suspensions',
    p.operatorActionsDays,
    sql`select max(at) as at from operator_actions where member_id = ${memberId}`,
  );
  await dated(
    'inquiries',
    p.inquiriesDays,
    sql`select max(updated_at) as at from inquiries where member_id = ${memberId}`,
  );
  await dated(
    'reports',
    p.reportsDecidedDays,
    sql`select max(coalesce(decided_at, created_at)) as at from reports where reporter_id = ${memberId}`,
  );
  return lines;
}
