import type { ViewContext } from '../platform/web/env';
import { CsrfField, Layout, Notice } from '../platform/web/layout';
import { formatDate } from '../platform/web/dates';
import type { Checkup, CheckupItem } from './checkup';
import { Glossary } from '../platform/web/glossary';

/** One click per fix: a link to the setup page, or a form that does it. */
function Fix({ v, item }: { v: ViewContext; item: CheckupItem }) {
  const label = v.t.security.checkup.items[item.key].action;
  const post = (action: string) => (
    <form method="post" action={action}>
      <CsrfField v={v} />
      <button type="submit" class="secondary mt-1">
        {label}
      </button>
    </form>
  );
  switch (item.key) {
    case 'twoFactor':
      return <a href="/settings/security/totp">{label}</a>;
    case 'passkey':
      return <a href="/settings/security/passkeys/new">{label}</a>;
    case 'recoveryCodes':
      return post('/settings/security/recovery-codes');
    case 'passwordLength':
      return <a href="/settings/account/password">{label}</a>;
    case 'otherSessions':
      return post('/settings/security/sessions/end-others');
    case 'personalDetails':
      return post('/settings/privacy/lock-details');
  }
}

export function CheckupPage({ v, checkup, notice }: { v: ViewContext; checkup: Checkup; notice?: string | null }) {
  const t = v.t.security.checkup;
  return (
    <Layout v={v} title={t.title} noindex>
      <h1>{t.title}</h1>
      <Notice text={notice} />
      <Glossary
        v={v}
        term={v.locale === 'ja' ? '二段階認証' : 'two-step verification'}
        text={v.t.security.glossary.twoFactor}
      />
      <Glossary v={v} term={v.locale === 'ja' ? 'パスキー' : 'a passkey'} text={v.t.security.glossary.passkey} />
      <Glossary v={v} term={v.locale === 'ja' ? 'セッション' : 'a session'} text={v.t.security.glossary.session} />
      <p class="card text-2xl" data-testid="checkup-score">
        {t.score(checkup.score)}
      </p>
      <ul class="plain">
        {checkup.items.map((item) => (
          <li class="card" data-item={item.key}>
            <strong>
              {item.ok ? '✓' : '!'} {t.items[item.key].label}
            </strong>
            {item.ok ? (
              <p class="small muted">{t.ok}</p>
            ) : (
              <>
                <p class="small">{t.items[item.key].bad}</p>
                <Fix v={v} item={item} />
              </>
            )}
          </li>
        ))}
      </ul>
      {checkup.passwordSetAt ? <p class="small muted">{t.passwordAge(formatDate(v, checkup.passwordSetAt))}</p> : null}
    </Layout>
  );
}
