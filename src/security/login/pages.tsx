import { SnsButtons } from '../../sns/pages';
import type { FieldErrors } from '../../platform/web/forms';
import type { ViewContext } from '../../platform/web/env';
import { CsrfField, Field, Layout, Notice } from '../../platform/web/layout';
import { PASSWORD_MAX } from '../../accounts/limits';
import { PasskeyLoginButton, PasskeyScripts } from '../factors/passkeyPages';

type LoginPageProps = {
  v: ViewContext;
  values?: Partial<Record<'email', string>>;
  errors?: FieldErrors<'email' | 'password' | 'form'>;
  notice?: string | null;
  next?: string;
};

export function LoginPage({ v, values = {}, errors = {}, notice, next }: LoginPageProps) {
  const t = v.t.accounts;
  const e = (k: keyof typeof errors) => errors[k]?.(v.t);
  return (
    <Layout v={v} title={t.login.title} head={<PasskeyScripts />}>
      <section class="card narrow">
        <h1>{t.login.title}</h1>
        <Notice text={notice} />
        {e('form') ? (
          <p class="form-error" role="alert">
            {e('form')}
          </p>
        ) : null}
        <form method="post" action="/login" novalidate>
          <CsrfField v={v} />
          {next ? <input type="hidden" name="next" value={next} /> : null}
          <Field
            v={v}
            name="email"
            type="email"
            label={t.fields.email}
            value={values.email}
            error={e('email')}
            autocomplete="username"
            required
            maxlength={254}
          />
          <Field
            v={v}
            name="password"
            type="password"
            label={t.fields.password}
            error={e('password')}
            autocomplete="current-password"
            required
            maxlength={PASSWORD_MAX}
          />
          <button type="submit">{t.login.submit}</button>
        </form>
        <PasskeyLoginButton v={v} next={next ?? '/'} />
        <SnsButtons v={v} intent="login" next={next} />
        <p class="small">
          <a href="/password/reset">{t.login.forgot}</a>
        </p>
        <p class="small">
          {t.login.noAccount} <a href="/signup">{v.t.common.nav.signup}</a>
        </p>
      </section>
    </Layout>
  );
}
