import type { ViewContext } from '../platform/web/env';
import { CsrfField, Field, Layout, Notice } from '../platform/web/layout';
import { formatDateTime } from '../platform/web/dates';
import type { MemberFile, openDuplicateCases, searchMembers, suspensionsInForce } from '../trust/memberFile';
import type { heldReviews } from '../trust/reviewModeration';
import type { SignalKind } from '../trust/schema';
import { AdminNav } from './nav';

type Rows<F extends (...a: any) => Promise<any[]>> = Awaited<ReturnType<F>>;
type Errors = Record<string, string | undefined>;

function ConsolePage({
  v,
  title,
  notice,
  children,
}: {
  v: ViewContext;
  title: string;
  notice?: string | null;
  children: any;
}) {
  return (
    <Layout v={v} title={title} noindex>
      <AdminNav v={v} />
      <h1>{title}</h1>
      <Notice text={notice} />
      {children}
    </Layout>
  );
}

function Post({
  v,
  action,
  label,
  secondary,
  children,
}: {
  v: ViewContext;
  action: string;
  label: string;
  secondary?: boolean;
  children?: any;
}) {
  return (
    <form class="inline-block mr-2" method="post" action={action}>
      <CsrfField v={v} />
      {children}
      <button type="submit" class={secondary ? 'secondary mt-0' : 'mt-0'}>
        {label}
      </button>
    </form>
  );
}

export function MemberSearchPage({
  v,
  query,
  results,
}: {
  v: ViewContext;
  query: string;
  results: Rows<typeof searchMembers> | null;
}) {
  const t = v.t.trust.console;
  return (
    <ConsolePage v={v} title={t.search}>
      <form method="get" action="/admin/members" class="card narrow">
        <Field v={v} name="q" label={t.search} hint={t.searchHint} value={query} maxlength={100} />
        <button type="submit">{t.searchButton}</button>
      </form>
      {results && results.length === 0 ? <p>{t.noResults}</p> : null}
      {results && results.length > 0 ? (
        <table>
          <thead>
            <tr>
              <th>{t.columns.username}</th>
              <th>{t.columns.name}</th>
              <th>{t.columns.email}</th>
              <th>{t.columns.status}</th>
              <th>{t.columns.joined}</th>
            </tr>
          </thead>
          <tbody>
            {results.map((m) => (
              <tr>
                <td>
                  <a href={`/admin/members/${m.id}`}>@{m.username}</a>
                </td>
                <td>{m.displayName}</td>
                <td>{m.email}</td>
                <td>{t.statuses[m.status]}</td>
                <td>{formatDateTime(v, m.createdAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </ConsolePage>
  );
}

const evidenceList = (v: ViewContext, kinds: readonly string[]) =>
  kinds.map((k) => v.t.trust.evidence[k as SignalKind]).join('、');

export function MemberFilePage({
  v,
  file,
  notice,
  errors,
  values,
}: {
  v: ViewContext;
  file: MemberFile;
  notice?: string | null;
  errors?: Errors;
  values?: Record<string, string>;
}) {
  const t = v.t.trust.console;
  const { member } = file;
  return (
    <ConsolePage v={v} title={t.memberTitle(`${member.displayName} (@${member.username})`)} notice={notice}>
      <section class="card">
        <h2>{t.state}</h2>
        <dl>
          <dt>{t.columns.status}</dt>
          <dd data-testid="member-status">{t.statuses[member.status]}</dd>
          <dt>{t.columns.email}</dt>
          <dd>{member.email}</dd>
          <dt>{t.verified}</dt>
          <dd>{member.emailVerifiedAt ? t.yes : t.no}</dd>
          <dt>{t.columns.joined}</dt>
          <dd>{formatDateTime(v, member.createdAt)}</dd>
          <dt>{t.columns.role}</dt>
          <dd>{member.role}</dd>
        </dl>
        {member.status === 'suspended' ? (
          <Post v={v} action={`/admin/members/${member.id}/lift`} label={t.lift} />
        ) : member.status === 'active' || member.status === 'paused' ? (
          <form method="post" action={`/admin/members/${member.id}/suspend`} class="narrow" novalidate>
            <CsrfField v={v} />
            <Field
              v={v}
              name="reason"
              label={t.suspendReason}
              value={values?.reason}
              error={errors?.reason}
              required
              maxlength={500}
              multiline
            />
            <Field
              v={v}
              name="endsOn"
              label={t.suspendUntil}
              type="date"
              value={values?.endsOn}
              error={errors?.endsOn}
            />
            <button type="submit">{t.suspend}</button>
          </form>
        ) : null}
      </section>
      <section class="card">
        <h2>{t.suspensionsTitle}</h2>
        <ul>
          {file.history.map((s) => (
            <li>
              {formatDateTime(v, s.createdAt)} · {s.reason} ·{' '}
              {s.endsAt ? t.until(formatDateTime(v, s.endsAt)) : t.noEnd} ·{' '}
              {s.liftedAt ? t.lifted(formatDateTime(v, s.liftedAt)) : t.inForce}
            </li>
          ))}
        </ul>
      </section>
      <section class="card">
        <h2>{t.linked}</h2>
        {file.matched.length === 0 ? <p>{t.noLinked}</p> : null}
        <ul>
          {file.matched.map((m) => (
            <li>
              <a href={`/admin/members/${m.otherMemberId}`}>@{m.other?.username}</a> (
              {t.statuses[m.otherStatus as keyof typeof t.statuses]}) · {t.strength[m.strength]} · {t.evidence}:{' '}
              {evidenceList(v, m.evidence)}
            </li>
          ))}
        </ul>
        <h3>{t.signals}</h3>
        <p class="hint">{t.signalsLead}</p>
        <ul>
          {file.signals.map((s) => (
            <li>
              {v.t.trust.evidence[s.kind]} · {t.firstSeen} {formatDateTime(v, s.firstSeenAt)} · {t.lastSeen}{' '}
              {formatDateTime(v, s.lastSeenAt)}
            </li>
          ))}
        </ul>
      </section>
      <section class="card">
        <h2>{t.reviewsReceived}</h2>
        <ul>
          {file.received.map((r) => (
            <li>
              {'★'.repeat(r.rating)} {r.comment} — @{r.authorUsername} · {r.serviceTitle} · {r.status}{' '}
              {r.status !== 'removed' ? (
                <Post v={v} action={`/admin/reviews/${r.id}/remove`} label={t.remove} secondary />
              ) : null}
            </li>
          ))}
        </ul>
      </section>
      <section class="card">
        <h2>{t.history}</h2>
        <ul>
          {file.events.map((e) => (
            <li>
              {formatDateTime(v, e.at)} · {v.t.security.events[e.kind as keyof typeof v.t.security.events] ?? e.kind} ·{' '}
              {e.ip ?? '-'}
            </li>
          ))}
        </ul>
        <h2>{t.actions}</h2>
        <ul>
          {file.actions.map((a) => (
            <li>
              {formatDateTime(v, a.at)} · @{a.operatorUsername ?? '-'} · {a.action} {a.detail}
            </li>
          ))}
        </ul>
      </section>
    </ConsolePage>
  );
}

type AccountSummary = Rows<typeof openDuplicateCases>[number]['newer'];

function AccountColumn({
  v,
  title,
  account,
  caseId,
}: {
  v: ViewContext;
  title: string;
  account: AccountSummary;
  caseId: string;
}) {
  const t = v.t.trust.console;
  return (
    <td>
      <strong>{title}</strong>
      <br />
      <a href={`/admin/members/${account.id}`}>@{account.username}</a> {account.displayName}
      <br />
      {account.email}
      <br />
      {t.statuses[account.status]} · {formatDateTime(v, account.createdAt)}
      <br />
      {account.status === 'active' || account.status === 'paused' ? (
        <Post v={v} action={`/admin/duplicates/${caseId}`} label={t.suspendThis}>
          <input type="hidden" name="action" value="suspend" />
          <input type="hidden" name="memberId" value={account.id} />
        </Post>
      ) : null}
    </td>
  );
}

export function DuplicatesPage({
  v,
  cases,
  notice,
}: {
  v: ViewContext;
  cases: Rows<typeof openDuplicateCases>;
  notice?: string | null;
}) {
  const t = v.t.trust.console;
  return (
    <ConsolePage v={v} title={t.nav.duplicates} notice={notice}>
      <p>{t.duplicatesLead}</p>
      {cases.length === 0 ? <p>{t.noneOpen}</p> : null}
      <table>
        <tbody>
          {cases.map((c) => (
            <tr data-testid="duplicate-case">
              <AccountColumn v={v} title={t.newer} account={c.newer} caseId={c.id} />
              <AccountColumn v={v} title={t.older} account={c.older} caseId={c.id} />
              <td>
                {t.strength[c.strength]}
                <br />
                {t.evidence}: {evidenceList(v, c.evidence)}
                <br />
                <Post v={v} action={`/admin/duplicates/${c.id}`} label={t.dismiss} secondary>
                  <input type="hidden" name="action" value="dismiss" />
                </Post>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </ConsolePage>
  );
}

export function HeldReviewsPage({
  v,
  held,
  notice,
}: {
  v: ViewContext;
  held: Rows<typeof heldReviews>;
  notice?: string | null;
}) {
  const t = v.t.trust.console;
  return (
    <ConsolePage v={v} title={t.nav.reviews} notice={notice}>
      <p>{t.reviewsLead}</p>
      {held.length === 0 ? <p>{t.noneOpen}</p> : null}
      <ul>
        {held.map((r) => (
          <li data-testid="held-review">
            {'★'.repeat(r.rating)} {r.comment} · {t.reviewBy(r.authorUsername, r.subjectUsername)} · {r.serviceTitle} ·{' '}
            {r.heldReason ? v.t.trust.heldReasons[r.heldReason] : ''}{' '}
            <Post v={v} action={`/admin/reviews/${r.id}/publish`} label={t.publish} />
            <Post v={v} action={`/admin/reviews/${r.id}/remove`} label={t.remove} secondary />
          </li>
        ))}
      </ul>
    </ConsolePage>
  );
}

export function SuspensionsPage({
  v,
  rows,
  notice,
}: {
  v: ViewContext;
  rows: Rows<typeof suspensionsInForce>;
  notice?: string | null;
}) {
  const t = v.t.trust.console;
  return (
    <ConsolePage v={v} title={t.nav.suspensions} notice={notice}>
      {rows.length === 0 ? <p>{t.noneOpen}</p> : null}
      <ul>
        {rows.map((s) => (
          <li>
            <a href={`/admin/members/${s.memberId}`}>@{s.username}</a> · {s.reason} · {formatDateTime(v, s.createdAt)} ·{' '}
            {s.endsAt ? t.until(formatDateTime(v, s.endsAt)) : t.noEnd}{' '}
            <Post v={v} action={`/admin/members/${s.memberId}/lift`} label={t.lift} secondary />
          </li>
        ))}
      </ul>
    </ConsolePage>
  );
}
