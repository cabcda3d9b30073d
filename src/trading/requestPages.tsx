import type { ViewContext } from '../platform/web/env';
import { CsrfField, Field, FormProblem, Layout } from '../platform/web/layout';
import type { jobRequests, proposals } from './requestSchema';

type JobRequest = typeof jobRequests.$inferSelect;
type Proposal = typeof proposals.$inferSelect;
type Errors = Record<string, string | undefined>;

function Select({
  name,
  label,
  options,
  value,
  error,
}: {
  name: string;
  label: string;
  options: { value: string; label: string }[];
  value?: string;
  error?: string;
}) {
  return (
    <div class="field">
      <label for={`f-${name}`}>{label}</label>
      <select
        id={`f-${name}`}
        name={name}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={error ? `f-${name}-error` : undefined}
      >
        {options.map((o) => (
          <option value={o.value} selected={o.value === value}>
            {o.label}
          </option>
        ))}
      </select>
      {error ? (
        <p class="field-error" id={`f-${name}-error`} role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
}

export function RequestList({ v, requests }: { v: ViewContext; requests: JobRequest[] }) {
  const t = v.t.trading.requests;
  if (requests.length === 0) return <p class="card">{t.none}</p>;
  return (
    <ul class="plain" data-testid="job-requests">
      {requests.map((r) => (
        <li class="card">
          <a href={`/requests/${r.id}`}>{r.title}</a>
          <p class="small muted">
            {t.budget(v.t.marketplace.yen(r.budgetMinYen), v.t.marketplace.yen(r.budgetMaxYen))} ·{' '}
            {t.deadlineOn(r.deadline)}
          </p>
        </li>
      ))}
    </ul>
  );
}

/** A few open requests beside search results and on a category page, with the way to all of them. */
export function RequestTeaser({ v, requests, moreHref }: { v: ViewContext; requests: JobRequest[]; moreHref: string }) {
  if (requests.length === 0) return null;
  const t = v.t.trading.requests;
  return (
    <section class="mt-5" aria-labelledby="job-requests-heading">
      <h2 id="job-requests-heading">{t.teaserTitle}</h2>
      <p class="small muted">{t.teaserLead}</p>
      <RequestList v={v} requests={requests} />
      <a href={moreHref}>{t.teaserMore}</a>
    </section>
  );
}

export function RequestsPage({ v, requests }: { v: ViewContext; requests: JobRequest[] }) {
  const t = v.t.trading.requests;
  return (
    <Layout v={v} title={t.title}>
      <h1>{t.title}</h1>
      <p class="muted">{t.lead}</p>
      <p>
        <a href="/requests/new">{t.newTitle}</a>
      </p>
      <RequestList v={v} requests={requests} />
    </Layout>
  );
}

export function NewRequestPage(props: {
  v: ViewContext;
  categories: { id: number; name: string }[];
  /** One per form shown: sending it twice posts one request. (Not `key`, which JSX keeps for itself.) */
  formKey: string;
  typed: Record<string, string>;
  errors: Errors;
}) {
  const { v, typed, errors } = props;
  const t = v.t.trading.requests;
  return (
    <Layout v={v} title={t.newTitle} noindex>
      <h1>{t.newTitle}</h1>
      <form method="post" action="/requests/new" class="card">
        <CsrfField v={v} />
        <input type="hidden" name="idempotencyKey" value={props.formKey} />
        <FormProblem text={errors.idempotencyKey} />
        <Field v={v} name="title" label={t.reqTitle} maxlength={80} value={typed.title} error={errors.title} />
        <Field
          v={v}
          name="description"
          label={t.description}
          multiline
          maxlength={5000}
          value={typed.description}
          error={errors.description}
        />
        <Select
          name="categoryId"
          label={t.category}
          value={typed.categoryId}
          error={errors.categoryId}
          options={[
            { value: '', label: t.categoryPick },
            ...props.categories.map((c) => ({ value: String(c.id), label: c.name })),
          ]}
        />
        <Field v={v} name="budgetMinYen" label={t.budgetMin} value={typed.budgetMinYen} error={errors.budgetMinYen} />
        <Field v={v} name="budgetMaxYen" label={t.budgetMax} value={typed.budgetMaxYen} error={errors.budgetMaxYen} />
        <Field
          v={v}
          name="deadline"
          type="date"
          label={t.deadline}
          hint={t.deadlineHint}
          value={typed.deadline}
          error={errors.deadline}
        />
        <Select
          name="visibility"
          label={t.visibility}
          value={typed.visibility ?? 'public'}
          error={errors.visibility}
          options={(['public', 'members'] as const).map((k) => ({ value: k, label: t.visibilities[k] }))}
        />
        <button type="submit">{t.submit}</button>
      </form>
    </Layout>
  );
}

export type RequestPageData = {
  request: JobRequest;
  isBuyer: boolean;
  takesProposals: boolean;
  proposals: { proposal: Proposal; sellerName: string }[];
  myProposal: Proposal | null;
  services: { id: string; title: string }[] | null;
  typed: Record<string, string>;
  errors: Errors;
  problem: string | null;
};

export function RequestPage({ v, data }: { v: ViewContext; data: RequestPageData }) {
  const t = v.t.trading.requests;
  const r = data.request;
  return (
    <Layout v={v} title={r.title} noindex={r.visibility === 'members'}>
      <FormProblem text={data.problem} />
      <section class="card">
        <h1>{r.title}</h1>
        {!data.takesProposals ? (
          <span class="pill" data-testid="request-closed">
            {t.closedBadge}
          </span>
        ) : null}
        <p class="pre">{r.description}</p>
        <p class="small muted">
          {t.budget(v.t.marketplace.yen(r.budgetMinYen), v.t.marketplace.yen(r.budgetMaxYen))} ·{' '}
          {t.deadlineOn(r.deadline)}
        </p>
      </section>
      {data.isBuyer ? (
        <section class="card">
          <h2>{t.proposalsTitle}</h2>
          {data.proposals.length === 0 ? <p>{t.noProposals}</p> : null}
          {data.proposals.map(({ proposal: p, sellerName }) => (
            <div class="card" data-testid="proposal">
              <p>
                <strong>{sellerName}</strong> · {v.t.marketplace.yen(p.priceYen)} ·{' '}
                {v.t.trading.offer.daysLabel(p.deliveryDays)} <span class="pill">{t.proposalStates[p.status]}</span>
              </p>
              <p class="pre">{p.body}</p>
              {p.status === 'open' && data.takesProposals ? (
                <form method="post" action={`/proposals/${p.id}/confirm`}>
                  <CsrfField v={v} />
                  <input type="hidden" name="expectedPriceYen" value={String(p.priceYen)} />
                  <button type="submit">{t.choose}</button>
                </form>
              ) : null}
              {p.orderId ? <a href={`/orders/${p.orderId}`}>{v.t.trading.offer.openOrder}</a> : null}
            </div>
          ))}
        </section>
      ) : null}
      {data.myProposal ? (
        <p class="card" data-testid="my-proposal">
          {t.proposed} <span class="pill">{t.proposalStates[data.myProposal.status]}</span>
        </p>
      ) : null}
      {!data.isBuyer && !data.myProposal && data.takesProposals && data.services ? (
        data.services.length === 0 ? (
          <p class="card small muted">{v.t.trading.offer.noServices}</p>
        ) : (
          <form method="post" action={`/requests/${r.id}/proposals`} class="card">
            <CsrfField v={v} />
            <h2>{t.proposeTitle}</h2>
            <Select
              name="serviceId"
              label={t.proposalService}
              value={data.typed.serviceId}
              error={data.errors.serviceId}
              options={[
                { value: '', label: t.categoryPick },
                ...data.services.map((s) => ({ value: s.id, label: s.title })),
              ]}
            />
            <Field
              v={v}
              name="body"
              label={t.proposalBody}
              multiline
              maxlength={2000}
              value={data.typed.body}
              error={data.errors.body}
            />
            <Field
              v={v}
              name="priceYen"
              label={t.proposalPrice}
              value={data.typed.priceYen}
              error={data.errors.priceYen}
            />
            <Field
              v={v}
              name="deliveryDays"
              label={t.proposalDays}
              value={data.typed.deliveryDays ?? '7'}
              error={data.errors.deliveryDays}
            />
            <button type="submit">{t.proposeSubmit}</button>
          </form>
        )
      ) : null}
    </Layout>
  );
}
