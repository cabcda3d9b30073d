import { and, eq } from 'drizzle-orm';
import type { Message } from '../dictionary';
import type { Deps } from '../platform/deps';
import type { CurrentMember } from '../platform/web/env';
import { members } from '../accounts/schema';
import { recordSecurityEvent } from '../security/sessions/securityEvents';
import type { RequestOrigin } from '../platform/context';
import { pauseBlockers } from './rules';
import { queueSearchSync } from '../platform/searchPort';
import { lapseOpenOffers } from '../trading/offers';
import { closeRequestsOf } from '../trading/requests';

/** 休止: profile and services hidden, no new orders or messages; the member still logs in and can resume. */
export async function pauseMember(deps: Deps, member: CurrentMember, origin: RequestOrigin): Promise<Message | null> {
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    await tx.select({ id: members.id }).from(members).where(eq(members.id, member.id)).for('update');
    if ((await pauseBlockers(tx, member.id)).length > 0) return ((t) => t.withdrawal.errors.blocked) as Message;
    const paused = await tx
      .update(members)
      .set({ status: 'paused', pausedAt: now, updatedAt: now })
      .where(and(eq(members.id, member.id), eq(members.status, 'active')))
      .returning();
    if (paused.length > 0) await recordSecurityEvent(tx, member.id, 'paused', origin, now);
    await queueSearchSync(tx, deps, { sellerId: member.id });
    // Nothing can be accepted from, or by, a paused member: their open offers close.
    if (paused.length > 0) await lapseOpenOffers(tx, member.id, now);
    if (paused.length > 0) await closeRequestsOf(tx, member.id, now);
    return null;
  });
}

export async function resumeMember(deps: Deps, member: CurrentMember, origin: RequestOrigin) {
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    const resumed = await tx
      .update(members)
      .set({ status: 'active', pausedAt: null, updatedAt: now })
      .where(and(eq(members.id, member.id), eq(members.status, 'paused')))
      .returning();
    if (resumed.length > 0) await recordSecurityEvent(tx, member.id, 'resumed', origin, now);
    await queueSearchSync(tx, deps, { sellerId: member.id });
  });
}
