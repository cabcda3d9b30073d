import { and, eq, or } from 'drizzle-orm';
import type { Tx } from '../platform/db/client';
import type { Deps } from '../platform/deps';
import { logOperatorAction, type Operator } from './operatorLog';
import { duplicateCases } from './schema';
import { matchingAccounts } from './signals';
import { suspendWithin } from './suspension';

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
      .where(or(and(eq(duplicateCases.memberId, memberId), eq(duplicateCases.otherMemberId, match.otherMemberId)), and(eq(duplicateCases.memberId, match.otherMemberId), eq(duplicateCases.otherMemberId, memberId))));
    if (!existing) {
      await tx.insert(duplicateCases).values({ memberId, otherMemberId: match.otherMemberId, evidence: match.evidence, strength: match.strength, createdAt: now }).onConflictDoNothing();
      queued += 1;
    } else if (match.evidence.some((k) => !existing.evidence.includes(k))) {
      const evidence = [...new Set([...existing.evidence, ...match.evidence])].sort();
      const strength = existing.strength === 'strong' || match.strength === 'strong' ? 'strong' : 'weak';
      await tx.update(duplicateCases).set({ evidence, strength, status: 'open', decidedAt: null, decidedBy: null }).where(eq(duplicateCases.id, existing.id));
      queued += 1;
    }
  }
  return queued;
}

export type DuplicateDecision = { action: 'dismiss' } | { action: 'suspend'; memberId: string; reason: string };

/** The operator's decision on one case: let both be, or suspend one of the two. */
export async function decideDuplicateCase(deps: Deps, operator: Operator, caseId: string, decision: DuplicateDecision): Promise<boolean> {
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    const [found] = await tx.select().from(duplicateCases).where(and(eq(duplicateCases.id, caseId), eq(duplicateCases.status, 'open'))).for('update');
    if (!found) return false;
    if (decision.action === 'suspend') {
      if (decision.memberId !== found.memberId && decision.memberId !== found.otherMemberId) return false;
      if (await suspendWithin(tx, deps, operator, decision.memberId, { reason: decision.reason, endsAt: null })) return false;
    }
    await tx
      .update(duplicateCases)
      .set({ status: decision.action === 'suspend' ? 'suspended' : 'dismissed', decidedAt: now, decidedBy: operator.id })
      .where(eq(duplicateCases.id, caseId));
    await logOperatorAction(tx, operator, `duplicate_${decision.action}`, found.memberId, `case ${caseId}`, now);
    return true;
  });
}
