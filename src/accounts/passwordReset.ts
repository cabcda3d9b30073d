import { eq } from 'drizzle-orm';
import type { Message } from '../dictionary';
import type { Deps } from '../platform/deps';
import { mailMember } from '../platform/mail/mailMember';
import { consumeRateLimit } from '../platform/rateLimit';
import type { ActionContext, RequestOrigin, Result } from '../platform/context';
import { consumeEmailToken, issueEmailToken, peekEmailToken } from './emailTokens';
import { passwordChangedMail, passwordResetMail } from './mails';
import { findLiveMemberByEmail, findMemberById, normaliseEmail } from './members';
import { fitsAsOnlyFactor, hashPassword, passwordProblem } from './password';
import { knownDevices, members } from './schema';
import { recordSecurityEvent } from '../security/sessions/securityEvents';
import { endMemberSessions } from '../security/sessions/sessions';
import { hasSecondFactor } from '../security/factors/twoFactor';
import { clearAddressFailures } from '../security/login/throttle';
import { clearIdentityCheckFailures } from '../security/sessions/reauth';
import { mailLinks } from '../platform/mail/links';

const requestsPerAddress = { bucket: 'reset:email', limit: 5, windowMs: 3600_000 };
const requestsPerIp = { bucket: 'reset:ip', limit: 30, windowMs: 3600_000 };

export const PASSWORD_RESET_JOB = 'accounts.password-reset';
export type PasswordResetJob = { email: string; origin: RequestOrigin };

/**
 * パスワード再設定の申し込み. The request does the same work whatever the address: it counts the limits and
 * queues a job; whether the address has an account is looked up only in the job (sendPasswordReset), so
 * neither the answer nor its time tells. Over the limit nothing is queued, and the answer is still the same.
 */
export async function requestPasswordReset(deps: Deps, rawEmail: string, ctx: ActionContext): Promise<void> {
  const email = normaliseEmail(rawEmail);
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    const allowed =
      (await consumeRateLimit(tx, requestsPerAddress, email, now)) &&
      (!ctx.origin.ip || (await consumeRateLimit(tx, requestsPerIp, ctx.origin.ip, now)));
    if (allowed) await deps.jobs.enqueue<PasswordResetJob>(tx, PASSWORD_RESET_JOB, { email, origin: ctx.origin });
  });
}

/** The job: emails a reset link if the address has a live account. Never locks the account. */
export async function sendPasswordReset(deps: Deps, { email, origin }: PasswordResetJob): Promise<void> {
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    const member = await findLiveMemberByEmail(tx, email);
    if (!member || member.status === 'withdrawn') return;
    const token = await issueEmailToken(tx, member.id, 'password_reset', member.email, now);
    await recordSecurityEvent(tx, member.id, 'password_reset_requested', origin, now);
    // The link is built from BASE_URL, never from the request's Host header.
    await mailMember(tx, deps, member, 'password_reset', passwordResetMail, {
      url: mailLinks(deps.config.baseUrl).passwordResetConfirm(token),
    });
  });
}

export async function isResetTokenValid(deps: Deps, token: string): Promise<boolean> {
  return (await peekEmailToken(deps.db, 'password_reset', token, deps.clock.now())) !== null;
}

/** Sets a new password from an emailed link. No automatic login afterwards; other sessions end if asked. */
export async function resetPassword(
  deps: Deps,
  input: { token: string; password: string; endOtherSessions: boolean },
  ctx: ActionContext,
): Promise<Result<{}, { errors: { password?: Message; token?: Message } }>> {
  const now = deps.clock.now();
  const invalid = { ok: false as const, errors: { token: ((t) => t.accounts.errors.tokenInvalid) as Message } };
  const peek = await peekEmailToken(deps.db, 'password_reset', input.token, now);
  if (!peek) return invalid;
  const member = await findMemberById(deps.db, peek.memberId);
  if (!member) return invalid;
  const weak = passwordProblem(input.password, member, await hasSecondFactor(deps.db, member.id));
  if (weak) return { ok: false, errors: { password: weak } };
  const passwordHash = await hashPassword(input.password);
  return deps.db.transaction(async (tx) => {
    const used = await consumeEmailToken(tx, 'password_reset', input.token, now);
    if (!used) return invalid;
    await tx
      .update(members)
      .set({ passwordHash, passwordFitsAlone: fitsAsOnlyFactor(input.password), updatedAt: now })
      .where(eq(members.id, member.id));
    if (input.endOtherSessions) {
      await endMemberSessions(tx, member.id, 'password_reset', now);
      // Logging out everywhere also forgets every browser: whoever had the account loses its standing too.
      await tx.delete(knownDevices).where(eq(knownDevices.memberId, member.id));
    }
    // Proving the address by mail also lifts a login lock on it, and the hold on identity checks.
    await clearAddressFailures(tx, deps.config.secretKey, member.email);
    await clearIdentityCheckFailures(tx, deps.config.secretKey, member.id);
    await recordSecurityEvent(tx, member.id, 'password_reset', ctx.origin, now);
    await mailMember(tx, deps, member, 'password_changed', passwordChangedMail, {
      when: now,
      resetUrl: mailLinks(deps.config.baseUrl).passwordReset,
      sessionsEnded: input.endOtherSessions,
    });
    return { ok: true as const };
  });
}
