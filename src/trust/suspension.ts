import { and, desc, eq, isNotNull, isNull, lte } from 'drizzle-orm';
import type { Message } from '../dictionary';
import type { Db, Tx } from '../platform/db/client';
import type { Deps } from '../platform/deps';
import { mailMember } from '../platform/mail/mailMember';
import { members } from '../accounts/schema';
import { recordSecurityEvent } from '../security/sessions/securityEvents';
import { endMemberSessions } from '../security/sessions/sessions';
import { liftBan, recordBan } from './bans';
import { suspendedMail, suspensionLiftedMail } from './mails';
import { logOperatorAction, type Operator } from './operatorLog';
import { suspensions } from './schema';
import type { SignalValue } from './signals';
import { mailLinks } from '../platform/mail/links';
import { queueSearchSync } from '../platform/searchPort';

const SYSTEM = { ip: null, userAgent: null };

// The verified phone, SNS accounts and bank accounts are already in identity_signals as hashes; only the
// current email is hashed here, in case the member changed it since the last signal was recorded.
function knownSignals(member: { email: string }): SignalValue[] {
  return [{ kind: 'email', value: member.email }];
}

export type SuspensionInput = { reason: string; endsAt: Date | null };

/**
 * 利用停止: the member can no longer log in (login with the right password shows the reason and how to
 * appeal), every session ends, profile and services disappear, and its strong signals are banned so it
 * cannot come back as a new account. What it was before (active or paused) is kept for the lifting.
 */
export async function suspendMember(
  deps: Deps,
  operator: Operator | null,
  memberId: string,
  input: SuspensionInput,
): Promise<Message | null> {
  return deps.db.transaction((tx) => suspendWithin(tx, deps, operator, memberId, input));
}

/** The same, as part of a larger operator decision (one transaction for all of it). */
export async function suspendWithin(
  tx: Tx,
  deps: Deps,
  operator: Operator | null,
  memberId: string,
  input: SuspensionInput,
): Promise<Message | null> {
  const now = deps.clock.now();
  {
    const [member] = await tx.select().from(members).where(eq(members.id, memberId)).for('update');
    if (!member || (member.status !== 'active' && member.status !== 'paused'))
      return ((t) => t.trust.errors.cannotSuspend) as Message;
    if (input.endsAt && input.endsAt <= now) return ((t) => t.trust.errors.endInPast) as Message;
    await tx.insert(suspensions).values({
      memberId,
      reason: input.reason,
      endsAt: input.endsAt,
      previousStatus: member.status,
      createdAt: now,
      createdBy: operator?.id ?? null,
    });
    await tx.update(members).set({ status: 'suspended', updatedAt: now }).where(eq(members.id, memberId));
    await queueSearchSync(tx, deps, { sellerId: memberId });
    await endMemberSessions(tx, memberId, 'suspended', now);
    await recordBan(tx, deps.config.secretKey, memberId, knownSignals(member), now);
    await recordSecurityEvent(tx, memberId, 'suspended', SYSTEM, now);
    await logOperatorAction(
      tx,
      operator,
      'suspend',
      memberId,
      `${input.reason}${input.endsAt ? ` (until ${input.endsAt.toISOString()})` : ''}`,
      now,
    );
    await mailMember(tx, deps, member, 'suspended', suspendedMail, {
      reason: input.reason,
      endsAt: input.endsAt,
      appealUrl: mailLinks(deps.config.baseUrl).suspensionAppeal,
    });
    return null;
  }
}

/** Lifting restores exactly what was there: the previous status, so profile, services and login come back as they were. */
export async function liftSuspension(deps: Deps, operator: Operator | null, memberId: string): Promise<boolean> {
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    const [member] = await tx.select().from(members).where(eq(members.id, memberId)).for('update');
    const current = member?.status === 'suspended' ? await openSuspension(tx, memberId) : null;
    if (!member || !current) return false;
    await tx
      .update(suspensions)
      .set({ liftedAt: now, liftedBy: operator?.id ?? null })
      .where(eq(suspensions.id, current.id));
    await tx.update(members).set({ status: current.previousStatus, updatedAt: now }).where(eq(members.id, memberId));
    await queueSearchSync(tx, deps, { sellerId: memberId });
    await liftBan(tx, deps.config.secretKey, memberId, knownSignals(member));
    await recordSecurityEvent(tx, memberId, 'suspension_lifted', SYSTEM, now);
    await logOperatorAction(tx, operator, operator ? 'lift_suspension' : 'suspension_ended', memberId, '', now);
    await mailMember(tx, deps, member, 'suspension_lifted', suspensionLiftedMail, {
      loginUrl: mailLinks(deps.config.baseUrl).login,
    });
    return true;
  });
}

export async function openSuspension(db: Db | Tx, memberId: string) {
  const [row] = await db
    .select()
    .from(suspensions)
    .where(and(eq(suspensions.memberId, memberId), isNull(suspensions.liftedAt)))
    .orderBy(desc(suspensions.createdAt))
    .limit(1);
  return row ?? null;
}

/** Scheduled: suspensions whose end date has come are lifted (idempotent: a lifted one is not found again). */
export async function liftEndedSuspensions(deps: Deps): Promise<number> {
  const due = await deps.db
    .select({ memberId: suspensions.memberId })
    .from(suspensions)
    .where(and(isNull(suspensions.liftedAt), isNotNull(suspensions.endsAt), lte(suspensions.endsAt, deps.clock.now())));
  let lifted = 0;
  for (const { memberId } of due) if (await liftSuspension(deps, null, memberId)) lifted += 1;
  return lifted;
}
