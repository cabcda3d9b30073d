import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Tx } from '../platform/db/client';
import type { Deps } from '../platform/deps';
import type { Locale } from '../platform/i18n';
import { fitsAsOnlyFactor } from './password';
import { members } from './schema';

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

export async function isUsernameTaken(tx: Tx, username: string): Promise<boolean> {
  const [row] = await tx
    .select({ id: members.id })
    .from(members)
    .where(sql`lower(${members.username}) = ${username.toLowerCase()}`);
  return !!row;
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
