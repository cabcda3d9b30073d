import { desc } from 'drizzle-orm';
import { Hono } from 'hono';
import type { AppEnv } from '../../platform/web/env';
import { actionContext, currentMember, formBody, memberOnly, render, safeNextPath } from '../../platform/web/http';
import { Layout } from '../../platform/web/layout';
import { pendingLoginCookie } from '../sessions/sessionCookie';
import { openPendingLogin } from '../login/pendingLogins';
import { recentAuthRequired } from '../sessions/reauth';
import { smsOutbox } from '../schema';
import { confirmPhone, normalisePhone, removePhone, sendLoginCode, startPhoneVerification } from './sms';
import { PhonePage } from './smsPages';
import { SecondFactorPage } from './twoFactorPages';

export function smsRoutes() {
  const app = new Hono<AppEnv>();
  app.use('/settings/security/phone', memberOnly, recentAuthRequired);
  app.use('/settings/security/phone/*', memberOnly, recentAuthRequired);

  app.get('/settings/security/phone', (c) => render(c, <PhonePage v={c.get('view')} sentTo={null} />));
  app.post('/settings/security/phone', async (c) => {
    const body = await formBody(c);
    const result = await startPhoneVerification(
      c.get('deps'),
      currentMember(c),
      body.phone ?? '',
      actionContext(c).origin,
    );
    if (!result.ok)
      return render(
        c,
        <PhonePage v={c.get('view')} sentTo={null} values={{ phone: body.phone }} errors={{ phone: result.problem }} />,
        422,
      );
    return render(c, <PhonePage v={c.get('view')} sentTo={result.phone} values={{ phone: body.phone }} />);
  });
  app.post('/settings/security/phone/confirm', async (c) => {
    const body = await formBody(c);
    const problem = await confirmPhone(c.get('deps'), currentMember(c), body.code ?? '', actionContext(c).origin);
    if (problem)
      return render(
        c,
        <PhonePage v={c.get('view')} sentTo={normalisePhone(body.phone ?? '') ?? '-'} errors={{ code: problem }} />,
        422,
      );
    return c.redirect('/settings/security#sms', 303);
  });
  app.post('/settings/security/phone/remove', async (c) => {
    const refusal = await removePhone(c.get('deps'), currentMember(c), actionContext(c).origin);
    return c.redirect(refusal ? `/settings/security?problem=${refusal}#sms` : '/settings/security#sms', 303);
  });

  // The login's second step, by SMS: a code bound to this browser's pending login.
  app.post('/login/verify/sms', async (c) => {
    const deps = c.get('deps');
    const body = await formBody(c);
    const pending = await openPendingLogin(deps.db, pendingLoginCookie(c) ?? '', deps.clock.now());
    if (!pending) return c.redirect('/login?notice=expired', 303);
    const sent = await sendLoginCode(deps, pending.memberId, pending.id);
    const t = c.get('view').t.security.sms;
    return render(
      c,
      <SecondFactorPage
        v={c.get('view')}
        next={safeNextPath(body.next)}
        notice={sent ? t.loginSent : t.loginUnavailable}
        offerSms
      />,
      sent ? 200 : 429,
    );
  });

  return app;
}

/** /dev/sms: what the test-mode SMS provider would have sent, outside production only. */
export function devSmsRoutes() {
  const app = new Hono<AppEnv>();
  app.get('/dev/sms', async (c) => {
    const texts = await c.get('deps').db.select().from(smsOutbox).orderBy(desc(smsOutbox.createdAt)).limit(100);
    return render(
      c,
      <Layout v={c.get('view')} title="Dev SMS" noindex>
        <h1>Dev SMS (test mode: nothing is sent)</h1>
        <table>
          <tbody>
            {texts.map((s) => (
              <tr>
                <td>{s.createdAt.toISOString()}</td>
                <td class="sms-to">{s.toNumber}</td>
                <td class="sms-body">{s.body}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </Layout>,
    );
  });
  return app;
}
