import type { ViewContext } from '../../platform/web/env';
import { CsrfField, Layout } from '../../platform/web/layout';
import { formatDateTime } from '../../platform/web/dates';
import { Glossary } from '../../platform/web/glossary';

export function PasskeyScripts() {
  return (
    <>
      <script src="/static/simplewebauthn.js" defer></script>
      <script src="/static/passkeys.js" defer></script>
    </>
  );
}

type PasskeyRow = { id: string; name: string; createdAt: Date; lastUsedAt: Date | null };

export function PasskeySection({ v, passkeys }: { v: ViewContext; passkeys: PasskeyRow[] }) {
  const t = v.t.security.passkeys;
  return (
    <section class="card" id="passkeys">
      <h2>{t.section}</h2>
      <Glossary v={v} term={v.locale === 'ja' ? 'パスキー' : 'a passkey'} text={v.t.security.glossary.passkey} />
      {passkeys.length === 0 ? <p>{t.none}</p> : null}
      <ul class="plain" data-testid="passkeys">
        {passkeys.map((p) => (
          <li class="row">
            <strong>{p.name}</strong>{' '}
            <span class="small muted">
              {t.created}: {formatDateTime(v, p.createdAt)} · {t.lastUsed}:{' '}
              {p.lastUsedAt ? formatDateTime(v, p.lastUsedAt) : t.never}
            </span>
            <form method="post" action={`/settings/security/passkeys/${p.id}/rename`} class="cluster end">
              <CsrfField v={v} />
              <input type="text" name="name" value={p.name} maxlength={40} aria-label={t.nameLabel} />
              <button type="submit" class="secondary mt-0">
                {t.rename}
              </button>
            </form>
            <form method="post" action={`/settings/security/passkeys/${p.id}/remove`}>
              <CsrfField v={v} />
              <button type="submit" class="secondary">
                {t.remove}
              </button>
            </form>
          </li>
        ))}
      </ul>
      <a class="button" href="/settings/security/passkeys/new">
        {t.add}
      </a>
    </section>
  );
}

export function NewPasskeyPage({ v }: { v: ViewContext }) {
  const t = v.t.security.passkeys;
  return (
    <Layout v={v} title={t.add} noindex head={<PasskeyScripts />}>
      <section class="card narrow">
        <h1>{t.add}</h1>
        <Glossary v={v} term={v.locale === 'ja' ? 'パスキー' : 'a passkey'} text={v.t.security.glossary.passkey} />
        <form data-passkey-register data-failed={t.failed} data-unsupported={t.unsupported}>
          <CsrfField v={v} />
          <label for="f-name">{t.nameLabel}</label>
          <input id="f-name" type="text" name="name" value={t.defaultName} maxlength={40} required />
          <p class="form-error" data-passkey-error hidden role="alert"></p>
          <button type="submit">{t.add}</button>
        </form>
      </section>
    </Layout>
  );
}

/** The passkey button on the login page: shown by the script where the browser can use passkeys. */
export function PasskeyLoginButton({ v, next }: { v: ViewContext; next: string }) {
  const t = v.t.security.passkeys;
  return (
    <div class="card mt-3">
      <p class="small">{t.loginLead}</p>
      <p class="form-error" data-passkey-error hidden role="alert"></p>
      <button
        type="button"
        class="secondary"
        data-passkey-login
        data-next={next}
        data-failed={t.loginFailed}
        data-unsupported={t.unsupported}
        hidden
      >
        {t.loginButton}
      </button>
    </div>
  );
}
