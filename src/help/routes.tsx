import { Hono } from 'hono';
import type { AppEnv } from '../platform/web/env';
import { render } from '../platform/web/http';
import { Layout } from '../platform/web/layout';
import { periodsOf } from '../retention/periods';
import { searchHelp } from './articles';

export function helpRoutes() {
  const app = new Hono<AppEnv>();
  app.get('/help', (c) => {
    const v = c.get('view');
    const q = (c.req.query('q') ?? '').slice(0, 100);
    const articles = searchHelp(v.locale, q, periodsOf(c.get('deps').config));
    const t = v.t.help;
    return render(
      c,
      <Layout v={v} title={t.title}>
        <h1>{t.title}</h1>
        <form method="get" action="/help" class="card" role="search">
          <label for="help-q">{t.search}</label>
          <input id="help-q" type="search" name="q" value={q} maxlength={100} />
          <button type="submit" class="secondary">
            {t.searchButton}
          </button>
        </form>
        {articles.length === 0 ? <p class="card">{t.none}</p> : null}
        {articles.map((a) => (
          <article class="card" id={a.slug}>
            <h2>{a.title}</h2>
            {a.body.map((p) => (
              <p>{p}</p>
            ))}
            {a.link || a.more ? (
              <p class="chips">
                {a.link ? <a href={a.link.href}>{a.link.label}</a> : null}
                {a.more ? <a href={a.more.href}>{a.more.label}</a> : null}
              </p>
            ) : null}
          </article>
        ))}
      </Layout>,
    );
  });
  return app;
}
