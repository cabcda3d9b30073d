import { bigserial, index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { members } from '../accounts/schema';

// 利用規約: each version is a row, never edited once in effect; the one in force is the latest whose effective_at has passed.
export const termsVersions = pgTable('terms_versions', {
  id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
  // What members read as the version's name, e.g. "2026-01-01" (also its address: /terms/2026-01-01).
  version: text('version').notNull().unique(),
  bodyJa: text('body_ja').notNull(),
  bodyEn: text('body_en').notNull(),
  // What changed since the previous version, shown on /terms/agree.
  changesJa: text('changes_ja').notNull().default(''),
  changesEn: text('changes_en').notNull().default(''),
  effectiveAt: timestamp('effective_at', { withTimezone: true }).notNull(),
});

export const consentKinds = ['signup', 'reconsent'] as const;
export type ConsentKind = (typeof consentKinds)[number];
// 民法 §5: a minor's contract needs a guardian's agreement, so sign-up asks which applies.
export const ageConfirmations = ['adult', 'minor_with_guardian'] as const;
export type AgeConfirmation = (typeof ageConfirmations)[number];

// A member's agreement to one terms version and privacy policy revision: when, from where, and (at sign-up) their age.
export const termsConsents = pgTable(
  'terms_consents',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    memberId: uuid('member_id')
      .notNull()
      .references(() => members.id),
    termsVersionId: integer('terms_version_id')
      .notNull()
      .references(() => termsVersions.id),
    privacyRevision: text('privacy_revision').notNull(),
    kind: text('kind', { enum: consentKinds }).notNull(),
    // Asked at sign-up only; a re-consent keeps what the member said then.
    age: text('age', { enum: ageConfirmations }),
    agreedAt: timestamp('agreed_at', { withTimezone: true }).notNull(),
    ip: text('ip'),
    userAgent: text('user_agent'),
  },
  (t) => [index('terms_consents_member_idx').on(t.memberId, t.agreedAt)],
);
