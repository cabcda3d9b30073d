import { isIP } from 'node:net';
import type { Context, MiddlewareHandler } from 'hono';
import { getConnInfo } from '@hono/node-server/conninfo';
import type { Child } from 'hono/jsx';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { RequestOrigin } from '../context';
import type { ActionContext } from '../context';
import type { AppEnv, CurrentMember } from './env';
import { Layout } from './layout';

export function render(c: Context<AppEnv>, page: Child, status: ContentfulStatusCode = 200) {
  return c.html(`<!doctype html>${page}`, status);
}

/** Guards routes for signed-in members; everyone else is sent to log in and brought back after. */
export const memberOnly: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (!c.get('view').member) return loginRedirect(c);
  await next();
};

/** The signed-in member, on a route behind memberOnly. */
export function currentMember(c: Context<AppEnv>): CurrentMember {
  const member = c.get('view').member;
  if (!member) throw new Error('route is missing memberOnly');
  return member;
}

export function loginRedirect(c: Context<AppEnv>) {
  return c.redirect(`/login?next=${encodeURIComponent(returnPath(c, '/'))}`, 303);
}

/**
 * Where to come back to after a detour (login, confirmation): the page itself for a GET; for a form
 * post, the page the form was on (the same-origin Referer), since a POST address has no page to show.
 */
export function returnPath(c: Context<AppEnv>, fallback: string): string {
  const url = new URL(c.req.url);
  if (c.req.method === 'GET' || c.req.method === 'HEAD') return safeNextPath(url.pathname + url.search);
  const referer = c.req.header('referer');
  if (!referer || !URL.canParse(referer)) return fallback;
  const from = new URL(referer);
  if (from.origin !== new URL(c.get('deps').config.baseUrl).origin && from.origin !== url.origin) return fallback;
  const path = from.pathname + from.search;
  return safeNextPath(path) === path ? path : fallback;
}

export function requestOrigin(c: Context<AppEnv>): RequestOrigin {
  let ip: string | null = null;
  try {
    ip = getConnInfo(c).remote.address ?? null;
  } catch {
    ip = null; // not behind a socket (in-process requests in tests)
  }
  return {
    ip: clientIp(ip, c.req.header('x-forwarded-for'), c.get('deps').config.trustedProxies),
    userAgent: c.req.header('user-agent') ?? null,
  };
}

/**
 * The visitor's address. Behind N trusted proxies the socket shows the nearest proxy; each proxy appends
 * the address it saw to X-Forwarded-For, so the visitor is the N-th entry from the right. Entries further
 * left are whatever the visitor sent and are never believed.
 */
export function clientIp(
  socketIp: string | null,
  forwardedFor: string | undefined,
  trustedProxies: number,
): string | null {
  if (trustedProxies === 0 || !forwardedFor) return socketIp;
  const hops = forwardedFor.split(',').map((entry) => entry.trim());
  const candidate = hops[hops.length - trustedProxies] ?? hops[0];
  return isIP(candidate) ? candidate : socketIp;
}

export function actionContext(c: Context<AppEnv>): ActionContext {
  return { origin: requestOrigin(c), locale: c.get('view').locale };
}

/** Form fields as strings; a file or a repeated field never reaches a string-only parser. */
export async function formBody(c: Context<AppEnv>): Promise<Record<string, string>> {
  const body = await c.req.parseBody();
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(body)) if (typeof value === 'string') out[key] = value;
  return out;
}

/**
 * Only same-site paths are followed after login, never another host. Browsers drop tabs and line
 * breaks and read a backslash as a slash, so "/\t/evil.example" would become "//evil.example": any
 * control character or backslash refuses the path.
 */
export function safeNextPath(next: string | undefined): string {
  return next && next.startsWith('/') && !next.startsWith('//') && !/[\\\u0000-\u001f\u007f]/.test(next) ? next : '/';
}

export function MessagePage(props: {
  c: Context<AppEnv>;
  title: string;
  body: string;
  link?: { href: string; label: string };
  noindex?: boolean;
}) {
  const v = props.c.get('view');
  return (
    <Layout v={v} title={props.title} noindex={props.noindex}>
      <section class="card narrow">
        <h1>{props.title}</h1>
        <p>{props.body}</p>
        {props.link ? <a href={props.link.href}>{props.link.label}</a> : null}
      </section>
    </Layout>
  );
}
