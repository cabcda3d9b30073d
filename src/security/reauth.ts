import type { MiddlewareHandler } from 'hono';
import type { Message } from '../dictionary';
import type { Deps } from '../platform/deps';
import { MINUTE } from '../platform/clock';
import type { AppEnv, CurrentMember } from '../platform/web/env';
import { findMemberById } from '../accounts/members';
import { verifyPassword } from '../accounts/password';
import { recordSecurityEvent } from '../accounts/securityEvents';
import { markReauthenticated, type RequestOrigin } from '../accounts/sessions';
import { verifySecondFactor } from './twoFactor';

// ASVS 7.5: sensitive changes need a proof of identity from the last few minutes.
export const REAUTH_WINDOW_MS = 10 * MINUTE;

export function isRecentlyAuthenticated(authenticatedAt: Date | null, now: Date): boolean {
  return authenticatedAt !== null && now.getTime() - authenticatedAt.getTime() <= REAUTH_WINDOW_MS;
}

/** Guards factor, privacy, export and withdrawal routes: older proof sends the member to confirm first. */
export const recentAuthRequired: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (!isRecentlyAuthenticated(c.get('sessionAuthenticatedAt'), c.get('deps').clock.now())) {
    const url = new URL(c.req.url);
    // A form posted after the window closed goes back to its page, not to the POST address.
    const referer = c.req.header('referer');
    const back = c.req.method === 'GET' ? url.pathname + url.search : referer && URL.canParse(referer) ? new URL(referer).pathname : '/settings';
    return c.redirect(`/settings/reauth?next=${encodeURIComponent(back)}`, 303);
  }
  await next();
};

/** Re-authentication with the password or, when one is set up, a second-factor code (ASVS 7.5.1). */
export async function reauthenticate(deps: Deps, member: CurrentMember, sessionId: string, input: { password: string; code: string }, origin: RequestOrigin): Promise<Message | null> {
  const row = await findMemberById(deps.db, member.id);
  const byCode = input.code.trim() !== '' && (await verifySecondFactor(deps, member.id, input.code)) === 'totp';
  const byPassword = !byCode && !!row?.passwordHash && input.password !== '' && (await verifyPassword(row.passwordHash, input.password));
  if (!byCode && !byPassword) return (t) => t.accounts.errors.currentPasswordWrong;
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    await markReauthenticated(tx, sessionId, now, { secondFactor: byCode });
    await recordSecurityEvent(tx, member.id, 'reauthenticated', origin, now);
  });
  return null;
}
