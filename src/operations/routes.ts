import { Hono } from 'hono';
import type { Registry } from 'prom-client';
import { addressMatcher } from '../platform/addressRanges';
import { metricsText } from '../platform/metrics';
import type { AppEnv } from '../platform/web/env';
import { notFoundPage } from '../platform/web/errors';
import { requestOrigin } from '../platform/web/http';
import { readiness } from './readiness';

/** What the process tells its load balancer and its monitoring: /readyz and /metrics (/healthz stays in app.tsx). */
export function operationsRoutes(registry: Registry, isStopping: () => boolean) {
  const routes = new Hono<AppEnv>();
  let allowed: ((ip: string | null) => boolean) | null = null;

  routes.get('/readyz', async (c) => {
    const answer = await readiness(c.get('deps'), isStopping());
    c.header('Cache-Control', 'no-store');
    return c.json({ status: answer.ready ? 'ready' : 'not ready', ...answer.checks }, answer.ready ? 200 : 503);
  });

  routes.get('/metrics', async (c) => {
    allowed ??= addressMatcher(c.get('deps').config.metricsAllow);
    // Not a 403: to anyone else the address does not exist.
    if (!allowed(requestOrigin(c).ip)) return notFoundPage(c);
    c.header('Cache-Control', 'no-store');
    return c.body(await metricsText(registry), 200, { 'Content-Type': registry.contentType });
  });
  return routes;
}
