import { Layout } from '../platform/web/layout';
import type { ViewContext } from '../platform/web/env';
import type { SuspensionNotice } from '../security/login/logIn';
import { japanDateTime } from '../platform/i18n/dates';

/** What a suspended member sees after typing the right password: why, until when, and where to appeal. */
export function SuspendedLoginPage({ v, notice }: { v: ViewContext; notice: SuspensionNotice }) {
  const t = v.t.trust.suspendedLogin;
  return (
    <Layout v={v} title={t.title} noindex>
      <section class="card narrow" role="alert">
        <h1>{t.title}</h1>
        {notice.reason === null ? (
          <p>{t.reasonByMail}</p>
        ) : (
          <>
            <p>{t.reason(notice.reason)}</p>
            <p>{notice.endsAt ? t.until(japanDateTime(v.locale, notice.endsAt)) : t.noEnd}</p>
          </>
        )}
        <p>{t.appealLead}</p>
        <a class="button" href="/support?category=suspension_appeal">
          {t.appeal}
        </a>
      </section>
    </Layout>
  );
}
