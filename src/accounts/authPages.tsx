import { SnsButtons } from '../sns/pages';
import type { FieldErrors } from '../platform/web/forms';
import type { ViewContext } from '../platform/web/env';
import { CsrfField, Field, FormErrorSummary, Layout, PasswordMeterScript } from '../platform/web/layout';
import { PASSWORD_MAX, PASSWORD_MIN_SINGLE_FACTOR } from './limits';
import { ConsentFieldset } from '../legal/consentFieldset';

type FormProps<K extends string> = {
  v: ViewContext;
  values?: Partial<Record<K, string>>;
  errors?: FieldErrors<K | 'form'>;
  notice?: string | null;
};

export function SignupPage({
  v,
  values = {},
  errors = {},
  termsVersion,
}: FormProps<'email' | 'username' | 'displayName' | 'password' | 'agree' | 'age' | 'termsVersion'> & {
  termsVersion: string;
}) {
  const t = v.t.accounts;
  const e = (k: keyof typeof errors) => errors[k]?.(v.t);
  return (
    <Layout v={v} title={t.signup.title} head={<PasswordMeterScript />}>
      <section class="card narrow">
        <h1>{t.signup.title}</h1>
        <p>{t.signup.lead}</p>
        <FormErrorSummary v={v} show={Object.keys(errors).length > 0} />
        {e('form') ? <p class="form-error">{e('form')}</p> : null}
        <form method="post" action="/signup" novalidate>
          <CsrfField v={v} />
          <Field
            v={v}
            name="email"
            type="email"
            label={t.fields.email}
            value={values.email}
            error={e('email')}
            autocomplete="email"
            required
            maxlength={254}
          />
          <Field
            v={v}
            name="username"
            label={t.fields.username}
            hint={t.fields.usernameHint}
            value={values.username}
            error={e('username')}
            autocomplete="username"
            required
            maxlength={20}
          />
          <Field
            v={v}
            name="displayName"
            label={t.fields.displayName}
            hint={t.fields.displayNameHint}
            value={values.displayName}
            error={e('displayName')}
            autocomplete="nickname"
            required
            maxlength={40}
          />
          <Field
            v={v}
            name="password"
            type="password"
            label={t.fields.password}
            hint={t.fields.passwordHint(PASSWORD_MIN_SINGLE_FACTOR)}
            error={e('password')}
            autocomplete="new-password"
            meter
            required
            maxlength={PASSWORD_MAX}
          />
          <ConsentFieldset
            v={v}
            termsVersion={termsVersion}
            values={values}
            errors={{ agree: e('agree'), age: e('age'), termsVersion: e('termsVersion') }}
          />
          <button type="submit">{t.signup.submit}</button>
        </form>
        <SnsButtons v={v} intent="login" />
        <p class="small">
          {t.signup.haveAccount} <a href="/login">{v.t.common.nav.login}</a>
        </p>
      </section>
    </Layout>
  );
}

export function ResetRequestPage({ v, values = {}, errors = {} }: FormProps<'email'>) {
  const t = v.t.accounts;
  return (
    <Layout v={v} title={t.reset.title}>
      <section class="card narrow">
        <h1>{t.reset.title}</h1>
        <p>{t.reset.lead}</p>
        <form method="post" action="/password/reset" novalidate>
          <CsrfField v={v} />
          <Field
            v={v}
            name="email"
            type="email"
            label={t.fields.email}
            value={values.email}
            error={errors.email?.(v.t)}
            autocomplete="email"
            required
            maxlength={254}
          />
          <button type="submit">{t.reset.submit}</button>
        </form>
      </section>
    </Layout>
  );
}

export function ResetConfirmPage({ v, token, errors = {} }: FormProps<'password'> & { token: string }) {
  const t = v.t.accounts;
  return (
    <Layout v={v} title={t.reset.newTitle} noindex head={<PasswordMeterScript />}>
      <section class="card narrow">
        <h1>{t.reset.newTitle}</h1>
        <FormErrorSummary v={v} show={Object.keys(errors).length > 0} />
        <form method="post" action="/password/reset/confirm" novalidate>
          <CsrfField v={v} />
          <input type="hidden" name="token" value={token} />
          <Field
            v={v}
            name="password"
            type="password"
            label={t.fields.newPassword}
            hint={t.fields.passwordHint(PASSWORD_MIN_SINGLE_FACTOR)}
            error={errors.password?.(v.t)}
            autocomplete="new-password"
            meter
            required
            maxlength={PASSWORD_MAX}
          />
          <label class="checkbox">
            <input type="checkbox" name="endOtherSessions" value="on" checked />
            {t.reset.endSessions}
          </label>
          <button type="submit">{t.reset.save}</button>
        </form>
      </section>
    </Layout>
  );
}
