import { raw } from 'hono/html';
import type { FieldErrors } from '../../platform/web/forms';
import type { ViewContext } from '../../platform/web/env';
import { CsrfField, Field, Layout, Notice } from '../../platform/web/layout';
import { Glossary } from '../../platform/web/glossary';

export function TotpSetupPage({
  v,
  secret,
  qrSvg,
  errors = {},
}: {
  v: ViewContext;
  secret: string;
  qrSvg: string;
  errors?: FieldErrors<'code'>;
}) {
  const t = v.t.security.twoFactor;
  return (
    <Layout v={v} title={t.setupTitle} noindex>
      <section class="card narrow">
        <h1>{t.setupTitle}</h1>
        <Glossary
          v={v}
          term={v.locale === 'ja' ? '二段階認証' : 'two-step verification'}
          text={v.t.security.glossary.twoFactor}
        />
        <ol>
          {t.setupSteps.map((step) => (
            <li>{step}</li>
          ))}
        </ol>
        <div class="thumb" aria-label="QR code">
          {raw(qrSvg)}
        </div>
        <p class="small">{t.secretLabel}</p>
        <p>
          <code class="mono" data-testid="totp-secret">
            {secret.match(/.{1,4}/g)!.join(' ')}
          </code>
        </p>
        <form method="post" action="/settings/security/totp" novalidate>
          <CsrfField v={v} />
          <Field
            v={v}
            name="code"
            label={t.code}
            error={errors.code?.(v.t)}
            autocomplete="one-time-code"
            required
            maxlength={6}
          />
          <button type="submit">{t.confirm}</button>
        </form>
      </section>
    </Layout>
  );
}

export function RecoveryCodesPage({ v, codes }: { v: ViewContext; codes: string[] }) {
  const t = v.t.security.twoFactor;
  return (
    <Layout v={v} title={t.recoveryTitle} noindex>
      <section class="card narrow">
        <h1>{t.recoveryTitle}</h1>
        <p>{t.recoveryLead}</p>
        <ol class="mono" data-testid="recovery-codes">
          {codes.map((code) => (
            <li>{code}</li>
          ))}
        </ol>
        <a class="button" href="/settings/security">
          {t.done}
        </a>
      </section>
    </Layout>
  );
}

export function SecondFactorPage({
  v,
  next,
  offerSms,
  notice,
  errors = {},
}: {
  v: ViewContext;
  next: string;
  offerSms: boolean;
  notice?: string | null;
  errors?: FieldErrors<'code'>;
}) {
  const t = v.t.security.twoFactor;
  return (
    <Layout v={v} title={t.verifyTitle} noindex>
      <section class="card narrow">
        <h1>{t.verifyTitle}</h1>
        <p>{t.verifyLead}</p>
        <Notice text={notice} />
        <form method="post" action="/login/verify" novalidate>
          <CsrfField v={v} />
          <input type="hidden" name="next" value={next} />
          <Field
            v={v}
            name="code"
            label={t.codeOrRecovery}
            error={errors.code?.(v.t)}
            autocomplete="one-time-code"
            required
            maxlength={14}
          />
          <label class="checkbox">
            <input type="checkbox" name="remember" value="on" />
            {t.remember}
          </label>
          <button type="submit">{t.verifySubmit}</button>
        </form>
        {offerSms ? (
          <form method="post" action="/login/verify/sms">
            <CsrfField v={v} />
            <input type="hidden" name="next" value={next} />
            <button type="submit" class="secondary">
              {v.t.security.sms.loginSend}
            </button>
          </form>
        ) : null}
      </section>
    </Layout>
  );
}

/** The 二段階認証 part of /settings/security: what is on, and the one click to change it. */
export function TwoFactorSection({
  v,
  enabled,
  recoveryLeft,
}: {
  v: ViewContext;
  enabled: boolean;
  recoveryLeft: number;
}) {
  const t = v.t.security.twoFactor;
  return (
    <section class="card" id="two-factor">
      <h2>
        {t.section} <span class={enabled ? 'pill ok' : 'pill warn'}>{enabled ? t.on : t.off}</span>
      </h2>
      <Glossary
        v={v}
        term={v.locale === 'ja' ? '二段階認証' : 'two-step verification'}
        text={v.t.security.glossary.twoFactor}
      />
      {enabled ? (
        <>
          <p>{t.recoveryLeft(recoveryLeft)}</p>
          <form method="post" action="/settings/security/recovery-codes">
            <CsrfField v={v} />
            <button type="submit" class="secondary">
              {t.regenerate}
            </button>
            <p class="small muted">{t.regenerateWarning}</p>
          </form>
          <form method="post" action="/settings/security/totp/disable">
            <CsrfField v={v} />
            <button type="submit" class="secondary">
              {t.disable}
            </button>
            <p class="small muted">{t.disableWarning}</p>
          </form>
        </>
      ) : (
        <>
          <p>{t.offLead}</p>
          <a class="button" href="/settings/security/totp">
            {t.enable}
          </a>
        </>
      )}
    </section>
  );
}
