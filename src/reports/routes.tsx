import { Hono, type Context } from 'hono';
import { z } from 'zod';
import type { AppEnv } from '../platform/web/env';
import { field, keepValues, parseForm, textField } from '../platform/web/forms';
import { currentMember, formBody, memberOnly, MessagePage, render } from '../platform/web/http';
import { notFoundPage } from '../platform/web/errors';
import { decideReport, fileReport, REPORT_DETAIL_MAX, reportQueue, type ReportDecision } from './reports';
import { ReportFormPage, ReportQueuePage, type ReportFormState } from './pages';
import { reportKinds, reportReasons } from './schema';

const targetQuery = z.object({ kind: z.enum(reportKinds), id: z.string().trim().min(1).max(64) });
const reportForm = {
  reason: field(z.enum(reportReasons), (t) => t.reports.reasonInvalid),
  detail: textField(z.string().trim().max(REPORT_DETAIL_MAX).default('')),
};

function formPage(c: Context<AppEnv>, s: ReportFormState, status: 200 | 422 = 200) {
  return render(c, <ReportFormPage v={c.get('view')} s={s} />, status);
}

export function reportRoutes() {
  const app = new Hono<AppEnv>();

  app.get('/report', memberOnly, (c) => {
    const target = targetQuery.safeParse(c.req.query());
    if (!target.success) return notFoundPage(c);
    return formPage(c, { kind: target.data.kind, targetId: target.data.id, values: {}, errors: {} });
  });

  app.post('/report', memberOnly, async (c) => {
    const body = await formBody(c);
    const target = targetQuery.safeParse(body);
    if (!target.success) return notFoundPage(c);
    const t = c.get('view').t;
    const state = { kind: target.data.kind, targetId: target.data.id, values: keepValues(body, ['reason', 'detail']) };
    const form = parseForm(reportForm, body);
    if (!form.ok)
      return formPage(
        c,
        { ...state, errors: { reason: form.errors.reason?.(t), detail: form.errors.detail?.(t) } },
        422,
      );
    const result = await fileReport(c.get('deps'), currentMember(c).id, {
      kind: target.data.kind,
      targetId: target.data.id,
      ...form.value,
    });
    if (!result.ok) return formPage(c, { ...state, errors: {}, problem: result.problem(t) }, 422);
    return render(
      c,
      <MessagePage
        c={c}
        title={t.reports.thanks}
        body={t.reports.thanksBody}
        link={{ href: '/', label: t.common.errors.backHome }}
      />,
    );
  });
  return app;
}

/** The operators' side, mounted inside the console (behind its guard). */
export function reportAdminRoutes() {
  const app = new Hono<AppEnv>();
  app.get('/admin/reports', async (c) => {
    const notice = c.req.query('notice') === 'done' ? c.get('view').t.trust.console.done : null;
    return render(c, <ReportQueuePage v={c.get('view')} items={await reportQueue(c.get('deps'))} notice={notice} />);
  });
  app.post('/admin/reports/:id/:decision{hide|warn|dismiss}', async (c) => {
    const { id, decision } = c.req.param();
    if (!z.string().uuid().safeParse(id).success) return notFoundPage(c);
    await decideReport(c.get('deps'), currentMember(c), id, decision as ReportDecision);
    return c.redirect('/admin/reports?notice=done', 303);
  });
  return app;
}
