import { eq } from 'drizzle-orm';
import type { Deps } from '../platform/deps';
import { members } from '../accounts/schema';
import { recordSecurityEvent } from '../accounts/securityEvents';
import { endMemberSessions } from '../accounts/sessions';
import { verifiedPhone } from '../security/sms';
import { recordBan } from '../withdrawal/bans';

/**
 * An operator stops an account for breaking the rules: it can no longer log in, its sessions end, and
 * keyed hashes of its email and verified phone are kept so it cannot come back by leaving and signing up.
 * (Appeals, end dates and the operator console screens come with the trust-and-safety work.)
 */
export async function suspendMember(deps: Deps, memberId: string) {
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    const [member] = await tx.update(members).set({ status: 'suspended', updatedAt: now }).where(eq(members.id, memberId)).returning();
    if (!member) return;
    await endMemberSessions(tx, memberId, 'suspended', now);
    await recordBan(tx, deps.config.secretKey, { email: member.email, phone: await verifiedPhone(tx, memberId) }, now);
    await recordSecurityEvent(tx, memberId, 'suspended', { ip: null, userAgent: null }, now);
  });
}
