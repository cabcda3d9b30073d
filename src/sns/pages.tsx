import type { FieldErrors } from '../platform/web/forms';
import type { ViewContext } from '../platform/web/env';
import { CsrfField, Field, FormErrorSummary, Layout, FormProblem } from '../platform/web/layout';
import { formatDateTime } from '../platform/web/dates';
import { Glossary } from '../platform/web/glossary';
import { ConsentFieldset } from '../legal/consentFieldset';

export type SnsIntent = 'login' | 'link' | 'reauth';

/** One button per configured provider; each is a small form, so starting a sign-in carries the CSRF token. */
export function SnsButtons({
  v,
  intent,
  next,
  label,
}: {
  v: ViewContext;
  intent: SnsIntent;
  next?: string;
  label?: (name: string) => string;
}) {
  if (v.snsProviders.length === 0) return null;
  const t = v.t.sns;
  return (
    <div class="sns-buttons">
      {intent === 'login' ? <p class="small">{t.or}</p> : null}
      {v.snsProviders.map((p) => (
        <form method="post" action={`/auth/${p.id}/start`}>
          <CsrfField v={v} />
          <input type="hidden" name="intent" value={intent} />
          {next ? <input type="hidden" name="next" value={next} /> : null}
          <button type="submit" class="secondary">
            {(label ?? t.continueWith)(p.name)}
          </button>
        </form>
      ))}
      {intent === 'login' ? <Glossary v={v} term={t.term} text={t.termHelp} /> : null}
    </div>
  );
}

export function SnsSignupPage({
  v,
  providerName,
  email,
  values = {},
  errors = {},
  termsVersion,
}: {
  v: ViewContext;
  providerName: string;
  email: string;
  values?: Record<string, string | undefined>;
  errors?: FieldErrors<'username' | 'displayName' | 'agree' | 'age' | 'termsVersion' | 'form'>;
  termsVersion: string;
}) {
  const t = v.t.sns;
  const a = v.t.accounts;
  return (
    <Layout v={v} title={t.signupTitle} noindex>
      <section class="card narrow">
        <h1>{t.signupTitle}</h1>
        <p>{t.signupLead(providerName)}</p>
        <FormErrorSummary v={v} show={Object.keys(errors).length > 0} />
        <FormProblem text={errors.form?.(v.t)} />
        <form method="post" action="/signup/sns" novalidate>
          <CsrfField v={v} />
          <p>
            <strong>{t.emailFromProvider(providerName)}</strong>
            <br />
            <span data-testid="sns-email">{email}</span>
          </p>
          <Field
            v={v}
            name="username"
            label={a.fields.username}
            hint={a.fields.usernameHint}
            value={values.username}
            error={errors.username?.(v.t)}
            autocomplete="username"
            required
            maxlength={20}
          />
          <Field
            v={v}
            name="displayName"
            label={a.fields.displayName}
            value={values.displayName}
            error={errors.displayName?.(v.t)}
            required
            maxlength={40}
          />
          <ConsentFieldset
            v={v}
            termsVersion={termsVersion}
            values={values}
            errors={{ agree: errors.agree?.(v.t), age: errors.age?.(v.t), termsVersion: errors.termsVersion?.(v.t) }}
          />
          <button type="submit">{t.signupSubmit}</button>
        </form>
        <p class="small">{t.oneAccount}</p>
      </section>
    </Layout>
  );
}

export type SnsLinkRow = { id: string; name: string; linkedAt: Date | null };

/** アカウント設定 → SNSアカウント連携: link or unlink each configured provider. */
export function SnsSettingsSection({ v, links }: { v: ViewContext; links: SnsLinkRow[] }) {
  if (links.length === 0) return null;
  const t = v.t.sns;
  return (
    <section class="card" id="sns">
      <h2>{t.settingsTitle}</h2>
      <p>{t.settingsLead}</p>
      <Glossary v={v} term={t.term} text={t.termHelp} />
      <ul>
        {links.map((l) => (
          <li data-testid={`sns-${l.id}`}>
            <strong>{l.name}</strong> — {l.linkedAt ? t.linked(formatDateTime(v, l.linkedAt)) : t.notLinked}{' '}
            {l.linkedAt ? (
              <form method="post" action={`/settings/account/sns/${l.id}/unlink`} class="inline-block">
                <CsrfField v={v} />
                <button type="submit" class="secondary mt-0">
                  {t.unlink}
                </button>
              </form>
            ) : (
              <form method="post" action={`/auth/${l.id}/start`} class="inline-block">
                <CsrfField v={v} />
                <input type="hidden" name="intent" value="link" />
                <button type="submit" class="secondary mt-0">
                  {t.link}
                </button>
              </form>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
