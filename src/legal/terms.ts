import { and, desc, eq, isNotNull, lte, sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import type { Message } from '../dictionary';
import type { Db, Tx } from '../platform/db/client';
import type { Deps } from '../platform/deps';
import type { RequestOrigin, Result } from '../platform/context';
import { PRIVACY_POLICY_REVISION } from '../privacy/revision';
import { termsConsents, termsVersions, type AgeConfirmation, type ConsentKind } from './termsSchema';

export type TermsVersion = typeof termsVersions.$inferSelect;

/** The 利用規約 in force at `now`: the latest version whose effective date has come. */
export async function currentTerms(db: Db | Tx, now: Date): Promise<TermsVersion | null> {
  const [row] = await db
    .select()
    .from(termsVersions)
    .where(lte(termsVersions.effectiveAt, now))
    .orderBy(desc(termsVersions.effectiveAt))
    .limit(1);
  return row ?? null;
}

/** Every version that has taken effect, newest first (the list under /terms). */
export function termsHistory(db: Db, now: Date): Promise<TermsVersion[]> {
  return db
    .select()
    .from(termsVersions)
    .where(lte(termsVersions.effectiveAt, now))
    .orderBy(desc(termsVersions.effectiveAt));
}

export async function termsVersionNamed(db: Db, version: string, now: Date): Promise<TermsVersion | null> {
  const [row] = await db
    .select()
    .from(termsVersions)
    .where(and(eq(termsVersions.version, version), lte(termsVersions.effectiveAt, now)));
  return row ?? null;
}

/**
 * Whether the member has not agreed to the version in force (SQL, for the session lookup: one indexed probe per
 * request). A member whose last consent is older than the current version is asked again.
 */
export function termsPendingSql(memberId: AnyPgColumn, now: SQL | Date): SQL<boolean> {
  return sql<boolean>`not exists (select 1 from terms_consents tc where tc.member_id = ${memberId} and tc.terms_version_id = (select tv.id from terms_versions tv where tv.effective_at <= ${now} order by tv.effective_at desc limit 1))`;
}

export type ConsentInput = { termsVersion: string; age: AgeConfirmation };

/** The version a sign-up agrees to: the one in force, and the one the form showed (a version that took effect meanwhile is shown again). */
export async function termsToAgree(db: Db | Tx, shown: string, now: Date): Promise<TermsVersion | Message> {
  const terms = await currentTerms(db, now);
  if (!terms || terms.version !== shown) return (t) => t.terms.errors.changedMeanwhile;
  return terms;
}

export async function recordConsent(
  tx: Tx,
  consent: {
    memberId: string;
    termsVersionId: number;
    kind: ConsentKind;
    age: AgeConfirmation | null;
    origin: RequestOrigin;
    now: Date;
  },
) {
  await tx.insert(termsConsents).values({
    memberId: consent.memberId,
    termsVersionId: consent.termsVersionId,
    privacyRevision: PRIVACY_POLICY_REVISION,
    kind: consent.kind,
    age: consent.age,
    agreedAt: consent.now,
    ip: consent.origin.ip,
    userAgent: consent.origin.userAgent?.slice(0, 400) ?? null,
  });
}

/** 規約への再同意: the member agrees to the version in force, the one the page showed them. */
export async function agreeToTerms(
  deps: Deps,
  memberId: string,
  shown: string,
  origin: RequestOrigin,
): Promise<Result<object, { problem: Message }>> {
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    const terms = await termsToAgree(tx, shown, now);
    if (typeof terms === 'function') return { ok: false as const, problem: terms };
    await recordConsent(tx, { memberId, termsVersionId: terms.id, kind: 'reconsent', age: null, origin, now });
    return { ok: true as const };
  });
}

/** What the member said of their age at sign-up (null for members who joined before it was asked). */
export async function ageConfirmationOf(db: Db | Tx, memberId: string): Promise<AgeConfirmation | null> {
  const [row] = await db
    .select({ age: termsConsents.age })
    .from(termsConsents)
    .where(and(eq(termsConsents.memberId, memberId), isNotNull(termsConsents.age)))
    .orderBy(desc(termsConsents.agreedAt))
    .limit(1);
  return row?.age ?? null;
}

/** 民法 §5: a minor signed up with a guardian's agreement to trade, not to receive money; payouts wait until 18. */
export function payoutAgeBlocker(age: AgeConfirmation | null): Message | null {
  return age === 'minor_with_guardian' ? (t) => t.terms.errors.minorPayout : null;
}

/** A member's consents, oldest first, for the export (consents.json). */
export function consentsOf(db: Db | Tx, memberId: string) {
  return db
    .select({
      termsVersion: termsVersions.version,
      privacyRevision: termsConsents.privacyRevision,
      kind: termsConsents.kind,
      age: termsConsents.age,
      agreedAt: termsConsents.agreedAt,
      ip: termsConsents.ip,
      userAgent: termsConsents.userAgent,
    })
    .from(termsConsents)
    .innerJoin(termsVersions, eq(termsVersions.id, termsConsents.termsVersionId))
    .where(eq(termsConsents.memberId, memberId))
    .orderBy(termsConsents.agreedAt);
}
