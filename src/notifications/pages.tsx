import type { ViewContext } from '../platform/web/env';
import { CsrfField, FormErrorSummary, Layout, Notice } from '../platform/web/layout';
import { formatDateTime } from '../platform/web/dates';
import { optionalMailKinds, type OptionalMailKind } from '../platform/mail/kinds';

type Item = { id: string; title: string; url: string | null; createdAt: Date; readAt: Date | null };

export function NotificationsPage({ v, items, notice }: { v: ViewContext; items: Item[]; notice: string | null }) {
  const t = v.t.notifications;
  return (
    <Layout v={v} title={t.title} noindex>
      <h1>{t.title}</h1>
      <Notice text={notice} />
      <p>
        <a href="/settings/notifications">{t.settingsLink}</a>
      </p>
      {items.some((i) => !i.readAt) ? (
        <form method="post" action="/notifications/read">
          <CsrfField v={v} />
          <button type="submit" class="secondary">
            {t.markAllRead}
          </button>
        </form>
      ) : null}
      <section class="card">
        {items.length === 0 ? <p>{t.none}</p> : null}
        <ul class="plain" data-testid="notifications">
          {items.map((i) => (
            <li class="row">
              {!i.readAt ? <strong class="badge">{t.unread}</strong> : null}{' '}
              {i.url ? <a href={new URL(i.url).pathname + new URL(i.url).search}>{i.title}</a> : i.title}{' '}
              <span class="small muted">{formatDateTime(v, i.createdAt)}</span>
            </li>
          ))}
        </ul>
      </section>
    </Layout>
  );
}

export function MailSettingsPage(props: {
  v: ViewContext;
  values: Record<OptionalMailKind, string>;
  errors: Partial<Record<OptionalMailKind, string>>;
  notice: string | null;
}) {
  const { v, values, errors } = props;
  const t = v.t.notifications;
  return (
    <Layout v={v} title={t.settingsTitle} noindex>
      <h1>{t.settingsTitle}</h1>
      <Notice text={props.notice} />
      <p>{t.settingsLead}</p>
      <p class="hint">{t.required}</p>
      <FormErrorSummary v={v} show={Object.keys(errors).length > 0} />
      <form method="post" action="/settings/notifications" class="card">
        <CsrfField v={v} />
        {optionalMailKinds.map((k) => (
          <fieldset class="field" aria-describedby={errors[k] ? `f-${k}-error` : undefined}>
            <legend>{t.kinds[k]}</legend>
            {(['on', 'off'] as const).map((choice) => (
              <label class="mr-4">
                <input type="radio" name={k} value={choice} checked={values[k] === choice} /> {t[choice]}
              </label>
            ))}
            {errors[k] ? (
              <p class="field-error" id={`f-${k}-error`} role="alert">
                {errors[k]}
              </p>
            ) : null}
          </fieldset>
        ))}
        <button type="submit">{t.save}</button>
      </form>
    </Layout>
  );
}

export function StopMailPage({
  v,
  token,
  kind,
  done,
}: {
  v: ViewContext;
  token: string;
  kind: OptionalMailKind | null;
  done: boolean;
}) {
  const t = v.t.notifications;
  return (
    <Layout v={v} title={t.stopTitle} noindex>
      <h1>{t.stopTitle}</h1>
      {kind === null ? <p role="alert">{t.stopUsed}</p> : done ? <p role="status">{t.stopped(t.kinds[kind])}</p> : null}
      {kind !== null && !done ? (
        <form method="post" action={`/mail/stop/${token}`}>
          <p>{t.stopConfirm(t.kinds[kind])}</p>
          <input type="hidden" name="List-Unsubscribe" value="One-Click" />
          <button type="submit">{t.stopButton}</button>
        </form>
      ) : null}
      <p>
        <a href="/settings/notifications">{t.settingsLink}</a>
      </p>
    </Layout>
  );
}
