import { Hono } from 'hono';
import { expect, it } from 'vitest';
import type { AppEnv } from './env';
import { securityHeaders } from './security';

it('sends Strict-Transport-Security when the site is served over HTTPS, and not over plain HTTP', async () => {
  const site = (https: boolean) => {
    const app = new Hono<AppEnv>();
    app.use(securityHeaders([], https));
    app.get('/', (c) => c.text('ok'));
    return app;
  };
  const secure = await site(true).request('/');
  expect(secure.headers.get('strict-transport-security')).toBe('max-age=63072000; includeSubDomains');
  expect((await site(false).request('/')).headers.get('strict-transport-security')).toBeNull();
});
