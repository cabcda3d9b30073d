import { index, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { members } from '../accounts/schema';

// An SNS account (OpenID Connect subject at one provider) linked to a member. The subject is kept only
// as a keyed hash (the same one the identity signals use): enough to recognise it at login, nothing more.
export const snsIdentities = pgTable(
  'sns_identities',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    memberId: uuid('member_id')
      .notNull()
      .references(() => members.id, { onDelete: 'cascade' }),
    provider: text('provider').notNull(),
    subjectHash: text('subject_hash').notNull(),
    linkedAt: timestamp('linked_at', { withTimezone: true }).notNull(),
    lastLoginAt: timestamp('last_login_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('sns_identities_subject_key').on(t.subjectHash),
    index('sns_identities_member_idx').on(t.memberId),
    uniqueIndex('sns_identities_member_provider_key').on(t.memberId, t.provider),
  ],
);
