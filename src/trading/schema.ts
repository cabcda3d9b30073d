import { date, index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { members } from '../accounts/schema';
import { orders, rooms, services } from '../marketplace/schema';

// open: the buyer may accept or decline until expiresAt; lapsed: closed by the seller's 休止 or 退会.
export const offerStatuses = ['open', 'accepted', 'declined', 'withdrawn', 'lapsed'] as const;
export type OfferStatus = (typeof offerStatuses)[number];

/** 見積り提案: a seller's priced offer to one buyer, sent in their direct room; accepted, it becomes an order. */
export const offers = pgTable(
  'offers',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    roomId: uuid('room_id')
      .notNull()
      .references(() => rooms.id),
    sellerId: uuid('seller_id')
      .notNull()
      .references(() => members.id),
    buyerId: uuid('buyer_id')
      .notNull()
      .references(() => members.id),
    // The seller's service the order belongs to (category, reviews, the seller's figures).
    serviceId: uuid('service_id')
      .notNull()
      .references(() => services.id),
    scope: text('scope').notNull(),
    priceYen: integer('price_yen').notNull(),
    deliveryDays: integer('delivery_days').notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    status: text('status', { enum: offerStatuses }).notNull().default('open'),
    orderId: uuid('order_id').references(() => orders.id),
    // A double submit of the same form sends one offer.
    idempotencyKey: text('idempotency_key').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('offers_idempotency_key').on(t.sellerId, t.idempotencyKey),
    index('offers_room_idx').on(t.roomId, t.createdAt),
    index('offers_buyer_idx').on(t.buyerId),
  ],
);

/** おひねり: an extra amount a buyer adds to an order; it reaches the seller's sales like the price. */
export const orderTips = pgTable(
  'order_tips',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orderId: uuid('order_id')
      .notNull()
      .references(() => orders.id),
    buyerId: uuid('buyer_id')
      .notNull()
      .references(() => members.id),
    amountYen: integer('amount_yen').notNull(),
    paymentRef: text('payment_ref').notNull(),
    idempotencyKey: text('idempotency_key').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    // Set when the amount reached the seller's sales (at completion) or went back to the buyer (at cancellation).
    settledAt: timestamp('settled_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('order_tips_idempotency_key').on(t.buyerId, t.idempotencyKey),
    index('order_tips_order_idx').on(t.orderId),
  ],
);

/** 閲覧数: one counter per service and Japan-time day; who viewed is never stored. */
export const serviceViews = pgTable(
  'service_views',
  {
    serviceId: uuid('service_id')
      .notNull()
      .references(() => services.id),
    day: date('day').notNull(),
    views: integer('views').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.serviceId, t.day] })],
);
