import { Hono } from 'hono';
import type { AppEnv } from '../platform/web/env';
import { render } from '../platform/web/http';
import { Layout } from '../platform/web/layout';
import { dataCategories } from './dataCategories';

export function privacyRoutes() {
  const app = new Hono<AppEnv>();
  app.get('/privacy', (c) => {
    const v = c.get('view');
    const t = v.t.privacy;
    return render(
      c,
      <Layout v={v} title={t.title}>
        <h1>{t.title}</h1>
        <p>{t.lead}</p>
        <table class="card" data-testid="data-categories">
          <thead>
            <tr>
              <th>{t.holds}</th>
              <th>{t.purpose}</th>
            </tr>
          </thead>
          <tbody>
            {dataCategories.map((category) => (
              <tr id={`category-${category.key}`}>
                <td>{category.holds[v.locale]}</td>
                <td>{category.purpose[v.locale]}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <p>{t.passwords}</p>
        <p>{t.thirdParties}</p>
        <p>{t.rights}</p>
      </Layout>,
    );
  });
  return app;
}
