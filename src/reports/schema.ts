import { index, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { members } from '../accounts/schema';

export const reportKinds = ['message', 'service', 'review', 'profile'] as const;
export type ReportKind = (typeof reportKinds)[number];
export const reportReasons = ['spam', 'off_platform', 'abuse', 'fraud', 'inappropriate', 'other'] as const;
export type ReportReason = (typeof reportReasons)[number];
export const reportStatuses = ['open', 'hidden', 'dismissed'] as const;

// 通報: a member points an operator at content. One report per member and item (a double submit keeps one).
export const reports = pgTable(
  'reports',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    reporterId: uuid('reporter_id')
      .notNull()
      .references(() => members.id, { onDelete: 'cascade' }),
    // Whose content it is: the operator's history column and the suspension act on this member.
    ownerId: uuid('owner_id')
      .notNull()
      .references(() => members.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: reportKinds }).notNull(),
    targetId: text('target_id').notNull(),
    reason: text('reason', { enum: reportReasons }).notNull(),
    detail: text('detail').notNull().default(''),
    status: text('status', { enum: reportStatuses }).notNull().default('open'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    decidedBy: uuid('decided_by').references(() => members.id, { onDelete: 'set null' }),
  },
  (t) => [
    uniqueIndex('reports_reporter_target_key').on(t.reporterId, t.kind, t.targetId),
    index('reports_status_idx').on(t.status, t.createdAt),
    index('reports_owner_idx').on(t.ownerId, t.createdAt),
  ],
);

// Content an operator hid after a report: every page that lists such content leaves these out (isHidden).
export const hiddenContent = pgTable(
  'hidden_content',
  {
    kind: text('kind', { enum: reportKinds }).notNull(),
    targetId: text('target_id').notNull(),
    hiddenAt: timestamp('hidden_at', { withTimezone: true }).notNull(),
    hiddenBy: uuid('hidden_by').references(() => members.id, { onDelete: 'set null' }),
  },
  (t) => [primaryKey({ columns: [t.kind, t.targetId] })],
);
