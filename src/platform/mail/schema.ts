import { index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

// sending: claimed by a delivery that is talking to the SMTP server (or died doing so; see deliver.ts).
export const mailStatuses = ['pending', 'sending', 'sent', 'failed'] as const;

// Every email is first a row here, written in the same transaction as the action behind it.
export const mailOutbox = pgTable(
  'mail_outbox',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    memberId: uuid('member_id'),
    toAddress: text('to_address').notNull(),
    template: text('template').notNull(),
    subject: text('subject').notNull(),
    textBody: text('text_body').notNull(),
    htmlBody: text('html_body').notNull(),
    status: text('status', { enum: mailStatuses }).notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    // The one-click stop address of an optional mail (List-Unsubscribe, RFC 8058); null for required mail.
    listUnsubscribe: text('list_unsubscribe'),
  },
  (t) => [index('mail_outbox_status_idx').on(t.status, t.createdAt), index('mail_outbox_member_idx').on(t.memberId)],
);
