import { Hono } from 'hono';
import type { AppEnv } from '../platform/web/env';
import { render } from '../platform/web/http';
import { CompanyPage, TokushohoPage } from './operatorPages';

export function legalRoutes() {
  const app = new Hono<AppEnv>();
  app.get('/legal/tokushoho', (c) => {
    const config = c.get('deps').config;
    const data = {
      operator: config.operator,
      payoutFeeYen: config.marketplace.payoutFeeYen,
      platformFeePercent: config.marketplace.platformFeePercent,
    };
    return render(c, <TokushohoPage v={c.get('view')} data={data} />);
  });
  app.get('/company', (c) => render(c, <CompanyPage v={c.get('view')} operator={c.get('deps').config.operator} />));
  return app;
}
