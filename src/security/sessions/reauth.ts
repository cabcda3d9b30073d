import type { MiddlewareHandler } from 'hono';
import type { Message } from '../../dictionary';
import type { Deps } from '../../platform/deps';
import type { Tx } from '../../platform/db/client';
import { MINUTE } from '../../platform/clock';
import type { AppEnv, CurrentMember } from '../../platform/web/env';
import { returnPath } from '../../platform/web/http';
import { eq } from 'drizzle-orm';
import { findMemberById, keepPasswordMark } from '../../accounts/members';
import { members } from '../../accounts/schema';
import { verifyPassword } from '../../accounts/password';
import { recordSecurityEvent } from './securityEvents';
import type { RequestOrigin } from '../../platform/context';
import { markReauthenticated } from './sessions';
import { keyedHash } from '../../platform/tokens';
import { clearFailures, releaseAttempt, reserveAttempt } from '../login/throttle';
import { verifySecondFactor } from '../factors/twoFactor';

// ASVS 7.5: sensitive changes need a proof of identity from the last few minutes.
export const REAUTH_WINDOW_MS = 10 * MINUTE;

export function isRecentlyAuthenticated(authenticatedAt: Date | null, now: Date): boolean {
  return authenticatedAt !== null && now.getTime() - authenticatedAt.getTime() <= REAUTH_WINDOW_MS;
}

/** Guards factor, privacy, export and withdrawal routes: older proof sends the member to confirm first. */
export const recentAuthRequired: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (!isRecentlyAuthenticated(c.get('sessionAuthenticatedAt'), c.get('deps').clock.now())) {
    // A form posted after the window closed goes back to its page (on this site), not to the POST address.
    return c.redirect(`/settings/reauth?next=${encodeURIComponent(returnPath(c, '/settings'))}`, 303);
  }
  await next();
};

/**
 * What the member offers as proof: a password or a code, and when this session last proved who it is.
 * An account made with an SNS sign-in has no password: a sign-in or re-authentication of the last few
 * minutes stands in for one (and only for it).
 */
export type IdentityProof = { password: string | null; code: string; sessionAuthenticatedAt: Date | null };

/** Whether a page must send the member to re-authenticate before it can ask anything (no password to ask for). */
export async function needsRecentProofFirst(
  deps: Deps,
  memberId: string,
  sessionAuthenticatedAt: Date | null,
): Promise<boolean> {
  const member = await findMemberById(deps.db, memberId);
  return !!member && !member.passwordHash && !isRecentlyAuthenticated(sessionAuthenticatedAt, deps.clock.now());
}

/** Whether this member is asked for a password at all (accounts made by SNS sign-in have none yet). */
export async function hasPassword(deps: Deps, memberId: string): Promise<boolean> {
  return (await findMemberById(deps.db, memberId))?.passwordHash != null;
}

/**
 * The one check of a signed-in member's password or authenticator/recovery code, used by
 * re-authentication, the password change and the email change. A stolen session must not become a
 * free guessing machine: failures are logged and throttled per member with the login's back-off.
 */
export async function proveIdentity(
  deps: Deps,
  memberId: string,
  input: IdentityProof,
  origin: RequestOrigin,
): Promise<{ ok: true; by: 'password' | 'code' | 'recent_sign_in' } | { ok: false; problem: Message }> {
  const now = deps.clock.now();
  const key = identityCheckKey(deps.config.secretKey, memberId);
  // Taken before the check, as at login: parallel guesses meet the back-off as sequential ones do.
  const { state: throttle, reservation } = await reserveAttempt(deps.db, key, now);
  if (throttle.kind !== 'open') return { ok: false, problem: (t) => t.accounts.errors.tooManyAttempts };
  const member = await findMemberById(deps.db, memberId);
  if (
    member &&
    !member.passwordHash &&
    input.code.trim() === '' &&
    isRecentlyAuthenticated(input.sessionAuthenticatedAt, now)
  ) {
    await releaseAttempt(deps.db, reservation);
    return { ok: true, by: 'recent_sign_in' };
  }
  const kind = input.code.trim() !== '' ? await verifySecondFactor(deps, memberId, input.code) : null;
  const byCode = kind === 'totp' || kind === 'recovery';
  const byPassword =
    !byCode &&
    !!member?.passwordHash &&
    !!input.password &&
    (await verifyPassword(member.passwordHash, input.password));
  if (!byCode && !byPassword) {
    await recordSecurityEvent(deps.db, memberId, 'reauth_failed', origin, now);
    return { ok: false, problem: (t) => t.accounts.errors.currentPasswordWrong };
  }
  if (kind === 'recovery') await recordSecurityEvent(deps.db, memberId, 'recovery_code_used', origin, now);
  if (byPassword) await keepPasswordMark(deps.db, member, input.password!);
  await clearFailures(deps.db, key);
  return { ok: true, by: byCode ? 'code' : 'password' };
}

function identityCheckKey(secret: string, memberId: string) {
  return keyedHash(secret, 'identity-check', memberId);
}

/** A password reset proves the owner by mail: it lifts the hold that wrong guesses in a session put on identity checks. */
export async function clearIdentityCheckFailures(tx: Tx, secret: string, memberId: string) {
  await clearFailures(tx, identityCheckKey(secret, memberId));
}

/** Re-authentication with the password or, when one is set up, a second-factor code (ASVS 7.5.1). */
export async function reauthenticate(
  deps: Deps,
  member: CurrentMember,
  sessionId: string,
  input: IdentityProof,
  origin: RequestOrigin,
): Promise<Message | null> {
  const proof = await proveIdentity(deps, member.id, input, origin);
  if (!proof.ok) return proof.problem;
  if (proof.by === 'recent_sign_in') return null; // nothing new was proven: the session keeps its time
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    // Lock order: the member row first, then the session, as 退会 does; the other order deadlocks a double submit.
    await tx.select({ id: members.id }).from(members).where(eq(members.id, member.id)).for('update');
    await markReauthenticated(tx, sessionId, now, { secondFactor: proof.by === 'code' });
    await recordSecurityEvent(tx, member.id, 'reauthenticated', origin, now);
  });
  return null;
}
