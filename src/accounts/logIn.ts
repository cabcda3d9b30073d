import type { Message } from '../dictionary';
import type { Deps } from '../platform/deps';
import { consumeRateLimits } from '../platform/rateLimit';
import type { ActionContext, Result } from './context';
import { findLiveMemberByEmail, normaliseEmail } from './members';
import { dummyPasswordHash, verifyPassword } from './password';
import { recordSecurityEvent } from './securityEvents';
import { endSession, startSession } from './sessions';

const WINDOW_MS = 15 * 60_000;

export async function logIn(
  deps: Deps,
  input: { email: string; password: string },
  ctx: ActionContext,
): Promise<Result<{ token: string; sessionId: string; memberId: string }, { problem: Message }>> {
  const email = normaliseEmail(input.email);
  const now = deps.clock.now();
  // Coarse limits shared by all processes (settings LOGIN_LIMIT_PER_IP / LOGIN_LIMIT_PER_ADDRESS).
  const { perIp, perAddress } = deps.config.loginLimits;
  const checks = [{ rule: { bucket: 'login:email', limit: perAddress, windowMs: WINDOW_MS }, key: email }];
  if (ctx.origin.ip) checks.push({ rule: { bucket: 'login:ip', limit: perIp, windowMs: WINDOW_MS }, key: ctx.origin.ip });
  const allowed = await consumeRateLimits(deps.db, checks, now);
  if (!allowed) return { ok: false, problem: (t) => t.accounts.errors.tooManyAttempts };

  const member = await findLiveMemberByEmail(deps.db, email);
  // Unknown address and wrong password cost one argon2 verification each and get the same words.
  const passwordOk = await verifyPassword(member?.passwordHash ?? (await dummyPasswordHash()), input.password);
  if (!member || !passwordOk || member.status === 'suspended') {
    if (member) await recordSecurityEvent(deps.db, member.id, 'login_failed', ctx.origin, now);
    return { ok: false, problem: (t) => t.accounts.errors.loginFailed };
  }
  const session = await startSession(deps.db, deps.config, member.id, ctx.origin, now);
  return { ok: true, token: session.token, sessionId: session.sessionId, memberId: member.id };
}

export async function logOut(deps: Deps, session: { sessionId: string; memberId: string }, ctx: ActionContext) {
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    await endSession(tx, session.sessionId, 'logout', now);
    await recordSecurityEvent(tx, session.memberId, 'logout', ctx.origin, now);
  });
}
