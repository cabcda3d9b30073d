import type { FieldErrors } from '../platform/web/forms';
import type { ViewContext } from '../platform/web/env';
import { CsrfField, Field, FormErrorSummary, Layout, Notice, FormProblem } from '../platform/web/layout';
import { formatDateTime } from '../platform/web/dates';
import { AdminNav } from '../admin/nav';
import type { InquiryThread } from './inquiries';
import { inquiryCategories, type inquiries } from './schema';

type InquiryRow = typeof inquiries.$inferSelect;

export function InquiryFormPage({
  v,
  values = {},
  errors = {},
}: {
  v: ViewContext;
  values?: Record<string, string | undefined>;
  errors?: FieldErrors<'category' | 'name' | 'email' | 'body' | 'form'>;
}) {
  const t = v.t.support;
  return (
    <Layout v={v} title={t.title}>
      <section class="card narrow">
        <h1>{t.title}</h1>
        <p>{t.lead}</p>
        <FormErrorSummary v={v} show={Object.keys(errors).length > 0} />
        <FormProblem text={errors.form?.(v.t)} />
        <form method="post" action="/support" novalidate>
          <CsrfField v={v} />
          <div class="field">
            <label for="f-category">{t.category}</label>
            <select id="f-category" name="category" aria-invalid={errors.category ? 'true' : undefined}>
              {inquiryCategories.map((key) => (
                <option value={key} selected={values.category === key}>
                  {t.categories[key]}
                </option>
              ))}
            </select>
            {errors.category ? (
              <p class="field-error" role="alert">
                {errors.category(v.t)}
              </p>
            ) : null}
          </div>
          <Field
            v={v}
            name="name"
            label={t.name}
            value={values.name}
            error={errors.name?.(v.t)}
            autocomplete="name"
            required
            maxlength={60}
          />
          {v.member ? (
            <p>
              {t.email}: <strong>{v.member.email}</strong>
              <input type="hidden" name="email" value={v.member.email} />
            </p>
          ) : (
            <Field
              v={v}
              name="email"
              type="email"
              label={t.email}
              hint={t.emailHint}
              value={values.email}
              error={errors.email?.(v.t)}
              autocomplete="email"
              required
              maxlength={254}
            />
          )}
          <Field
            v={v}
            name="body"
            label={t.body}
            hint={t.bodyHint}
            value={values.body}
            error={errors.body?.(v.t)}
            required
            maxlength={2000}
            multiline
          />
          <button type="submit">{t.submit}</button>
        </form>
        <p class="small">{t.oneAccountHelp}</p>
      </section>
    </Layout>
  );
}

function Thread({ v, thread }: { v: ViewContext; thread: InquiryThread }) {
  const t = v.t.support;
  return (
    <ol class="thread">
      {thread.messages.map((m) => (
        <li class={m.author === 'operator' ? 'from-support' : 'from-sender'}>
          <p class="small">
            <strong>{m.author === 'operator' ? t.support : thread.inquiry.name}</strong> ·{' '}
            {formatDateTime(v, m.createdAt)}
          </p>
          <p class="pre">{m.body}</p>
        </li>
      ))}
    </ol>
  );
}

export function MyInquiriesPage({ v, rows }: { v: ViewContext; rows: InquiryRow[] }) {
  const t = v.t.support;
  return (
    <Layout v={v} title={t.mineTitle} noindex>
      <h1>{t.mineTitle}</h1>
      {rows.length === 0 ? <p>{t.none}</p> : null}
      <ul>
        {rows.map((r) => (
          <li>
            <a href={`/mypage/inquiries/${r.reference}`}>{r.reference}</a> · {t.categories[r.category]} ·{' '}
            {t.statuses[r.status]} · {formatDateTime(v, r.updatedAt)}
          </li>
        ))}
      </ul>
      <a href="/support">{t.newInquiry}</a>
    </Layout>
  );
}

export function MyInquiryPage({
  v,
  thread,
  errors = {},
}: {
  v: ViewContext;
  thread: InquiryThread;
  errors?: FieldErrors<'body'>;
}) {
  const t = v.t.support;
  const { inquiry } = thread;
  return (
    <Layout v={v} title={`${t.reference} ${inquiry.reference}`} noindex>
      <h1>
        {t.reference} {inquiry.reference}
      </h1>
      <p>
        {t.categories[inquiry.category]} · <span data-testid="inquiry-status">{t.statuses[inquiry.status]}</span>
      </p>
      <Thread v={v} thread={thread} />
      {inquiry.status === 'closed' ? (
        <p>{t.closedNote}</p>
      ) : (
        <form method="post" action={`/mypage/inquiries/${inquiry.reference}`} class="narrow" novalidate>
          <CsrfField v={v} />
          <Field
            v={v}
            name="body"
            label={t.replyLabel}
            error={errors.body?.(v.t)}
            required
            maxlength={2000}
            multiline
          />
          <button type="submit">{t.reply}</button>
        </form>
      )}
    </Layout>
  );
}

export function AdminInquiriesPage({ v, rows }: { v: ViewContext; rows: InquiryRow[] }) {
  const t = v.t.support;
  return (
    <Layout v={v} title={t.adminTitle} noindex>
      <AdminNav v={v} />
      <h1>{t.adminTitle}</h1>
      {rows.length === 0 ? <p>{t.none}</p> : null}
      <table>
        <tbody>
          {rows.map((r) => (
            <tr data-testid="inquiry-row">
              <td>
                <a href={`/admin/inquiries/${r.reference}`}>{r.reference}</a>
              </td>
              <td>{t.categories[r.category]}</td>
              <td>{t.statuses[r.status]}</td>
              <td>
                {r.name} &lt;{r.email}&gt; · {r.memberId ? t.fromMember : t.fromVisitor}
              </td>
              <td>{formatDateTime(v, r.updatedAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Layout>
  );
}

export function AdminInquiryPage({
  v,
  thread,
  notice,
  errors = {},
}: {
  v: ViewContext;
  thread: InquiryThread;
  notice?: string | null;
  errors?: FieldErrors<'body'>;
}) {
  const t = v.t.support;
  const { inquiry } = thread;
  return (
    <Layout v={v} title={`${t.reference} ${inquiry.reference}`} noindex>
      <AdminNav v={v} />
      <h1>
        {t.reference} {inquiry.reference}
      </h1>
      <Notice text={notice} />
      <p>
        {t.categories[inquiry.category]} · {t.statuses[inquiry.status]} · {inquiry.name} &lt;{inquiry.email}&gt; ·{' '}
        {inquiry.memberId ? <a href={`/admin/members/${inquiry.memberId}`}>{t.fromMember}</a> : t.fromVisitor}
      </p>
      <Thread v={v} thread={thread} />
      <form method="post" action={`/admin/inquiries/${inquiry.reference}`} class="narrow" novalidate>
        <CsrfField v={v} />
        <Field v={v} name="body" label={t.answerLabel} error={errors.body?.(v.t)} maxlength={4000} multiline />
        <button type="submit" name="then" value="answer">
          {t.answer}
        </button>{' '}
        <button type="submit" name="then" value="close" class="secondary">
          {t.answerAndClose}
        </button>
      </form>
    </Layout>
  );
}
