import { index, pgTable, primaryKey, timestamp, uuid } from 'drizzle-orm/pg-core';
import { members } from '../accounts/schema';
import { services } from '../marketplace/schema';

// お気に入り: a member keeps a service or a seller to find again. Private to the member; nobody is told.
export const favoriteServices = pgTable(
  'favorite_services',
  {
    memberId: uuid('member_id')
      .notNull()
      .references(() => members.id, { onDelete: 'cascade' }),
    serviceId: uuid('service_id')
      .notNull()
      .references(() => services.id, { onDelete: 'cascade' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.memberId, t.serviceId] }), index('favorite_services_service_idx').on(t.serviceId)],
);

export const favoriteSellers = pgTable(
  'favorite_sellers',
  {
    memberId: uuid('member_id')
      .notNull()
      .references(() => members.id, { onDelete: 'cascade' }),
    sellerId: uuid('seller_id')
      .notNull()
      .references(() => members.id, { onDelete: 'cascade' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.memberId, t.sellerId] }), index('favorite_sellers_seller_idx').on(t.sellerId)],
);
