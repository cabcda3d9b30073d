import { boolean, index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

// Platform tables (no foreign key to members: platform knows no feature); 退会 deletes them (withdrawal/socialCleanup.ts).
// お知らせ: every mail to a member is also a notice in the site (written beside the mail, in queueMail).
export const notifications = pgTable(
  'notifications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    memberId: uuid('member_id').notNull(),
    template: text('template').notNull(),
    title: text('title').notNull(),
    url: text('url'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    readAt: timestamp('read_at', { withTimezone: true }),
  },
  (t) => [index('notifications_member_idx').on(t.memberId, t.createdAt)],
);

// メール設定: one row once the member changes anything; no row means every optional kind is on.
export const mailSettings = pgTable('mail_settings', {
  memberId: uuid('member_id').primaryKey(),
  messages: boolean('messages').notNull().default(true),
  orders: boolean('orders').notNull().default(true),
  offers: boolean('offers').notNull().default(true),
  follows: boolean('follows').notNull().default(true),
  news: boolean('news').notNull().default(true),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
});

// The one-click stop link of one optional mail (RFC 8058): works without logging in, once, for its kind only.
export const mailStopTokens = pgTable(
  'mail_stop_tokens',
  {
    tokenHash: text('token_hash').primaryKey(),
    memberId: uuid('member_id').notNull(),
    kind: text('kind').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
  },
  (t) => [index('mail_stop_tokens_member_idx').on(t.memberId)],
);
