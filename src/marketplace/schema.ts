import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  index,
  integer,
  pgTable,
  primaryKey,
  serial,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { members } from '../accounts/schema';

export const categories = pgTable('categories', {
  id: serial('id').primaryKey(),
  slug: text('slug').notNull().unique(),
  parentId: integer('parent_id'),
  nameJa: text('name_ja').notNull(),
  nameEn: text('name_en').notNull(),
  position: integer('position').notNull().default(0),
});

export const serviceStatuses = ['draft', 'published', 'paused', 'deleted'] as const;
export type ServiceStatus = (typeof serviceStatuses)[number];

export const services = pgTable(
  'services',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    sellerId: uuid('seller_id')
      .notNull()
      .references(() => members.id),
    categoryId: integer('category_id')
      .notNull()
      .references(() => categories.id),
    title: text('title').notNull(),
    description: text('description').notNull(),
    priceYen: integer('price_yen').notNull(),
    deliveryDays: integer('delivery_days').notNull(),
    status: text('status', { enum: serviceStatuses }).notNull().default('draft'),
    // Kept in step with reviews in the same transaction, so sorting by rating needs no aggregate.
    ratingSum: integer('rating_sum').notNull().default(0),
    ratingCount: integer('rating_count').notNull().default(0),
    searchTerms: text('search_terms')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    // Title and description normalised (NFKC, lower case) by the app, for the LIKE that confirms a match.
    searchText: text('search_text').notNull().default(''),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('services_seller_idx').on(t.sellerId),
    index('services_category_idx').on(t.categoryId, t.status, t.createdAt),
    index('services_published_new_idx')
      .on(t.createdAt)
      .where(sql`${t.status} = 'published'`),
    index('services_published_price_idx')
      .on(t.priceYen)
      .where(sql`${t.status} = 'published'`),
    // The same expression the "highest rated" sort uses, so that sort can stop after one page.
    index('services_published_rating_idx')
      .on(
        sql`(${t.ratingSum}::float / nullif(${t.ratingCount}, 0)) desc nulls last`,
        sql`${t.ratingCount} desc`,
        sql`${t.id} desc`,
      )
      .where(sql`${t.status} = 'published'`),
    // Character bigrams of title and description: word search for Japanese (no spaces between words)
    // that uses a GIN index on PGlite and PostgreSQL alike, with no extension.
    index('services_search_terms_idx').using('gin', t.searchTerms),
  ],
);

/** 出品の画像: up to a few per service, shown in `position` order; the first is the cover on cards. */
export const serviceImages = pgTable(
  'service_images',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    serviceId: uuid('service_id')
      .notNull()
      .references(() => services.id),
    position: smallint('position').notNull(),
    // Relative to DATA_DIR; the file is deleted after its row.
    storagePath: text('storage_path').notNull(),
    width: integer('width').notNull(),
    height: integer('height').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('service_images_service_idx').on(t.serviceId, t.position)],
);

/** 有料オプション: extras a buyer may add at purchase (up to a few per service), in `position` order. */
export const serviceOptions = pgTable(
  'service_options',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    serviceId: uuid('service_id')
      .notNull()
      .references(() => services.id),
    position: smallint('position').notNull(),
    title: text('title').notNull(),
    priceYen: integer('price_yen').notNull(),
    extraDays: integer('extra_days').notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  // One option per name: a double submit of the add form adds it once.
  (t) => [uniqueIndex('service_options_title_key').on(t.serviceId, t.title)],
);

export const orderStatuses = ['in_progress', 'delivered', 'completed', 'cancelled', 'disputed'] as const;
export type OrderStatus = (typeof orderStatuses)[number];

export const orders = pgTable(
  'orders',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    serviceId: uuid('service_id')
      .notNull()
      .references(() => services.id),
    buyerId: uuid('buyer_id')
      .notNull()
      .references(() => members.id),
    sellerId: uuid('seller_id')
      .notNull()
      .references(() => members.id),
    // What was bought, as it was at purchase: the service may change or go later.
    titleSnapshot: text('title_snapshot').notNull(),
    // What the seller is to do (業務の内容), as agreed: the service's description at purchase, or the
    // scope of a 見積り提案 or 公開依頼 proposal when accepted.
    scopeSnapshot: text('scope_snapshot'),
    // The whole price the fee is taken from: the service's price plus the chosen options (order_options).
    priceYen: integer('price_yen').notNull(),
    pointsUsed: integer('points_used').notNull().default(0),
    chargedYen: integer('charged_yen').notNull(),
    paymentRef: text('payment_ref').notNull(),
    status: text('status', { enum: orderStatuses }).notNull(),
    // Set when the buyer's double click or retried request carries the same key: one order.
    idempotencyKey: text('idempotency_key').notNull(),
    // The terms it was placed on (フリーランス法 §3, see orderTerms): none on orders placed before they were kept.
    dueAt: timestamp('due_at', { withTimezone: true }),
    inspectionDays: integer('inspection_days'),
    paymentDueAt: timestamp('payment_due_at', { withTimezone: true }),
    cancelRequestedBy: uuid('cancel_requested_by'),
    statusBeforeDispute: text('status_before_dispute', { enum: orderStatuses }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    deliveredAt: timestamp('delivered_at', { withTimezone: true }),
    completedAt: timestamp('completed_at', { withTimezone: true }),
    cancelledAt: timestamp('cancelled_at', { withTimezone: true }),
    disputedAt: timestamp('disputed_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('orders_idempotency_key').on(t.buyerId, t.idempotencyKey),
    index('orders_buyer_idx').on(t.buyerId, t.status),
    index('orders_seller_idx').on(t.sellerId, t.status),
    index('orders_delivered_idx')
      .on(t.deliveredAt)
      .where(sql`${t.status} = 'delivered'`),
  ],
);

/** The options an order was bought with, as they were at purchase (the service's options may change or go). */
export const orderOptions = pgTable(
  'order_options',
  {
    orderId: uuid('order_id')
      .notNull()
      .references(() => orders.id),
    position: smallint('position').notNull(),
    title: text('title').notNull(),
    priceYen: integer('price_yen').notNull(),
    extraDays: integer('extra_days').notNull(),
  },
  (t) => [primaryKey({ columns: [t.orderId, t.position] })],
);

export const roomKinds = ['order', 'direct'] as const;

// A message room: one per order (取引メッセージ) or per pair of members (見積もり相談).
export const rooms = pgTable(
  'rooms',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    kind: text('kind', { enum: roomKinds }).notNull(),
    orderId: uuid('order_id').references(() => orders.id),
    memberA: uuid('member_a')
      .notNull()
      .references(() => members.id),
    memberB: uuid('member_b')
      .notNull()
      .references(() => members.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    lastMessageAt: timestamp('last_message_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('rooms_order_key').on(t.orderId),
    uniqueIndex('rooms_direct_pair_key')
      .on(t.memberA, t.memberB)
      .where(sql`${t.kind} = 'direct'`),
    index('rooms_member_a_idx').on(t.memberA, t.lastMessageAt),
    index('rooms_member_b_idx').on(t.memberB, t.lastMessageAt),
  ],
);

export const messageKinds = ['message', 'delivery', 'system'] as const;

export const messages = pgTable(
  'messages',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    roomId: uuid('room_id')
      .notNull()
      .references(() => rooms.id),
    senderId: uuid('sender_id').references(() => members.id),
    kind: text('kind', { enum: messageKinds }).notNull().default('message'),
    body: text('body').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  // Room pages read newest-first by id: the cost stays flat however many messages exist elsewhere.
  (t) => [index('messages_room_idx').on(t.roomId, t.id)],
);

export const attachments = pgTable(
  'attachments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    messageId: bigint('message_id', { mode: 'number' })
      .notNull()
      .references(() => messages.id),
    storagePath: text('storage_path').notNull(),
    originalName: text('original_name').notNull(),
    mimeType: text('mime_type').notNull(),
    sizeBytes: integer('size_bytes').notNull(),
  },
  (t) => [index('attachments_message_idx').on(t.messageId)],
);

export const roomReads = pgTable(
  'room_reads',
  {
    roomId: uuid('room_id')
      .notNull()
      .references(() => rooms.id),
    memberId: uuid('member_id')
      .notNull()
      .references(() => members.id),
    lastReadMessageId: bigint('last_read_message_id', { mode: 'number' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.roomId, t.memberId] })],
);

export const reviewStatuses = ['published', 'held', 'removed'] as const;
export const reviewHoldReasons = ['shared_signals', 'new_account_burst'] as const;

export const reviews = pgTable(
  'reviews',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orderId: uuid('order_id')
      .notNull()
      .references(() => orders.id),
    authorId: uuid('author_id')
      .notNull()
      .references(() => members.id),
    subjectId: uuid('subject_id')
      .notNull()
      .references(() => members.id),
    rating: smallint('rating').notNull(),
    comment: text('comment').notNull(),
    // held: waiting for an operator because it looks self-dealt; removed: taken down by an operator.
    // Only published reviews are shown or counted in ratings.
    status: text('status', { enum: reviewStatuses }).notNull().default('published'),
    heldReason: text('held_reason', { enum: reviewHoldReasons }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('reviews_order_author_key').on(t.orderId, t.authorId),
    index('reviews_subject_idx').on(t.subjectId, t.createdAt),
  ],
);

// sales: 売上金 awaiting payout; points: ポイント; payments: what a buyer paid through the provider (a record, not a balance).
export const ledgerAccounts = ['sales', 'points', 'payments'] as const;
export type LedgerAccount = (typeof ledgerAccounts)[number];

// Append-only: balances are sums over this table, never stored numbers that could drift.
export const ledgerEntries = pgTable(
  'ledger_entries',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    memberId: uuid('member_id')
      .notNull()
      .references(() => members.id),
    account: text('account', { enum: ledgerAccounts }).notNull(),
    kind: text('kind').notNull(),
    amountYen: integer('amount_yen').notNull(),
    orderId: uuid('order_id').references(() => orders.id),
    payoutId: uuid('payout_id'),
    // Points grants only: when the unspent remainder lapses.
    expiresAt: timestamp('expires_at', { withTimezone: true }),
    // Points spent, refunded or expired name the grant (lot) they draw from, so each grant's remainder is known.
    lotId: bigint('lot_id', { mode: 'number' }),
    note: text('note'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('ledger_member_idx').on(t.memberId, t.account, t.createdAt), index('ledger_lot_idx').on(t.lotId)],
);

export const payoutStatuses = ['requested', 'paid', 'rejected'] as const;

// Where a seller's payouts go (振込先口座): a Japanese bank account. One per member; changing it is
// re-authenticated and announced by mail. Its keyed hash is also an identity signal (trust/signals.ts).
export const payoutAccounts = pgTable('payout_accounts', {
  memberId: uuid('member_id')
    .primaryKey()
    .references(() => members.id, { onDelete: 'cascade' }),
  bankCode: text('bank_code').notNull(),
  branchCode: text('branch_code').notNull(),
  accountType: text('account_type', { enum: ['ordinary', 'current'] }).notNull(),
  accountNumber: text('account_number').notNull(),
  holderKana: text('holder_kana').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
});

export const payouts = pgTable(
  'payouts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    memberId: uuid('member_id')
      .notNull()
      .references(() => members.id),
    amountYen: integer('amount_yen').notNull(),
    feeYen: integer('fee_yen').notNull(),
    status: text('status', { enum: payoutStatuses }).notNull().default('requested'),
    requestedAt: timestamp('requested_at', { withTimezone: true }).notNull(),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    decidedBy: uuid('decided_by'),
  },
  (t) => [index('payouts_member_idx').on(t.memberId, t.status)],
);

// Operators may read a room to settle a dispute; every such read is written down.
export const roomAccessLog = pgTable(
  'room_access_log',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    roomId: uuid('room_id')
      .notNull()
      .references(() => rooms.id),
    operatorId: uuid('operator_id')
      .notNull()
      .references(() => members.id),
    at: timestamp('at', { withTimezone: true }).notNull(),
  },
  (t) => [index('room_access_log_room_idx').on(t.roomId)],
);
