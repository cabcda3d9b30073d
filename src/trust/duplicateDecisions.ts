import { and, eq } from 'drizzle-orm';
import type { Deps } from '../platform/deps';
import { logOperatorAction, type Operator } from './operatorLog';
import { duplicateCases } from './schema';
import { suspendWithin } from './suspension';

export type DuplicateDecision = { action: 'dismiss' } | { action: 'suspend'; memberId: string; reason: string };

/** The operator's decision on one case: let both be, or suspend one of the two. */
export async function decideDuplicateCase(
  deps: Deps,
  operator: Operator,
  caseId: string,
  decision: DuplicateDecision,
): Promise<boolean> {
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    const [found] = await tx
      .select()
      .from(duplicateCases)
      .where(and(eq(duplicateCases.id, caseId), eq(duplicateCases.status, 'open')))
      .for('update');
    if (!found) return false;
    if (decision.action === 'suspend') {
      if (decision.memberId !== found.memberId && decision.memberId !== found.otherMemberId) return false;
      if (await suspendWithin(tx, deps, operator, decision.memberId, { reason: decision.reason, endsAt: null }))
        return false;
    }
    await tx
      .update(duplicateCases)
      .set({
        status: decision.action === 'suspend' ? 'suspended' : 'dismissed',
        decidedAt: now,
        decidedBy: operator.id,
      })
      .where(eq(duplicateCases.id, caseId));
    await logOperatorAction(tx, operator, `duplicate_${decision.action}`, found.memberId, `case ${caseId}`, now);
    return true;
  });
}
