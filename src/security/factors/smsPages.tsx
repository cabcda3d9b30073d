import type { FieldErrors } from '../../platform/web/forms';
import type { ViewContext } from '../../platform/web/env';
import { CsrfField, Field, Layout, Notice } from '../../platform/web/layout';
import { Glossary } from '../../platform/web/glossary';

export type PhoneState = { phone: string | null; verified: boolean; allowed: boolean };

/** SMS on /settings/security: offered only beside an app or passkey, with its risk said plainly. */
export function SmsSection({ v, state }: { v: ViewContext; state: PhoneState }) {
  const t = v.t.security.sms;
  return (
    <section class="card" id="sms">
      <h2>{t.section}</h2>
      <p class="small">{t.risk}</p>
      {state.verified ? (
        <>
          <p>{t.verified(state.phone!)}</p>
          <form method="post" action="/settings/security/phone/remove">
            <CsrfField v={v} />
            <button type="submit" class="secondary">
              {t.remove}
            </button>
          </form>
        </>
      ) : state.allowed ? (
        <a class="button secondary" href="/settings/security/phone">
          {t.send}
        </a>
      ) : (
        <p class="muted">{t.needsStrongFactor}</p>
      )}
    </section>
  );
}

export function PhonePage({
  v,
  sentTo,
  values = {},
  errors = {},
}: {
  v: ViewContext;
  sentTo: string | null;
  values?: { phone?: string };
  errors?: FieldErrors<'phone' | 'code'>;
}) {
  const t = v.t.security.sms;
  return (
    <Layout v={v} title={t.section} noindex>
      <section class="card narrow">
        <h1>{t.section}</h1>
        <Glossary
          v={v}
          term={v.locale === 'ja' ? '二段階認証' : 'two-step verification'}
          text={v.t.security.glossary.twoFactor}
        />
        <p class="small">{t.risk}</p>
        <Notice text={sentTo ? t.sent(sentTo) : null} />
        <form method="post" action="/settings/security/phone" novalidate>
          <CsrfField v={v} />
          <Field
            v={v}
            name="phone"
            type="tel"
            label={t.phone}
            value={values.phone}
            error={errors.phone?.(v.t)}
            autocomplete="tel"
            maxlength={20}
          />
          <button type="submit" class="secondary">
            {t.send}
          </button>
        </form>
        {sentTo ? (
          <form method="post" action="/settings/security/phone/confirm" novalidate>
            <CsrfField v={v} />
            <input type="hidden" name="phone" value={sentTo} />
            <Field
              v={v}
              name="code"
              label={t.code}
              error={errors.code?.(v.t)}
              autocomplete="one-time-code"
              maxlength={6}
            />
            <button type="submit">{t.confirm}</button>
          </form>
        ) : null}
      </section>
    </Layout>
  );
}
