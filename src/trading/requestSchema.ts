import { date, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { members } from '../accounts/schema';
import { categories, orders, services } from '../marketplace/schema';

export const jobRequestVisibilities = ['public', 'members'] as const;
export const jobRequestStatuses = ['open', 'closed'] as const;

/** 公開依頼: a buyer describes what they need; sellers propose; the chosen proposal becomes an order. */
export const jobRequests = pgTable(
  'job_requests',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    buyerId: uuid('buyer_id')
      .notNull()
      .references(() => members.id),
    categoryId: integer('category_id')
      .notNull()
      .references(() => categories.id),
    title: text('title').notNull(),
    description: text('description').notNull(),
    budgetMinYen: integer('budget_min_yen').notNull(),
    budgetMaxYen: integer('budget_max_yen').notNull(),
    // The last Japan-time day proposals are taken.
    deadline: date('deadline').notNull(),
    // members: only logged-in members see it; public: anyone, also search engines.
    visibility: text('visibility', { enum: jobRequestVisibilities }).notNull(),
    status: text('status', { enum: jobRequestStatuses }).notNull().default('open'),
    idempotencyKey: text('idempotency_key').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    closedAt: timestamp('closed_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('job_requests_idempotency_key').on(t.buyerId, t.idempotencyKey),
    index('job_requests_open_idx').on(t.status, t.categoryId, t.createdAt),
  ],
);

export const proposalStatuses = ['open', 'chosen', 'declined', 'lapsed'] as const;

/** A seller's proposal on a 公開依頼: one per seller and request. */
export const proposals = pgTable(
  'proposals',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    requestId: uuid('request_id')
      .notNull()
      .references(() => jobRequests.id),
    sellerId: uuid('seller_id')
      .notNull()
      .references(() => members.id),
    serviceId: uuid('service_id')
      .notNull()
      .references(() => services.id),
    body: text('body').notNull(),
    priceYen: integer('price_yen').notNull(),
    deliveryDays: integer('delivery_days').notNull(),
    status: text('status', { enum: proposalStatuses }).notNull().default('open'),
    orderId: uuid('order_id').references(() => orders.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  // Withdrawal lapses a seller's open proposals by seller id.
  (t) => [
    uniqueIndex('proposals_request_seller_key').on(t.requestId, t.sellerId),
    index('proposals_seller_idx').on(t.sellerId),
  ],
);
