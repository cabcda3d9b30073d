import { SnsSettingsSection, type SnsLinkRow } from '../sns/pages';
import type { FieldErrors } from '../platform/web/forms';
import type { ViewContext } from '../platform/web/env';
import {
  CsrfField,
  Field,
  FormErrorSummary,
  Layout,
  Notice,
  PasswordMeterScript,
  FormProblem,
} from '../platform/web/layout';
import { PASSWORD_MAX } from './limits';

/** 設定: the list every setting page hangs from. Later features add their rows here. */
export function SettingsPage({ v }: { v: ViewContext }) {
  const t = v.t.accounts.settings;
  return (
    <Layout v={v} title={t.title} noindex>
      <section class="card">
        <h1>{t.title}</h1>
        <ul class="plain settings">
          <li>
            <a href="/settings/profile">{t.profile}</a>
            <div class="small muted">{t.profileHint}</div>
          </li>
          <li>
            <a href="/settings/account">{t.account}</a>
            <div class="small muted">{t.accountHint}</div>
          </li>
          <li>
            <a href="/settings/security">{v.t.security.title}</a>
            <div class="small muted">{v.t.security.settingsHint}</div>
          </li>
          <li>
            <a href="/settings/export">{v.t.export.title}</a>
            <div class="small muted">{v.t.export.hint}</div>
          </li>
          <li>
            <a href="/settings/privacy">{v.t.privacy.settings.title}</a>
            <div class="small muted">{v.t.privacy.settings.hint}</div>
          </li>
          <li>
            <a href="/settings/notifications">{v.t.notifications.settingsTitle}</a>
            <div class="small muted">{v.t.notifications.settingsHint}</div>
          </li>
          <li>
            <a href="/settings/blocks">{v.t.blocking.listTitle}</a>
            <div class="small muted">{v.t.blocking.settingsHint}</div>
          </li>
          <li>
            <a href="/settings/business">{v.t.marketplace.confirm.businessTitle}</a>
            <div class="small muted">{v.t.marketplace.confirm.businessHint}</div>
          </li>
        </ul>
      </section>
    </Layout>
  );
}

export type AccountSettingsData = { email: string; emailVerified: boolean; hasPassword: boolean; sns: SnsLinkRow[] };

/** アカウント設定: email, password, language and the way to 退会, never hidden. */
export function AccountSettingsPage({
  v,
  data,
  notice,
  problem,
}: {
  v: ViewContext;
  data: AccountSettingsData;
  notice?: string | null;
  problem?: string | null;
}) {
  const t = v.t.accounts.settings;
  return (
    <Layout v={v} title={t.accountTitle} noindex>
      <h1>{t.accountTitle}</h1>
      <Notice text={notice} />
      <FormProblem text={problem} />
      <section class="card">
        <h2>{t.emailSection}</h2>
        <p>
          {data.email}{' '}
          <span class={data.emailVerified ? 'pill ok' : 'pill warn'}>
            {data.emailVerified ? t.verified : t.unverified}
          </span>
        </p>
        {data.emailVerified ? null : (
          <form method="post" action="/settings/account/verification">
            <CsrfField v={v} />
            <button type="submit" class="secondary">
              {v.t.accounts.verify.resend}
            </button>
          </form>
        )}
        <p>
          <a href="/settings/account/email">{t.changeEmail}</a>
        </p>
      </section>
      <section class="card">
        <h2>{t.passwordSection}</h2>
        {data.hasPassword ? null : <p>{v.t.sns.noPassword}</p>}
        <a href="/settings/account/password">{data.hasPassword ? t.changePassword : v.t.sns.setPasswordTitle}</a>
      </section>
      <SnsSettingsSection v={v} links={data.sns} />
      <section class="card">
        <h2>{t.languageSection}</h2>
        <form method="post" action="/settings/account/locale">
          <CsrfField v={v} />
          <select name="locale" aria-label={t.languageSection}>
            <option value="ja" selected={v.locale === 'ja'}>
              日本語
            </option>
            <option value="en" selected={v.locale === 'en'}>
              English
            </option>
          </select>
          <button type="submit" class="secondary">
            {t.languageSave}
          </button>
        </form>
      </section>
      <section class="card" id="withdrawal">
        <h2>{t.withdrawalSection}</h2>
        <p>{t.withdrawalBody}</p>
        <a href="/settings/withdrawal">{t.withdrawalLink}</a>
      </section>
    </Layout>
  );
}

export function ChangeEmailPage({
  v,
  askPassword = true,
  values = {},
  errors = {},
}: {
  v: ViewContext;
  askPassword?: boolean;
  values?: { newEmail?: string };
  errors?: FieldErrors<'newEmail' | 'currentPassword'>;
}) {
  const t = v.t.accounts;
  return (
    <Layout v={v} title={t.changeEmail.title} noindex>
      <section class="card narrow">
        <h1>{t.changeEmail.title}</h1>
        <p>{t.changeEmail.lead}</p>
        <FormErrorSummary v={v} show={Object.keys(errors).length > 0} />
        <form method="post" action="/settings/account/email" novalidate>
          <CsrfField v={v} />
          <Field
            v={v}
            name="newEmail"
            type="email"
            label={t.fields.newEmail}
            value={values.newEmail}
            error={errors.newEmail?.(v.t)}
            autocomplete="email"
            required
            maxlength={254}
          />
          {askPassword ? (
            <Field
              v={v}
              name="currentPassword"
              type="password"
              label={t.fields.currentPassword}
              error={errors.currentPassword?.(v.t)}
              autocomplete="current-password"
              required
            />
          ) : null}
          <button type="submit">{t.changeEmail.submit}</button>
        </form>
      </section>
    </Layout>
  );
}

export function ChangePasswordPage({
  v,
  minLength,
  firstPassword = false,
  errors = {},
}: {
  v: ViewContext;
  minLength: number;
  firstPassword?: boolean;
  errors?: FieldErrors<'currentPassword' | 'newPassword'>;
}) {
  const t = v.t.accounts;
  const title = firstPassword ? v.t.sns.setPasswordTitle : t.changePassword.title;
  return (
    <Layout v={v} title={title} noindex head={<PasswordMeterScript />}>
      <section class="card narrow">
        <h1>{title}</h1>
        <p>{firstPassword ? v.t.sns.setPasswordLead : t.changePassword.lead}</p>
        <FormErrorSummary v={v} show={Object.keys(errors).length > 0} />
        <form method="post" action="/settings/account/password" novalidate>
          <CsrfField v={v} />
          {firstPassword ? null : (
            <Field
              v={v}
              name="currentPassword"
              type="password"
              label={t.fields.currentPassword}
              error={errors.currentPassword?.(v.t)}
              autocomplete="current-password"
              required
            />
          )}
          <Field
            v={v}
            name="newPassword"
            type="password"
            label={t.fields.newPassword}
            hint={t.fields.passwordHint(minLength)}
            error={errors.newPassword?.(v.t)}
            autocomplete="new-password"
            meter
            required
            maxlength={PASSWORD_MAX}
          />
          <button type="submit">{firstPassword ? v.t.sns.setPasswordTitle : t.changePassword.submit}</button>
        </form>
      </section>
    </Layout>
  );
}
