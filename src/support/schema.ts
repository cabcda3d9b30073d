import { index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { members } from '../accounts/schema';

export const inquiryCategories = [
  'account',
  'withdrawal',
  'privacy',
  'suspension_appeal',
  'duplicate_accounts',
  'trading',
  'other',
] as const;
export type InquiryCategory = (typeof inquiryCategories)[number];
export const inquiryStatuses = ['open', 'answered', 'closed'] as const;

// 問い合わせ: a ticket with a reference number. member_id is null for visitors and for members who have
// since left; the contact address is where answers go either way.
export const inquiries = pgTable(
  'inquiries',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    reference: text('reference').notNull().unique(),
    memberId: uuid('member_id').references(() => members.id, { onDelete: 'set null' }),
    email: text('email').notNull(),
    name: text('name').notNull(),
    category: text('category', { enum: inquiryCategories }).notNull(),
    status: text('status', { enum: inquiryStatuses }).notNull().default('open'),
    locale: text('locale', { enum: ['ja', 'en'] })
      .notNull()
      .default('ja'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('inquiries_member_idx').on(t.memberId, t.createdAt),
    index('inquiries_status_idx').on(t.status, t.updatedAt),
  ],
);

export const inquiryMessages = pgTable(
  'inquiry_messages',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    inquiryId: uuid('inquiry_id')
      .notNull()
      .references(() => inquiries.id, { onDelete: 'cascade' }),
    author: text('author', { enum: ['sender', 'operator'] }).notNull(),
    operatorId: uuid('operator_id').references(() => members.id, { onDelete: 'set null' }),
    body: text('body').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('inquiry_messages_inquiry_idx').on(t.inquiryId, t.createdAt)],
);
