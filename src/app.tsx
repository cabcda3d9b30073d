import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { getCookie, setCookie } from 'hono/cookie';
import { accountRoutes } from './accounts/routes';
import { saveLocale } from './accounts/members';
import { formTokenSession, loadSession } from './security/sessions/sessionCookie';
import { loginRoutes } from './security/login/routes';
import { dictionaries } from './dictionary';
import { marketplaceRoutes } from './marketplace/routes';
import { SERVICE_IMAGE_MAX_BYTES, SERVICE_IMAGES_MAX } from './marketplace/services/images';
import { messagingRoutes } from './messages/routes';
import { tradingRoutes } from './trading/routes';
import { requestRoutes } from './trading/requestRoutes';
import { profileRoutes } from './profiles/routes';
import { adminRoutes } from './admin/routes';
import { helpRoutes } from './help/routes';
import { privacyRoutes } from './privacy/routes';
import { securityRoutes } from './security/routes';
import { devSmsRoutes } from './security/factors/smsRoutes';
import { withdrawalRoutes } from './withdrawal/routes';
import { snsRoutes } from './sns/routes';
import { supportRoutes } from './support/routes';
import { exportRoutes } from './export/routes';
import { favoriteRoutes } from './favorites/routes';
import { blockingRoutes } from './blocking/routes';
import { reportRoutes } from './reports/routes';
import { loadUnreadNotifications, MAIL_STOP_PATH, notificationRoutes } from './notifications/routes';
import { legalRoutes } from './legal/routes';
import { documentRoutes } from './documents/routes';
import { termsRoutes } from './legal/termsRoutes';
import { registerCollectors } from './operations/collectors';
import { operationsRoutes } from './operations/routes';
import { createMetricsRegistry, requestMetrics } from './platform/metrics';
import type { Deps } from './platform/deps';
import { isLocale, pickLocale } from './platform/i18n';
import { devMailboxRoutes } from './platform/mail/devMailbox';
import type { AppEnv } from './platform/web/env';
import { ErrorPage, isDatabaseUnavailable, notFoundPage } from './platform/web/errors';
import { logoSvg, ogImagePng } from './platform/web/brand';
import { render, safeNextPath } from './platform/web/http';
import { inputIsClean } from './platform/web/inputRule';
import {
  cookieOptions,
  csrfToken,
  formBodyReadable,
  isHttps,
  securityHeaders,
  verifyCsrf,
} from './platform/web/security';

const staticFiles: Record<string, { body: string; type: string }> = {
  'app.css': {
    body: readFileSync(new URL('./platform/web/static/app.css', import.meta.url), 'utf8'),
    type: 'text/css; charset=utf-8',
  },
  'pages.css': {
    body: readFileSync(new URL('./platform/web/static/pages.css', import.meta.url), 'utf8'),
    type: 'text/css; charset=utf-8',
  },
  'avatar.svg': {
    body: readFileSync(new URL('./platform/web/static/avatar.svg', import.meta.url), 'utf8'),
    type: 'image/svg+xml',
  },
  'logo.svg': { body: logoSvg, type: 'image/svg+xml' },
  // Menus, focus after a refused form, export progress: the one script every page loads (a few hundred bytes).
  'app.js': {
    body: readFileSync(new URL('./platform/web/static/app.js', import.meta.url), 'utf8'),
    type: 'text/javascript; charset=utf-8',
  },
  'password-meter.js': {
    body: readFileSync(new URL('./platform/web/static/password-meter.js', import.meta.url), 'utf8'),
    type: 'text/javascript; charset=utf-8',
  },
  'passkeys.js': {
    body: readFileSync(new URL('./platform/web/static/passkeys.js', import.meta.url), 'utf8'),
    type: 'text/javascript; charset=utf-8',
  },
  // The browser half of @simplewebauthn, served from our origin (CSP allows only our own scripts).
  'simplewebauthn.js': {
    body: readFileSync(
      join(
        dirname(createRequire(import.meta.url).resolve('@simplewebauthn/browser')),
        '..',
        'dist/bundle/index.umd.min.js',
      ),
      'utf8',
    ),
    type: 'text/javascript; charset=utf-8',
  },
};
const LOCALE_COOKIE = 'wz_lang';
// Uploads (avatars, attachments) stay well under this; anything larger is refused before it is read.
const MAX_BODY_BYTES = 12 * 1024 * 1024;
// The service form carries up to five images of up to 5 MB each, with room for the text fields.
const SERVICE_FORM_MAX_BODY_BYTES = SERVICE_IMAGES_MAX * SERVICE_IMAGE_MAX_BYTES + 1024 * 1024;
const SERVICE_FORM_PATH = /^\/services\/(new|[0-9a-f-]{36}\/edit)$/;

export type AppOptions = {
  /** True once the process has been told to stop (SIGTERM): /readyz answers 503 and connections close. */
  isStopping?: () => boolean;
};

export function createApp(deps: Deps, options: AppOptions = {}) {
  const app = new Hono<AppEnv>();
  const snsProviders = deps.config.snsProviders.map(({ id, name }) => ({ id, name }));
  const isStopping = options.isStopping ?? (() => false);
  const metrics = createMetricsRegistry();
  registerCollectors(metrics, deps);

  app.use(requestMetrics(metrics));
  app.use(async (c, next) => {
    await next();
    // A stopping process answers what it was asked, then tells keep-alive clients not to send more here.
    if (isStopping()) c.header('Connection', 'close');
  });
  app.use(async (c, next) => {
    c.set('deps', deps);
    const locale = pickLocale(getCookie(c, LOCALE_COOKIE), c.req.header('accept-language'));
    c.set('view', {
      t: dictionaries[locale],
      locale,
      member: null,
      csrfToken: '',
      path: new URL(c.req.url).pathname,
      devMode: deps.config.env !== 'production',
      baseUrl: deps.config.baseUrl,
      snsProviders,
    });
    await next();
  });
  app.use(
    securityHeaders(
      deps.config.snsProviders.map((p) => new URL(p.issuer).origin),
      isHttps(deps.config.baseUrl),
    ),
  );
  app.get('/healthz', async (c) => {
    const [up, search] = await Promise.all([deps.database.ping().catch(() => false), deps.search.health()]);
    // Search falling back to PostgreSQL is reported, not a failure: every page still answers.
    return c.json({ status: up ? 'ok' : 'degraded', database: up ? 'up' : 'down', search }, up ? 200 : 503);
  });

  app.route('/', operationsRoutes(metrics, isStopping));

  const tooLarge = (c: Context<AppEnv>) =>
    render(
      c,
      <ErrorPage
        v={c.get('view')}
        title={c.get('view').t.common.errors.tooLarge}
        body={c.get('view').t.common.errors.tooLargeBody}
      />,
      413,
    );
  const usualLimit = bodyLimit({ maxSize: MAX_BODY_BYTES, onError: tooLarge });
  const serviceFormLimit = bodyLimit({ maxSize: SERVICE_FORM_MAX_BODY_BYTES, onError: tooLarge });
  app.use((c, next) => (SERVICE_FORM_PATH.test(c.req.path) ? serviceFormLimit : usualLimit)(c, next));
  app.use(async (c, next) => {
    const view = c.get('view');
    if (!['GET', 'HEAD', 'OPTIONS'].includes(c.req.method) && !(await formBodyReadable(c)))
      return render(
        c,
        <ErrorPage v={view} title={view.t.common.errors.badRequestTitle} body={view.t.common.errors.badRequestBody} />,
        400,
      );
    if (!(await inputIsClean(c)))
      return render(
        c,
        <ErrorPage v={view} title={view.t.common.errors.badInputTitle} body={view.t.common.errors.badInputBody} />,
        400,
      );
    await next();
  });
  // Browsers ask for /favicon.ico on their own; the mark is an SVG, which they accept by its type.
  app.get('/favicon.ico', (c) => {
    c.header('Cache-Control', 'public, max-age=86400');
    return c.body(logoSvg, 200, { 'Content-Type': 'image/svg+xml' });
  });
  let ogImage: Buffer | null = null;
  app.get('/og.png', (c) => {
    ogImage ??= ogImagePng();
    c.header('Cache-Control', 'public, max-age=86400');
    return c.body(new Uint8Array(ogImage), 200, { 'Content-Type': 'image/png' });
  });
  app.get('/static/:name', (c) => {
    const name = c.req.param('name');
    if (!Object.hasOwn(staticFiles, name)) return c.text('Not found', 404);
    const file = staticFiles[name];
    c.header('Cache-Control', 'public, max-age=3600');
    return c.body(file.body, 200, { 'Content-Type': file.type });
  });
  app.use(loadSession());
  app.use(async (c, next) => {
    // Form tokens are bound to the live session, so the session is read first; a token renewed on the
    // way (an ended session's cookie cleared) is the one this page carries.
    const view = c.get('view');
    if (!view.csrfToken) view.csrfToken = csrfToken(c, formTokenSession(c));
    if (
      !['GET', 'HEAD', 'OPTIONS'].includes(c.req.method) &&
      !MAIL_STOP_PATH.test(c.req.path) &&
      !(await verifyCsrf(c, formTokenSession(c)))
    )
      return render(
        c,
        <ErrorPage v={view} title={view.t.common.errors.csrfTitle} body={view.t.common.errors.csrfBody} />,
        403,
      );
    await next();
  });
  app.use(loadUnreadNotifications());
  app.use(async (c, next) => {
    // A signed-in member reads in the language they chose; a visitor's cookie or browser decides otherwise.
    const view = c.get('view');
    if (view.member && !getCookie(c, LOCALE_COOKIE)) {
      view.locale = view.member.locale;
      view.t = dictionaries[view.locale];
    }
    await next();
  });

  app.post('/locale', async (c) => {
    const body = await c.req.parseBody();
    const locale = body.locale;
    if (isLocale(locale)) {
      setCookie(c, LOCALE_COOKIE, locale, {
        ...cookieOptions(deps.config.baseUrl, 60 * 60 * 24 * 365),
        httpOnly: false,
      });
      const member = c.get('view').member;
      if (member) await saveLocale(deps, member.id, locale);
    }
    return c.redirect(safeNextPath(typeof body.back === 'string' ? body.back : '/'), 303);
  });

  app.route('/', accountRoutes());
  app.route('/', loginRoutes());
  app.route('/', marketplaceRoutes());
  app.route('/', messagingRoutes());
  app.route('/', tradingRoutes());
  app.route('/', requestRoutes());
  app.route('/', profileRoutes());
  app.route('/', adminRoutes());
  app.route('/', helpRoutes());
  app.route('/', privacyRoutes());
  app.route('/', securityRoutes());
  app.route('/', withdrawalRoutes());
  app.route('/', exportRoutes());
  app.route('/', snsRoutes());
  app.route('/', supportRoutes());
  app.route('/', favoriteRoutes());
  app.route('/', blockingRoutes());
  app.route('/', reportRoutes());
  app.route('/', notificationRoutes());
  app.route('/', legalRoutes());
  app.route('/', documentRoutes());
  app.route('/', termsRoutes());
  if (deps.config.env !== 'production') {
    app.route('/', devMailboxRoutes());
    app.route('/', devSmsRoutes());
  }

  app.notFound((c) => notFoundPage(c));
  app.onError((error, c) => {
    const view = c.get('view') ?? {
      t: dictionaries.ja,
      locale: 'ja',
      member: null,
      csrfToken: '',
      path: '/',
      devMode: false,
      baseUrl: deps.config.baseUrl,
      snsProviders: [],
    };
    if (!c.get('view')) c.set('view', view);
    if (isDatabaseUnavailable(error)) {
      deps.log.warn({ err: error }, 'database unavailable');
      return render(
        c,
        <ErrorPage
          v={view}
          title={view.t.common.errors.unavailableTitle}
          body={view.t.common.errors.unavailableBody}
        />,
        503,
      );
    }
    deps.log.error({ err: error, path: c.req.path }, 'unhandled error');
    return render(
      c,
      <ErrorPage v={view} title={view.t.common.errors.serverTitle} body={view.t.common.errors.serverBody} />,
      500,
    );
  });
  return app;
}
