import { retention, spanWords } from '../retention/periods';
import { Readable } from 'node:stream';
import { Hono } from 'hono';
import { z } from 'zod';
import type { AppEnv, ViewContext } from '../platform/web/env';
import { notFoundPage } from '../platform/web/errors';
import { actionContext, currentMember, memberOnly, render } from '../platform/web/http';
import { CsrfField, Layout, Notice } from '../platform/web/layout';
import { formatDateTime } from '../platform/web/dates';
import { fileSize } from '../platform/web/fileSize';
import { recentAuthRequired } from '../security/sessions/reauth';
import { downloadableExport, exportsOf, requestExport } from './requestExport';
import type { dataExports } from './schema';

function ExportPage({
  v,
  rows,
  now,
  problem,
}: {
  v: ViewContext;
  rows: (typeof dataExports.$inferSelect)[];
  now: Date;
  problem?: string | null;
}) {
  const t = v.t.export;
  const building = rows.some((r) => r.status === 'queued' || r.status === 'running');
  return (
    <Layout
      v={v}
      title={t.title}
      noindex
      head={
        building ? (
          <noscript>
            <meta http-equiv="refresh" content="2" />
          </noscript>
        ) : null
      }
    >
      <section class="card narrow" id="export-request" data-live>
        <h1>{t.title}</h1>
        <p>{t.lead(spanWords(v.locale, retention.exportDownloadDays))}</p>
        <Notice text={problem} />
        <form method="post" action="/settings/export">
          <CsrfField v={v} />
          <button type="submit" disabled={building}>
            {t.request}
          </button>
        </form>
      </section>
      <section
        class="card"
        data-testid="exports"
        id="export-list"
        data-live
        data-refresh={building ? '2' : undefined}
        aria-live="polite"
      >
        {rows.map((r, i) => (
          <div class="row">
            <span class="small">{formatDateTime(v, r.createdAt)}</span>{' '}
            {r.status === 'ready' && r.expiresAt > now ? (
              <a href={`/settings/export/${r.id}/download`}>
                {t.download(formatDateTime(v, r.expiresAt), r.sizeBytes === null ? null : fileSize(r.sizeBytes))}
              </a>
            ) : r.status === 'failed' ? (
              <>
                <span data-testid="export-failed">{t.failed}</span>{' '}
                {/* the latest request only: a newer one supersedes it */}
                {building || i > 0 ? null : (
                  <form class="inline" method="post" action="/settings/export">
                    <CsrfField v={v} />
                    <button type="submit">{t.retry}</button>
                  </form>
                )}
              </>
            ) : r.status === 'ready' ? (
              <span class="muted">{t.expired}</span>
            ) : (
              <>
                <progress
                  max="100"
                  value={String(r.progress)}
                  aria-label={t.progress}
                  data-testid="export-progress"
                ></progress>{' '}
                {r.progress}%
              </>
            )}
          </div>
        ))}
      </section>
    </Layout>
  );
}

export function exportRoutes() {
  const app = new Hono<AppEnv>();
  app.use('/settings/export', memberOnly);
  app.use('/settings/export/*', memberOnly);
  app.get('/settings/export', async (c) =>
    render(
      c,
      <ExportPage
        v={c.get('view')}
        rows={await exportsOf(c.get('deps'), currentMember(c).id)}
        now={c.get('deps').clock.now()}
      />,
    ),
  );
  // Asking for everything about oneself needs a fresh proof of identity (design decision).
  app.post('/settings/export', recentAuthRequired, async (c) => {
    const result = await requestExport(c.get('deps'), currentMember(c), actionContext(c).origin);
    if (!result.ok)
      return render(
        c,
        <ExportPage
          v={c.get('view')}
          rows={await exportsOf(c.get('deps'), currentMember(c).id)}
          now={c.get('deps').clock.now()}
          problem={result.problem(c.get('view').t)}
        />,
        429,
      );
    return c.redirect('/settings/export', 303);
  });
  app.get('/settings/export/:id/download', async (c) => {
    const id = c.req.param('id');
    const row = z.string().uuid().safeParse(id).success
      ? await downloadableExport(c.get('deps'), currentMember(c).id, id)
      : null;
    if (!row) return notFoundPage(c);
    const file = await c.get('deps').files.get(row.filePath!);
    if (!file) return notFoundPage(c);
    const stream = Readable.toWeb(file) as ReadableStream;
    return c.body(stream, 200, {
      'Content-Type': 'application/zip',
      'Content-Disposition': `attachment; filename="wazaichi-data-${row.createdAt.toISOString().slice(0, 10)}.zip"`,
    });
  });
  return app;
}
