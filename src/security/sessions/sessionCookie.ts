import type { Context, MiddlewareHandler } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { AppEnv } from '../../platform/web/env';
import { cookieName, cookieOptions, renewCsrf } from '../../platform/web/security';
import { randomToken } from '../../platform/tokens';
import { findSession, sessionLifetime, touchSession } from './sessions';

const SESSION_COOKIE = 'wz_session';
const DEVICE_COOKIE = 'wz_device';
const PENDING_COOKIE = 'wz_pending';

/** The pending login between password and second factor lives in its own short cookie, never in the session cookie. */
export function setPendingLoginCookie(c: Context<AppEnv>, token: string) {
  const { config } = c.get('deps');
  setCookie(c, cookieName(config.baseUrl, PENDING_COOKIE), token, cookieOptions(config.baseUrl, 600));
}

export function pendingLoginCookie(c: Context<AppEnv>): string | null {
  return getCookie(c, cookieName(c.get('deps').config.baseUrl, PENDING_COOKIE)) ?? null;
}

export function clearPendingLoginCookie(c: Context<AppEnv>) {
  const { config } = c.get('deps');
  deleteCookie(c, cookieName(config.baseUrl, PENDING_COOKIE), cookieOptions(config.baseUrl));
}

/** A long-lived random identifier of this browser, so a login from a browser never seen before can be reported. */
export function ensureDeviceToken(c: Context<AppEnv>): string {
  const { config } = c.get('deps');
  const name = cookieName(config.baseUrl, DEVICE_COOKIE);
  const existing = getCookie(c, name);
  if (existing && /^[A-Za-z0-9_-]{43}$/.test(existing)) return existing;
  const token = randomToken();
  setCookie(c, name, token, cookieOptions(config.baseUrl, 400 * 24 * 3600));
  return token;
}

export function setSessionCookie(c: Context<AppEnv>, token: string) {
  const { config } = c.get('deps');
  setCookie(
    c,
    cookieName(config.baseUrl, SESSION_COOKIE),
    token,
    cookieOptions(config.baseUrl, Math.floor(sessionLifetime(config).absoluteMs / 1000)),
  );
  renewCsrf(c, token);
}

export function clearSessionCookie(c: Context<AppEnv>) {
  const { config } = c.get('deps');
  deleteCookie(c, cookieName(config.baseUrl, SESSION_COOKIE), cookieOptions(config.baseUrl));
  renewCsrf(c, '');
}

/** What form tokens are bound to: the live session's cookie, or '' when there is none (logged out, ended, expired). */
export function formTokenSession(c: Context<AppEnv>): string {
  if (!c.get('sessionId')) return '';
  return getCookie(c, cookieName(c.get('deps').config.baseUrl, SESSION_COOKIE)) ?? '';
}

/** Finds the member behind the session cookie (one query) and puts them in the request. */
export function loadSession(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const deps = c.get('deps');
    const token = getCookie(c, cookieName(deps.config.baseUrl, SESSION_COOKIE));
    c.set('sessionId', null);
    c.set('sessionAuthenticatedAt', null);
    c.set('sessionSecondFactorAt', null);
    if (token && token.length <= 100) {
      const now = deps.clock.now();
      const found = await findSession(deps.db, token, now);
      if (found) {
        c.set('sessionId', found.sessionId);
        c.set('sessionAuthenticatedAt', found.reauthenticatedAt);
        c.set('sessionSecondFactorAt', found.secondFactorAt);
        c.get('view').member = found.member;
        await touchSession(deps.db, found, now);
      } else {
        clearSessionCookie(c);
      }
    }
    await next();
  };
}
