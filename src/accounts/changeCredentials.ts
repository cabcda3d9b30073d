import { and, eq, isNull, ne } from 'drizzle-orm';
import type { Message } from '../dictionary';
import type { Tx } from '../platform/db/client';
import type { Deps } from '../platform/deps';
import { queueMail } from '../platform/mail/outbox';
import { mailMember } from '../platform/mail/mailMember';
import { consumeRateLimit } from '../platform/rateLimit';
import type { CurrentMember } from '../platform/web/env';
import type { ActionContext, Result } from '../platform/context';
import { consumeEmailToken, issueEmailToken } from './emailTokens';
import { emailChangedMail, emailChangeVerifyMail, passwordChangedMail, verifyEmailMail } from './mails';
import { findLiveMemberByEmail, findMemberById, normaliseEmail } from './members';
import { fitsAsOnlyFactor, hashPassword, passwordProblem } from './password';
import { knownDevices, members } from './schema';
import { deviceKey } from '../security/login/devices';
import { recordSignals } from '../trust/signals';
import { isBanned } from '../trust/bans';
import { recordSecurityEvent } from '../security/sessions/securityEvents';
import { endMemberSessions } from '../security/sessions/sessions';
import { hasSecondFactor } from '../security/factors/twoFactor';
import { proveIdentity } from '../security/sessions/reauth';
import { mailLinks } from '../platform/mail/links';

/** Changing the password needs the current one (ASVS 6.2.3); other devices are logged out and the owner told. */
export async function changePassword(
  deps: Deps,
  who: { member: CurrentMember; sessionId: string },
  input: { currentPassword: string; newPassword: string },
  ctx: ActionContext & { deviceToken: string },
): Promise<Result<{}, { errors: { currentPassword?: Message; newPassword?: Message } }>> {
  const now = deps.clock.now();
  const member = await findMemberById(deps.db, who.member.id);
  if (!member?.passwordHash)
    return { ok: false, errors: { currentPassword: (t) => t.accounts.errors.currentPasswordWrong } };
  const proof = await proveIdentity(
    deps,
    member.id,
    { password: input.currentPassword, code: '', sessionAuthenticatedAt: null },
    ctx.origin,
  );
  if (!proof.ok) return { ok: false, errors: { currentPassword: proof.problem } };
  const weak = passwordProblem(input.newPassword, member, await hasSecondFactor(deps.db, member.id));
  if (weak) return { ok: false, errors: { newPassword: weak } };
  const passwordHash = await hashPassword(input.newPassword);
  await deps.db.transaction(async (tx) => {
    await tx
      .update(members)
      .set({ passwordHash, passwordFitsAlone: fitsAsOnlyFactor(input.newPassword), updatedAt: now })
      .where(eq(members.id, member.id));
    await endMemberSessions(tx, member.id, 'password_changed', now, who.sessionId);
    // Like the sessions, every browser but this one stops counting as the member's own.
    await tx
      .delete(knownDevices)
      .where(
        and(
          eq(knownDevices.memberId, member.id),
          ne(knownDevices.deviceHash, deviceKey(deps.config.secretKey, ctx.deviceToken)),
        ),
      );
    await recordSecurityEvent(tx, member.id, 'password_changed', ctx.origin, now);
    await queuePasswordChangedMail(tx, deps, member, now, true);
  });
  return { ok: true };
}

/**
 * The first password of an account made with an SNS sign-in: no current password to ask for, so a
 * recent proof of identity (the SNS sign-in itself, or re-authentication) stands in for it.
 */
export async function setFirstPassword(
  deps: Deps,
  who: { member: CurrentMember; sessionAuthenticatedAt: Date | null },
  newPassword: string,
  ctx: ActionContext,
): Promise<Message | 'reauth' | null> {
  const now = deps.clock.now();
  const member = await findMemberById(deps.db, who.member.id);
  if (!member || member.passwordHash) return (t) => t.accounts.errors.currentPasswordWrong;
  const proof = await proveIdentity(
    deps,
    member.id,
    { password: null, code: '', sessionAuthenticatedAt: who.sessionAuthenticatedAt },
    ctx.origin,
  );
  if (!proof.ok) return 'reauth';
  const weak = passwordProblem(newPassword, member, await hasSecondFactor(deps.db, member.id));
  if (weak) return weak;
  const passwordHash = await hashPassword(newPassword);
  await deps.db.transaction(async (tx) => {
    const set = await tx
      .update(members)
      .set({ passwordHash, passwordFitsAlone: fitsAsOnlyFactor(newPassword), updatedAt: now })
      .where(and(eq(members.id, member.id), isNull(members.passwordHash)))
      .returning({ id: members.id });
    if (set.length === 0) return;
    await recordSecurityEvent(tx, member.id, 'password_set', ctx.origin, now);
    await queuePasswordChangedMail(tx, deps, member, now, false);
  });
  return null;
}

function queuePasswordChangedMail(
  tx: Tx,
  deps: Deps,
  member: typeof members.$inferSelect,
  now: Date,
  sessionsEnded: boolean,
) {
  return mailMember(tx, deps, member, 'password_changed', passwordChangedMail, {
    when: now,
    resetUrl: mailLinks(deps.config.baseUrl).passwordReset,
    sessionsEnded,
  });
}

/** Sends a link to the new address; the address changes only when that link is opened. */
export async function requestEmailChange(
  deps: Deps,
  who: { member: CurrentMember; sessionAuthenticatedAt: Date | null },
  input: { newEmail: string; currentPassword: string | null },
  ctx: ActionContext,
): Promise<Result<{ email: string }, { errors: { newEmail?: Message; currentPassword?: Message } }>> {
  const now = deps.clock.now();
  const newEmail = normaliseEmail(input.newEmail);
  const member = await findMemberById(deps.db, who.member.id);
  if (!member) return { ok: false, errors: { currentPassword: (t) => t.accounts.errors.currentPasswordWrong } };
  const proof = await proveIdentity(
    deps,
    member.id,
    { password: input.currentPassword, code: '', sessionAuthenticatedAt: who.sessionAuthenticatedAt },
    ctx.origin,
  );
  if (!proof.ok) return { ok: false, errors: { currentPassword: proof.problem } };
  if (newEmail === member.email) return { ok: false, errors: { newEmail: (t) => t.accounts.errors.sameEmail } };
  // The address of a suspended member cannot come back through another account either.
  if (await isBanned(deps.db, deps.config.secretKey, [{ kind: 'email', value: newEmail }]))
    return { ok: false, errors: { newEmail: (t) => t.accounts.errors.banned } };
  if (!(await consumeRateLimit(deps.db, { bucket: 'email-change', limit: 10, windowMs: 3600_000 }, member.id, now))) {
    return { ok: false, errors: { newEmail: (t) => t.accounts.errors.tooManyAttempts } };
  }
  await deps.db.transaction(async (tx) => {
    const token = await issueEmailToken(tx, member.id, 'change_email', newEmail, now);
    await recordSecurityEvent(tx, member.id, 'email_change_requested', ctx.origin, now);
    await queueMail(tx, deps, {
      to: newEmail,
      memberId: member.id,
      template: 'email_change_verify',
      locale: member.locale,
      content: emailChangeVerifyMail(member.locale, {
        name: member.displayName,
        url: mailLinks(deps.config.baseUrl).confirmEmailChange(token),
      }),
    });
  });
  return { ok: true, email: newEmail };
}

/** Opens the link from the new address: switches the address and tells the old one. */
export async function confirmEmailChange(
  deps: Deps,
  token: string,
  ctx: ActionContext,
): Promise<Result<{}, { problem: Message }>> {
  const now = deps.clock.now();
  const invalid = { ok: false as const, problem: ((t) => t.accounts.errors.tokenInvalid) as Message };
  return deps.db.transaction(async (tx) => {
    const used = await consumeEmailToken(tx, 'change_email', token, now);
    if (!used) return invalid;
    const member = await findMemberById(tx, used.memberId);
    if (!member || member.withdrawnAt) return invalid;
    if (await findLiveMemberByEmail(tx, used.email)) return invalid;
    await tx
      .update(members)
      .set({ email: used.email, emailVerifiedAt: now, updatedAt: now })
      .where(eq(members.id, member.id));
    await recordSignals(tx, deps.config.secretKey, member.id, [{ kind: 'email', value: used.email }], now);
    await recordSecurityEvent(tx, member.id, 'email_changed', ctx.origin, now);
    await mailMember(tx, deps, member, 'email_changed', emailChangedMail, {
      newEmail: used.email,
      resetUrl: mailLinks(deps.config.baseUrl).passwordReset,
    });
    return { ok: true as const };
  });
}

/** Opens the sign-up confirmation link: proves this member holds this address. */
export async function verifyEmail(deps: Deps, token: string, ctx: ActionContext): Promise<boolean> {
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    const used = await consumeEmailToken(tx, 'verify_email', token, now);
    if (!used) return false;
    const updated = await tx
      .update(members)
      .set({ emailVerifiedAt: now, updatedAt: now })
      .where(and(eq(members.id, used.memberId), eq(members.email, used.email), isNull(members.withdrawnAt)))
      .returning({ id: members.id });
    if (updated.length === 0) return false;
    await recordSecurityEvent(tx, used.memberId, 'email_verified', ctx.origin, now);
    return true;
  });
}

export async function resendVerification(deps: Deps, who: CurrentMember): Promise<boolean> {
  const now = deps.clock.now();
  if (who.emailVerified) return false;
  return deps.db.transaction(async (tx) => {
    // About ten links an hour per member (The Copenhagen Book).
    if (!(await consumeRateLimit(tx, { bucket: 'verify-resend', limit: 10, windowMs: 3600_000 }, who.id, now)))
      return false;
    const token = await issueEmailToken(tx, who.id, 'verify_email', who.email, now);
    await mailMember(tx, deps, who, 'verify_email', verifyEmailMail, {
      url: mailLinks(deps.config.baseUrl).verifyEmail(token),
    });
    return true;
  });
}
