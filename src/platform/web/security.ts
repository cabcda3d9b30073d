import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import type { AppEnv } from './env';

export function isHttps(baseUrl: string): boolean {
  return baseUrl.startsWith('https://');
}

/** Cookie names get the __Host- prefix where HTTPS makes it valid (bound to this host, Secure, Path=/). */
export function cookieName(baseUrl: string, name: string): string {
  return isHttps(baseUrl) ? `__Host-${name}` : name;
}

export function cookieOptions(baseUrl: string, maxAgeSeconds?: number) {
  return { path: '/', httpOnly: true, sameSite: 'Lax' as const, secure: isHttps(baseUrl), maxAge: maxAgeSeconds };
}

// Two years, the preload lists' minimum: once a browser has seen the site over HTTPS it never tries plain HTTP.
const HSTS_SECONDS = 2 * 365 * 24 * 3600;

/**
 * extraFormTargets: origins a form may lead to besides this site (the SNS providers' sign-in pages,
 * reached by a redirect after a form). https: the site is served over HTTPS (BASE_URL), so it says so for good.
 */
export function securityHeaders(extraFormTargets: string[] = [], https = false): MiddlewareHandler<AppEnv> {
  const formAction = ["'self'", ...new Set(extraFormTargets)].join(' ');
  return async (c, next) => {
    await next();
    const h = c.res.headers;
    h.set(
      'Content-Security-Policy',
      `default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'self'; object-src 'none'; base-uri 'none'; form-action ${formAction}; frame-ancestors 'none'`,
    );
    h.set('X-Content-Type-Options', 'nosniff');
    h.set('X-Frame-Options', 'DENY');
    if (!h.has('Referrer-Policy')) h.set('Referrer-Policy', 'same-origin');
    h.set('Cross-Origin-Opener-Policy', 'same-origin');
    h.set('Permissions-Policy', 'camera=(), microphone=(), geolocation=()');
    if (!h.has('Cache-Control')) h.set('Cache-Control', 'no-store');
    if (https) h.set('Strict-Transport-Security', `max-age=${HSTS_SECONDS}; includeSubDomains`);
  };
}

const CSRF_COOKIE = 'wz_csrf';
const CSRF_COOKIE_SECONDS = 60 * 60 * 24 * 365;

/**
 * The token forms carry: an HMAC of a random per-browser cookie and of the session the page was
 * rendered for (`session`: the session cookie, '' when logged out). A form from another site cannot
 * forge it, and a form left open from an ended or different session no longer matches: it is
 * refused instead of being saved into whoever is logged in now.
 */
export function csrfToken(c: Context<AppEnv>, session: string): string {
  const { config } = c.get('deps');
  const name = cookieName(config.baseUrl, CSRF_COOKIE);
  let seed = getCookie(c, name);
  if (!seed || seed.length < 32) seed = newCsrfSeed(c);
  return signCsrf(config.secretKey, seed, session);
}

/** At log-in and log-out: a new seed for the new session, and the page being rendered carries its token. */
export function renewCsrf(c: Context<AppEnv>, session: string) {
  c.get('view').csrfToken = signCsrf(c.get('deps').config.secretKey, newCsrfSeed(c), session);
}

function newCsrfSeed(c: Context<AppEnv>): string {
  const { config } = c.get('deps');
  const seed = randomBytes(32).toString('base64url');
  setCookie(c, cookieName(config.baseUrl, CSRF_COOKIE), seed, cookieOptions(config.baseUrl, CSRF_COOKIE_SECONDS));
  return seed;
}

function signCsrf(secret: string, seed: string, session: string): string {
  return createHmac('sha256', secret).update(`csrf:${seed}:${session}`).digest('base64url');
}

/**
 * A form body no browser would send (multipart without its boundary, a cut-off part) cannot be read;
 * hono keeps the parse, so checking once here spares every later reader the exception.
 */
export async function formBodyReadable(c: Context<AppEnv>): Promise<boolean> {
  return c.req.parseBody().then(
    () => true,
    () => false,
  );
}

/** Checks a state-changing request: same origin (when the browser says) and a valid form token for this session. */
export async function verifyCsrf(c: Context<AppEnv>, session: string): Promise<boolean> {
  const { config } = c.get('deps');
  const origin = c.req.header('origin');
  if (origin && origin !== 'null' && origin !== new URL(config.baseUrl).origin && origin !== new URL(c.req.url).origin)
    return false;
  const seed = getCookie(c, cookieName(config.baseUrl, CSRF_COOKIE));
  if (!seed) return false;
  let submitted = c.req.header('x-csrf-token');
  if (!submitted) {
    const type = c.req.header('content-type') ?? '';
    if (type.startsWith('application/x-www-form-urlencoded') || type.startsWith('multipart/form-data')) {
      const body = await c.req.parseBody();
      submitted = typeof body._csrf === 'string' ? body._csrf : undefined;
    }
  }
  if (!submitted) return false;
  const expected = Buffer.from(signCsrf(config.secretKey, seed, session));
  const given = Buffer.from(submitted);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
