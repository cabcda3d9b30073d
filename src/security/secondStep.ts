import type { Message } from '../dictionary';
import type { Deps } from '../platform/deps';
import type { Result } from '../accounts/context';
import { finishLogin, type LoginContext } from '../accounts/logIn';
import { findMemberById } from '../accounts/members';
import { recordSecurityEvent } from '../accounts/securityEvents';
import { completePendingLogin, countWrongCode, openPendingLogin } from './pendingLogins';
import { verifySecondFactor } from './twoFactor';

/**
 * The second step of a login: an authenticator, SMS or recovery code for the pending login of this
 * browser. Five wrong codes end the pending login; a new one needs the password again, which is
 * throttled per address and per IP, so guessing codes is bounded by guessing passwords.
 */
export async function completeSecondFactor(
  deps: Deps,
  input: { pendingToken: string; code: string; remember: boolean },
  ctx: LoginContext,
): Promise<Result<{ token: string; sessionId: string }, { problem: Message; restart: boolean }>> {
  const now = deps.clock.now();
  const pending = await openPendingLogin(deps.db, input.pendingToken, now);
  if (!pending) return { ok: false, restart: true, problem: (t) => t.security.twoFactor.expired };
  const kind = await verifySecondFactor(deps, pending.memberId, input.code, pending.id);
  if (!kind) {
    await deps.db.transaction(async (tx) => {
      await countWrongCode(tx, pending.id);
      await recordSecurityEvent(tx, pending.memberId, 'second_factor_failed', ctx.origin, now);
    });
    return { ok: false, restart: false, problem: (t) => t.security.twoFactor.wrongCode };
  }
  const member = await findMemberById(deps.db, pending.memberId);
  if (!member || member.withdrawnAt || !(await completePendingLogin(deps.db, pending.id, now))) {
    return { ok: false, restart: true, problem: (t) => t.security.twoFactor.expired };
  }
  if (kind === 'recovery') await recordSecurityEvent(deps.db, member.id, 'recovery_code_used', ctx.origin, now);
  const done = await finishLogin(deps, member, ctx, { secondFactor: true, remember: input.remember });
  return { ok: true, token: done.token, sessionId: done.sessionId };
}
