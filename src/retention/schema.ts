import { bigserial, boolean, index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { members } from '../accounts/schema';

// What each purge run removed: category, how many rows, when. Never the data itself.
export const purgeLog = pgTable(
  'purge_log',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    category: text('category').notNull(),
    rows: integer('rows').notNull(),
    dryRun: boolean('dry_run').notNull(),
    heldBack: integer('held_back').notNull().default(0),
    ranAt: timestamp('ran_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('purge_log_ran_idx').on(t.ranAt)],
);

// Legal hold: an operator keeps one member's data out of the purge, with a reason, until released.
export const legalHolds = pgTable('legal_holds', {
  id: uuid('id').primaryKey().defaultRandom(),
  memberId: uuid('member_id')
    .notNull()
    .references(() => members.id),
  reason: text('reason').notNull(),
  operatorId: uuid('operator_id').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  releasedAt: timestamp('released_at', { withTimezone: true }),
});
