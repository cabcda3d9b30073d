import { Readable } from 'node:stream';
import { sql } from 'drizzle-orm';
import { Hono } from 'hono';
import { z } from 'zod';
import type { AppEnv, ViewContext } from '../platform/web/env';
import { notFoundPage } from '../platform/web/errors';
import { currentMember, formBody, render } from '../platform/web/http';
import { CsrfField, Layout, Notice } from '../platform/web/layout';
import { formatDate, formatDateTime } from '../platform/web/dates';
import { members } from '../accounts/schema';
import {
  completePrivacyRequest,
  listPrivacyRequests,
  recordPrivacyRequest,
  replyToPrivacyRequest,
  requestDeadline,
} from '../export/privacyRequests';
import type { Message } from '../dictionary';
import type { Deps } from '../platform/deps';
import { requestKinds } from '../export/schema';

type Row = Awaited<ReturnType<typeof listPrivacyRequests>>[number] & {
  deadline: ReturnType<typeof requestDeadline>;
};
/** A refused answer: which request, what was typed, and why. */
type ReplyProblem = { requestId: string; draft: string; problem: string };

function RequestsPage({
  v,
  rows,
  notice,
  reply,
}: {
  v: ViewContext;
  rows: Row[];
  notice: string | null;
  reply?: ReplyProblem;
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
          {rows.map(({ request, exportStatus, exportPath, deadline }) => (
            <tr
              data-testid="request"
              data-overdue={deadline.overdue ? 'true' : undefined}
              class={deadline.overdue ? 'overdue' : undefined}
            >
              <td>
                {formatDateTime(v, request.receivedAt)}
                <div class="small">{t.requestAge(deadline.ageDays)}</div>
                <div class="small">
                  {t.requestAnswerBy(formatDate(v, deadline.answerBy))}
                  {deadline.overdue ? <strong class="pill warn"> {t.requestOverdue}</strong> : null}
                </div>
              </td>
              <td>{t.kinds[request.kind]}</td>
              <td>
                {request.notes}
                <div class="small muted">
                  {request.acknowledgedAt ? t.requestAcknowledged : t.requestNotAcknowledged}
                </div>
                <ReplyCell v={v} request={request} reply={reply?.requestId === request.id ? reply : undefined} />
              </td>
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

function ReplyCell({ v, request, reply }: { v: ViewContext; request: Row['request']; reply?: ReplyProblem }) {
  const t = v.t.admin.console;
  if (request.repliedAt)
    return (
      <div>
        {reply ? (
          <p class="field-error" role="alert">
            {reply.problem}
          </p>
        ) : null}
        <p class="small">{t.replySent(formatDateTime(v, request.repliedAt))}</p>
        <p class="pre" data-testid="request-reply">
          {request.replyBody}
        </p>
      </div>
    );
  const id = `reply-${request.id}`;
  return (
    <form method="post" action={`/admin/requests/${request.id}/reply`}>
      <CsrfField v={v} />
      <label for={id}>{t.replyLabel}</label>
      <textarea id={id} name="reply" maxlength={4000} aria-invalid={reply ? 'true' : undefined}>
        {reply?.draft ?? ''}
      </textarea>
      {reply ? (
        <p class="field-error" role="alert">
          {reply.problem}
        </p>
      ) : null}
      <button type="submit" class="secondary">
        {t.replySend}
      </button>
    </form>
  );
}

async function requestRows(deps: Deps): Promise<Row[]> {
  const now = deps.clock.now();
  return (await listPrivacyRequests(deps)).map((row) => ({ ...row, deadline: requestDeadline(row.request, now) }));
}

/** /admin/requests: requests received by mail or letter, their completion dates, and disclosure exports. */
export function privacyRequestRoutes() {
  const app = new Hono<AppEnv>();
  app.get('/admin/requests', async (c) => {
    const notice = c.req.query('notice') === 'invalid' ? c.get('view').t.common.form.invalid : null;
    return render(c, <RequestsPage v={c.get('view')} rows={await requestRows(c.get('deps'))} notice={notice} />);
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
  app.post('/admin/requests/:id/reply', async (c) => {
    const id = c.req.param('id');
    if (!z.string().uuid().safeParse(id).success) return notFoundPage(c);
    const deps = c.get('deps');
    const t = c.get('view').t;
    const draft = (await formBody(c)).reply ?? '';
    const body = z.string().trim().min(1).max(4000).safeParse(draft);
    const problem = body.success
      ? await replyToPrivacyRequest(deps, currentMember(c), id, body.data)
      : (t: Parameters<Message>[0]) => t.admin.console.replyInvalid;
    if (!problem) return c.redirect('/admin/requests', 303);
    const reply = { requestId: id, draft, problem: problem(t) };
    return render(
      c,
      <RequestsPage v={c.get('view')} rows={await requestRows(deps)} notice={null} reply={reply} />,
      422,
    );
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
