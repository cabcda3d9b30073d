import { and, eq, or } from 'drizzle-orm';
import type { Tx } from '../platform/db/client';
import { duplicateCases } from './schema';
import { matchingAccounts } from './signals';

/**
 * After a member gains a signal (sign-up, a verified phone, a linked SNS account), every other account
 * that looks like the same person goes to the operators' queue. Nothing is decided automatically and
 * accounts are never merged: an operator suspends one or lets both be.
 */
export async function queueDuplicates(tx: Tx, memberId: string, now: Date): Promise<number> {
  let queued = 0;
  for (const match of await matchingAccounts(tx, memberId, now)) {
    // One case per pair, whichever of the two came second; new evidence reopens a closed case, with what matched now.
    const [existing] = await tx
      .select()
      .from(duplicateCases)
      .where(
        or(
          and(eq(duplicateCases.memberId, memberId), eq(duplicateCases.otherMemberId, match.otherMemberId)),
          and(eq(duplicateCases.memberId, match.otherMemberId), eq(duplicateCases.otherMemberId, memberId)),
        ),
      );
    if (!existing) {
      await tx
        .insert(duplicateCases)
        .values({
          memberId,
          otherMemberId: match.otherMemberId,
          evidence: match.evidence,
          strength: match.strength,
          createdAt: now,
        })
        .onConflictDoNothing();
      queued += 1;
    } else if (match.evidence.some((k) => !existing.evidence.includes(k))) {
      const evidence = [...new Set([...existing.evidence, ...match.evidence])].sort();
      const strength = existing.strength === 'strong' || match.strength === 'strong' ? 'strong' : 'weak';
      await tx
        .update(duplicateCases)
        .set({ evidence, strength, status: 'open', decidedAt: null, decidedBy: null })
        .where(eq(duplicateCases.id, existing.id));
      queued += 1;
    }
  }
  return queued;
}
