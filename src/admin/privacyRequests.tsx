import { Readable } from 'node:stream';
import { sql } from 'drizzle-orm';
import { Hono } from 'hono';
import { z } from 'zod';
import type { AppEnv, ViewContext } from '../platform/web/env';
import { notFoundPage } from '../platform/web/errors';
import { currentMember, formBody, render } from '../platform/web/http';
import { CsrfField, Layout, Notice } from '../platform/web/layout';
import { formatDateTime } from '../platform/web/dates';
import { members } from '../accounts/schema';
import { completePrivacyRequest, listPrivacyRequests, recordPrivacyRequest } from '../export/privacyRequests';
import { requestKinds } from '../export/schema';

function RequestsPage({
  v,
  rows,
  notice,
}: {
  v: ViewContext;
  rows: Awaited<ReturnType<typeof listPrivacyRequests>>;
  notice: string | null;
}) {
  const t = v.t.admin.console;
  return (
    <Layout v={v} title={t.requestsTitle} noindex>
      <h1>{t.requestsTitle}</h1>
      <Notice text={notice} />
      <form method="post" action="/admin/requests" class="card narrow">
        <CsrfField v={v} />
        <label for="r-username">{t.requestUsername}</label>
        <input id="r-username" name="username" maxlength={40} />
        <label for="r-kind">{t.requestKind}</label>
        <select id="r-kind" name="kind">
          {requestKinds.map((k) => (
            <option value={k}>{t.kinds[k]}</option>
          ))}
        </select>
        <label for="r-notes">{t.requestNotes}</label>
        <textarea id="r-notes" name="notes" maxlength={1000}></textarea>
        <button type="submit">{t.requestRecord}</button>
        <p class="small muted">{t.requestExportHint}</p>
      </form>
      <table class="card" data-testid="requests">
        <tbody>
          {rows.map(({ request, exportStatus, exportPath }) => (
            <tr>
              <td>{formatDateTime(v, request.receivedAt)}</td>
              <td>{t.kinds[request.kind]}</td>
              <td>{request.notes}</td>
              <td>
                {exportPath && exportStatus === 'ready' ? (
                  <a href={`/admin/requests/${request.id}/export`}>ZIP</a>
                ) : (
                  (exportStatus ?? '')
                )}
              </td>
              <td>
                {request.completedAt ? (
                  t.requestCompleted(formatDateTime(v, request.completedAt))
                ) : (
                  <form method="post" action={`/admin/requests/${request.id}/complete`}>
                    <CsrfField v={v} />
                    <button type="submit" class="secondary mt-0">
                      {t.requestComplete}
                    </button>
                  </form>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </Layout>
  );
}

/** /admin/requests: requests received by mail or letter, their completion dates, and disclosure exports. */
export function privacyRequestRoutes() {
  const app = new Hono<AppEnv>();
  app.get('/admin/requests', async (c) => {
    const notice = c.req.query('notice') === 'invalid' ? c.get('view').t.common.form.invalid : null;
    return render(
      c,
      <RequestsPage v={c.get('view')} rows={await listPrivacyRequests(c.get('deps'))} notice={notice} />,
    );
  });
  app.post('/admin/requests', async (c) => {
    const deps = c.get('deps');
    const form = z
      .object({ username: z.string().trim().max(40), kind: z.enum(requestKinds), notes: z.string().trim().max(1000) })
      .safeParse(await formBody(c));
    if (!form.success) return c.redirect('/admin/requests?notice=invalid', 303);
    const [member] = form.data.username
      ? await deps.db
          .select()
          .from(members)
          .where(sql`lower(${members.username}) = ${form.data.username.toLowerCase()}`)
      : [];
    if (form.data.username && !member) return c.redirect('/admin/requests?notice=invalid', 303);
    await recordPrivacyRequest(deps, {
      operatorId: currentMember(c).id,
      memberId: member?.id ?? null,
      kind: form.data.kind,
      notes: form.data.notes,
    });
    return c.redirect('/admin/requests', 303);
  });
  app.post('/admin/requests/:id/complete', async (c) => {
    const id = c.req.param('id');
    if (z.string().uuid().safeParse(id).success) await completePrivacyRequest(c.get('deps'), currentMember(c), id);
    return c.redirect('/admin/requests', 303);
  });
  app.get('/admin/requests/:id/export', async (c) => {
    const id = c.req.param('id');
    const rows = z.string().uuid().safeParse(id).success ? await listPrivacyRequests(c.get('deps')) : [];
    const row = rows.find((r) => r.request.id === id);
    if (!row?.exportPath || row.exportStatus !== 'ready') return notFoundPage(c);
    const file = await c.get('deps').files.get(row.exportPath);
    if (!file) return notFoundPage(c);
    const stream = Readable.toWeb(file) as ReadableStream;
    return c.body(stream, 200, {
      'Content-Type': 'application/zip',
      'Content-Disposition': `attachment; filename="disclosure-${id}.zip"`,
    });
  });
  return app;
}
