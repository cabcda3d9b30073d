import { pgTable, text, timestamp } from 'drizzle-orm/pg-core';

// Files whose rows are gone and which are still to be deleted: written in the transaction that deletes the rows,
// so a crash between the commit and the file deletion leaves a record that the next run finishes.
export const fileDeletions = pgTable('file_deletions', {
  key: text('key').primaryKey(),
  queuedAt: timestamp('queued_at', { withTimezone: true }).notNull(),
});
