import { bigserial, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { members } from '../accounts/schema';

// 領収書 (per completed order, to its buyer), 適格請求書 (per month, the platform fee to a seller),
// 年間取引報告書 (per calendar year, to any member who traded).
export const documentKinds = ['receipt', 'invoice', 'annual_report'] as const;
export type DocumentKind = (typeof documentKinds)[number];

/**
 * A document once issued: its number stays the same however often it is downloaded again, and every later copy
 * is counted and marked 再発行. The content is drawn again from the transaction records each time (no PDF is kept).
 */
export const issuedDocuments = pgTable(
  'issued_documents',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    number: text('number').notNull(),
    kind: text('kind', { enum: documentKinds }).notNull(),
    memberId: uuid('member_id')
      .notNull()
      .references(() => members.id),
    // What it is for: the order id (receipt), "2026-11" (invoice) or "2026" (annual report).
    subject: text('subject').notNull(),
    // 宛名 on a receipt, set by the buyer once.
    addressee: text('addressee'),
    issuedAt: timestamp('issued_at', { withTimezone: true }).notNull(),
    reissueCount: integer('reissue_count').notNull().default(0),
    lastIssuedAt: timestamp('last_issued_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('issued_documents_number_key').on(t.number),
    uniqueIndex('issued_documents_subject_key').on(t.memberId, t.kind, t.subject),
    index('issued_documents_issued_idx').on(t.issuedAt),
  ],
);

/** A seller's own 適格請求書発行事業者登録番号 (T + 13 digits), printed on the invoices they receive. */
export const invoiceRegistrations = pgTable('invoice_registrations', {
  memberId: uuid('member_id')
    .primaryKey()
    .references(() => members.id, { onDelete: 'cascade' }),
  number: text('number').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
});
