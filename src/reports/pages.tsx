import type { ViewContext } from '../platform/web/env';
import { CsrfField, Field, FormProblem, Layout } from '../platform/web/layout';
import { AdminNav } from '../admin/nav';
import { formatDateTime } from '../platform/web/dates';
import type { reportQueue } from './reports';
import { REPORT_DETAIL_MAX } from './reports';
import { reportReasons, type ReportKind } from './schema';

/** 通報する: a small link to the report form, beside the content it is about. */
export function ReportLink({ v, kind, target }: { v: ViewContext; kind: ReportKind; target: string }) {
  return (
    <a class="small" href={`/report?kind=${kind}&id=${encodeURIComponent(target)}`} rel="nofollow">
      {v.t.reports.link}
    </a>
  );
}

export type ReportFormState = {
  kind: ReportKind;
  targetId: string;
  values: Record<string, string>;
  errors: { reason?: string; detail?: string };
  problem?: string | null;
};

export function ReportFormPage({ v, s }: { v: ViewContext; s: ReportFormState }) {
  const t = v.t.reports;
  return (
    <Layout v={v} title={t.title} noindex>
      <h1>{t.title}</h1>
      <p>{t.lead}</p>
      <FormProblem text={s.problem} />
      <form method="post" action="/report" class="card">
        <CsrfField v={v} />
        <input type="hidden" name="kind" value={s.kind} />
        <input type="hidden" name="id" value={s.targetId} />
        <p class="small muted">{t.kinds[s.kind]}</p>
        <fieldset class="field" aria-describedby={s.errors.reason ? 'f-reason-error' : undefined}>
          <legend>{t.reason}</legend>
          {reportReasons.map((r) => (
            <label class="block">
              <input type="radio" name="reason" value={r} checked={s.values.reason === r} /> {t.reasons[r]}
            </label>
          ))}
          {s.errors.reason ? (
            <p class="field-error" id="f-reason-error" role="alert">
              {s.errors.reason}
            </p>
          ) : null}
        </fieldset>
        <Field
          v={v}
          name="detail"
          label={t.detail}
          multiline
          maxlength={REPORT_DETAIL_MAX}
          hint={t.detailHint(REPORT_DETAIL_MAX)}
          value={s.values.detail}
          error={s.errors.detail}
        />
        <button type="submit">{t.submit}</button>
      </form>
    </Layout>
  );
}

export function ReportQueuePage({
  v,
  items,
  notice,
}: {
  v: ViewContext;
  items: Awaited<ReturnType<typeof reportQueue>>;
  notice: string | null;
}) {
  const t = v.t.reports;
  return (
    <Layout v={v} title={t.admin.title} noindex>
      <AdminNav v={v} />
      <h1>{t.admin.title}</h1>
      {notice ? (
        <p class="notice" role="status">
          {notice}
        </p>
      ) : null}
      {items.length === 0 ? <p>{t.admin.none}</p> : null}
      {items.map((i) => (
        <section class="card two-col" data-testid="report">
          <div>
            <h2 class="text-base">
              {t.kinds[i.report.kind]} · {t.reasons[i.report.reason]}
            </h2>
            <p class="small muted">
              {t.admin.reporter}: {i.reporter.displayName} (@{i.reporter.username}) ·{' '}
              {formatDateTime(v, i.report.createdAt)}
            </p>
            {i.report.detail ? <p class="pre">{i.report.detail}</p> : null}
            <h3 class="small">{t.admin.content}</h3>
            <blockquote class="pre" data-testid="reported-content">
              {i.content ?? t.admin.gone}
            </blockquote>
            <form method="post" action={`/admin/reports/${i.report.id}/hide`} class="inline">
              <CsrfField v={v} />
              <button type="submit">{t.admin.hide}</button>
            </form>{' '}
            <form method="post" action={`/admin/reports/${i.report.id}/warn`} class="inline">
              <CsrfField v={v} />
              <button type="submit">{t.admin.warn}</button>
            </form>{' '}
            <form method="post" action={`/admin/reports/${i.report.id}/dismiss`} class="inline">
              <CsrfField v={v} />
              <button type="submit" class="secondary">
                {t.admin.dismiss}
              </button>
            </form>
          </div>
          <div>
            <h3 class="small">{t.admin.owner}</h3>
            <p>
              <a href={`/admin/members/${i.owner.id}`}>
                {i.owner.displayName} (@{i.owner.username})
              </a>{' '}
              · {t.admin.suspensions(i.suspensionCount)}
            </p>
            <p class="small">
              <a href={`/admin/members/${i.owner.id}`}>{t.admin.suspend}</a>
            </p>
            <h3 class="small">{t.admin.history}</h3>
            {i.history.length === 0 ? <p class="small">{t.admin.noHistory}</p> : null}
            <ul class="plain small" data-testid="report-history">
              {i.history.map((h) => (
                <li>
                  {formatDateTime(v, h.createdAt)} · {t.kinds[h.kind]} · {t.reasons[h.reason]} ·{' '}
                  {t.admin.statuses[h.status]}
                </li>
              ))}
            </ul>
          </div>
        </section>
      ))}
    </Layout>
  );
}
