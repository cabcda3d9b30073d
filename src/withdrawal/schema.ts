import { date, pgTable, text, uuid } from 'drizzle-orm/pg-core';

export const withdrawalReasonKeys = [
  'rarely_used',
  'moving_elsewhere',
  'nothing_wanted',
  'fees_high',
  'privacy_worry',
  'had_trouble',
  'other',
] as const;
export type WithdrawalReasonKey = (typeof withdrawalReasonKeys)[number];

// Why members leave, for service improvement. No member id, and only the day: the answer cannot be
// traced back to the person.
export const withdrawalReasons = pgTable('withdrawal_reasons', {
  id: uuid('id').primaryKey().defaultRandom(),
  reasons: text('reasons').array().notNull(),
  freeText: text('free_text').notNull().default(''),
  answeredOn: date('answered_on').notNull(),
});
