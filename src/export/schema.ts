import { index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { members } from '../accounts/schema';

export const exportStatuses = ['queued', 'running', 'ready', 'failed'] as const;

// データのダウンロード: one ZIP per request, built by a job, downloadable by its member until it expires.
export const dataExports = pgTable(
  'data_exports',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    memberId: uuid('member_id')
      .notNull()
      .references(() => members.id, { onDelete: 'cascade' }),
    status: text('status', { enum: exportStatuses }).notNull().default('queued'),
    progress: integer('progress').notNull().default(0),
    filePath: text('file_path'),
    sizeBytes: integer('size_bytes'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    readyAt: timestamp('ready_at', { withTimezone: true }),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('data_exports_member_idx').on(t.memberId, t.createdAt)],
);

export const requestKinds = ['disclosure', 'correction', 'suspension_of_use', 'deletion'] as const;

// 開示・訂正・利用停止・消去の請求 received by other means (mail, letter), and when each was completed.
export const privacyRequests = pgTable('privacy_requests', {
  id: uuid('id').primaryKey().defaultRandom(),
  memberId: uuid('member_id').references(() => members.id),
  kind: text('kind', { enum: requestKinds }).notNull(),
  notes: text('notes').notNull().default(''),
  operatorId: uuid('operator_id').notNull(),
  exportId: uuid('export_id'),
  receivedAt: timestamp('received_at', { withTimezone: true }).notNull(),
  // The automatic 受付 mail to the member (none when the requester is not a member we can write to).
  acknowledgedAt: timestamp('acknowledged_at', { withTimezone: true }),
  // The operator's answer to the requester, as sent by mail (APPI §33-35: without delay, reasons if refused).
  replyBody: text('reply_body'),
  repliedAt: timestamp('replied_at', { withTimezone: true }),
  completedAt: timestamp('completed_at', { withTimezone: true }),
});
