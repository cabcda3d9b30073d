import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Tx } from '../platform/db/client';
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
