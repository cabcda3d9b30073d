import { Hono } from 'hono';
import type { AppEnv } from '../platform/web/env';
import { render } from '../platform/web/http';
import { HomePage } from './homePage';

export function marketplaceRoutes() {
  const app = new Hono<AppEnv>();
  app.get('/', (c) => render(c, <HomePage v={c.get('view')} />));
  return app;
}
