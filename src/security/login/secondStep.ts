import type { Message } from '../../dictionary';
import type { Tx } from '../../platform/db/client';
import type { Deps } from '../../platform/deps';
import { mailMember } from '../../platform/mail/mailMember';
import type { Result } from '../../platform/context';
import { finishLogin, memberForLogin, sendUnlockMail, type LoginContext } from './logIn';
import type { members } from '../../accounts/schema';
import { recordSecurityEvent } from '../sessions/securityEvents';
import { deviceKey } from './devices';
import { secondStepFailedMail } from '../mails';
import { completePendingLogin, MAX_WRONG_CODES, openPendingLogin, takeCodeAttempt } from './pendingLogins';
import { addressKey, releaseAttempt, reserveAttempt } from './throttle';
import { verifySecondFactor, wrongCodeProblem } from '../factors/twoFactor';
import { describeUserAgent } from '../sessions/userAgent';
import { mailLinks } from '../../platform/mail/links';

/** Why the login starts again from the password: the login page says it (`/login?notice=`). */
export type LoginRestart = 'expired' | 'wrong-codes' | 'locked';

/**
 * The second step of a login: an authenticator, SMS or recovery code for the pending login of this
 * browser. Someone who has the password must not get unlimited guesses: each pending login allows
 * five tries, and every wrong code counts against the address like a wrong password (back-off, then
 * the lock and its mail), which only a completed login clears. The owner is mailed when a pending
 * login runs out of tries.
 */
export async function completeSecondFactor(
  deps: Deps,
  input: { pendingToken: string; code: string; remember: boolean },
  ctx: LoginContext,
): Promise<Result<{ token: string; sessionId: string }, { problem: Message; restart: false | LoginRestart }>> {
  const now = deps.clock.now();
  const pending = await openPendingLogin(deps.db, input.pendingToken, now);
  const account = pending
    ? await memberForLogin(deps.db, { id: pending.memberId }, deviceKey(deps.config.secretKey, ctx.deviceToken))
    : null;
  if (!pending || !account || account.member.withdrawnAt)
    return { ok: false, restart: 'expired', problem: (t) => t.security.twoFactor.expired };
  const { member, knownBrowser } = account;
  // The same count the password step uses for this browser: the member's own browsers have theirs.
  const key = addressKey(deps.config.secretKey, member.email, knownBrowser ? 'known' : 'other');
  const { state: throttle, lockedNow, reservation } = await reserveAttempt(deps.db, key, now);
  if (throttle.kind === 'locked')
    return { ok: false, restart: 'locked', problem: (t) => t.accounts.errors.accountLocked };
  if (throttle.kind === 'wait') return { ok: false, restart: false, problem: (t) => t.accounts.errors.tooManyAttempts };
  const triesUsed = await takeCodeAttempt(deps.db, pending.id);
  if (triesUsed === null) {
    await releaseAttempt(deps.db, reservation);
    return { ok: false, restart: 'expired', problem: (t) => t.security.twoFactor.expired };
  }

  const kind = await verifySecondFactor(deps, member.id, input.code, pending.id);
  if (!kind) {
    await deps.db.transaction(async (tx) => {
      await recordSecurityEvent(tx, member.id, 'second_factor_failed', ctx.origin, now);
      if (lockedNow) await sendUnlockMail(tx, deps, member, now);
      else if (triesUsed === MAX_WRONG_CODES) await sendSecondStepFailedMail(tx, deps, member, ctx, now);
    });
    if (triesUsed === MAX_WRONG_CODES)
      return { ok: false, restart: 'wrong-codes', problem: (t) => t.security.twoFactor.tooManyWrongCodes };
    return { ok: false, restart: false, problem: wrongCodeProblem(input.code) };
  }
  if (!(await completePendingLogin(deps.db, pending.id, now))) {
    await releaseAttempt(deps.db, reservation);
    return { ok: false, restart: 'expired', problem: (t) => t.security.twoFactor.expired };
  }
  if (kind === 'recovery') await recordSecurityEvent(deps.db, member.id, 'recovery_code_used', ctx.origin, now);
  const policy = { secondFactor: true, remember: input.remember };
  const done = await finishLogin(deps, member, ctx, policy, { knownBrowser, clearKey: key });
  return { ok: true, token: done.token, sessionId: done.sessionId };
}

async function sendSecondStepFailedMail(
  tx: Tx,
  deps: Deps,
  member: typeof members.$inferSelect,
  ctx: LoginContext,
  now: Date,
) {
  await mailMember(tx, deps, member, 'second_step_failed', secondStepFailedMail, {
    when: now,
    ip: ctx.origin.ip ?? '-',
    device: describeUserAgent(ctx.origin.userAgent),
    resetUrl: mailLinks(deps.config.baseUrl).passwordReset,
  });
}
