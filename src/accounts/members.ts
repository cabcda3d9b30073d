import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Tx } from '../platform/db/client';
import type { Deps } from '../platform/deps';
import type { Locale } from '../platform/i18n';
import { fitsAsOnlyFactor } from './password';
import { members, usernameHolds } from './schema';

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** The live (not withdrawn) account holding this address, if any. */
export async function findLiveMemberByEmail(tx: Tx, email: string) {
  const [row] = await tx
    .select()
    .from(members)
    .where(and(eq(members.email, normaliseEmail(email)), isNull(members.withdrawnAt)));
  return row ?? null;
}

export async function findMemberById(tx: Tx, id: string) {
  const [row] = await tx.select().from(members).where(eq(members.id, id));
  return row ?? null;
}

/** Taken by an account, or held by a sign-up whose address already had one (the two look the same). */
export async function isUsernameTaken(tx: Tx, username: string): Promise<boolean> {
  const name = username.toLowerCase();
  const result: any = await tx.execute(
    sql`select exists (select 1 from ${members} where lower(${members.username}) = ${name})
          or exists (select 1 from ${usernameHolds} where ${usernameHolds.username} = ${name}) as taken`,
  );
  return result.rows[0].taken === true;
}

/**
 * Keeps the 15-character mark true to a password just proven (accounts from before the mark, or a
 * policy change): the factor rule reads it. Writes only when it changes.
 */
export async function keepPasswordMark(tx: Tx, member: { id: string; passwordFitsAlone: boolean }, password: string) {
  const fits = fitsAsOnlyFactor(password);
  if (member.passwordFitsAlone !== fits)
    await tx.update(members).set({ passwordFitsAlone: fits }).where(eq(members.id, member.id));
}

/** The member's language for pages and mails (設定 → 言語, or the footer switch while logged in). */
export async function saveLocale(deps: Deps, memberId: string, locale: Locale) {
  await deps.db.update(members).set({ locale, updatedAt: deps.clock.now() }).where(eq(members.id, memberId));
}
