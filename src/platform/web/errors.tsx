import type { Context } from 'hono';
import type { AppEnv, ViewContext } from './env';
import { render } from './http';
import { Layout } from './layout';

/** A database that is down or restarting: the visitor gets a 503 and the app retries on the next request. */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (let e: any = error; e; e = e.cause) {
    const code = String(e.code ?? '');
    const message = String(e.message ?? '');
    if (
      [
        'ECONNREFUSED',
        'ECONNRESET',
        'ETIMEDOUT',
        'EPIPE',
        '57P01',
        '57P02',
        '57P03',
        '08000',
        '08001',
        '08003',
        '08006',
      ].includes(code)
    )
      return true;
    if (
      /Connection terminated|connection timeout|PGlite is closed|Client has encountered a connection error/i.test(
        message,
      )
    )
      return true;
  }
  return false;
}

export function ErrorPage({ v, title, body }: { v: ViewContext; title: string; body: string }) {
  return (
    <Layout v={v} title={title} noindex>
      <section class="card narrow">
        <h1>{title}</h1>
        <p>{body}</p>
        <a href="/">{v.t.common.errors.backHome}</a>
      </section>
    </Layout>
  );
}

export function notFoundPage(c: Context<AppEnv>) {
  const v = c.get('view');
  return render(
    c,
    <ErrorPage v={v} title={v.t.common.errors.notFoundTitle} body={v.t.common.errors.notFoundBody} />,
    404,
  );
}

export function forbiddenPage(c: Context<AppEnv>) {
  const v = c.get('view');
  return render(
    c,
    <ErrorPage v={v} title={v.t.common.errors.forbiddenTitle} body={v.t.common.errors.forbiddenBody} />,
    403,
  );
}
