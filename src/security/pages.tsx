import type { Child } from 'hono/jsx';
import type { FieldErrors } from '../platform/web/forms';
import type { ViewContext } from '../platform/web/env';
import { CsrfField, Field, FormProblem, Layout, Notice } from '../platform/web/layout';
import { formatDateTime } from '../platform/web/dates';
import { SnsButtons } from '../sns/pages';
import { Glossary } from '../platform/web/glossary';

export type SessionRow = {
  id: string;
  device: string;
  ip: string | null;
  createdAt: Date;
  lastSeenAt: Date;
  current: boolean;
};
export type EventRow = { kind: string; at: Date; ip: string | null; device: string };

export function SecurityPage({
  v,
  sessions,
  events,
  notice,
  problem,
  twoFactor,
}: {
  v: ViewContext;
  sessions: SessionRow[];
  events: EventRow[];
  notice?: string | null;
  problem?: string | null;
  twoFactor: Child;
}) {
  const t = v.t.security;
  const eventName = (kind: string) => (t.events as Record<string, string>)[kind] ?? kind;
  return (
    <Layout v={v} title={t.title} noindex>
      <h1>{t.title}</h1>
      <Notice text={notice} />
      <FormProblem text={problem} />
      <p>
        <a class="button secondary" href="/settings/security/checkup">
          {t.checkup.title}
        </a>
      </p>
      <section class="card">
        <h2>{t.passwordSection}</h2>
        <a href="/settings/account/password">{t.changePassword}</a>
      </section>
      {twoFactor}
      <section class="card" id="sessions">
        <h2>{t.sessionsSection}</h2>
        <Glossary v={v} term={v.locale === 'ja' ? 'セッション' : 'a session'} text={t.glossary.session} />
        <p class="small muted">{t.placeUnknown}</p>
        <table data-testid="sessions">
          <tbody>
            {sessions.map((s) => (
              <tr>
                <td>
                  {s.device} {s.current ? <span class="pill ok">{t.thisDevice}</span> : null}
                </td>
                <td class="small">
                  {t.ipAddress}: {s.ip ?? '-'}
                </td>
                <td class="small">
                  {t.started}: {formatDateTime(v, s.createdAt)}
                  <br />
                  {t.lastUsed}: {formatDateTime(v, s.lastSeenAt)}
                </td>
                <td>
                  {s.current ? null : (
                    <form method="post" action={`/settings/security/sessions/${s.id}/end`}>
                      <CsrfField v={v} />
                      <button type="submit" class="secondary mt-0">
                        {t.endSession}
                      </button>
                    </form>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {sessions.length > 1 ? (
          <form method="post" action="/settings/security/sessions/end-others">
            <CsrfField v={v} />
            <button type="submit" class="secondary">
              {t.endOthers}
            </button>
          </form>
        ) : null}
      </section>
      <section class="card" id="history">
        <h2>{t.logSection}</h2>
        <p class="small muted">{t.logHint}</p>
        <table data-testid="security-log">
          <thead>
            <tr>
              <th>{t.when}</th>
              <th>{t.what}</th>
              <th>{t.ipAddress}</th>
              <th>{t.device}</th>
            </tr>
          </thead>
          <tbody>
            {events.map((e) => (
              <tr>
                <td class="small">{formatDateTime(v, e.at)}</td>
                <td>{eventName(e.kind)}</td>
                <td class="small">{e.ip ?? '-'}</td>
                <td class="small">{e.device}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </Layout>
  );
}

export function ReauthPage({
  v,
  next,
  offerCode,
  errors = {},
}: {
  v: ViewContext;
  next: string;
  offerCode: boolean;
  errors?: FieldErrors<'password'>;
}) {
  const t = v.t.security;
  return (
    <Layout v={v} title={t.reauthTitle} noindex>
      <section class="card narrow">
        <h1>{t.reauthTitle}</h1>
        <p>{t.reauthLead}</p>
        <form method="post" action="/settings/reauth" novalidate>
          <CsrfField v={v} />
          <input type="hidden" name="next" value={next} />
          <Field
            v={v}
            name="password"
            type="password"
            label={v.t.accounts.fields.password}
            error={errors.password?.(v.t)}
            autocomplete="current-password"
          />
          {offerCode ? (
            <Field v={v} name="code" label={t.reauthOrCode} autocomplete="one-time-code" maxlength={6} />
          ) : null}
          <button type="submit">{t.reauthSubmit}</button>
        </form>
        <SnsButtons v={v} intent="reauth" next={next} label={v.t.sns.reauthWith} />
      </section>
    </Layout>
  );
}
