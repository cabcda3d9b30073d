import { Hono, type Context } from 'hono';
import QRCode from 'qrcode';
import type { Message } from '../../dictionary';
import type { AppEnv } from '../../platform/web/env';
import { actionContext, currentMember, formBody, memberOnly, render, safeNextPath } from '../../platform/web/http';
import {
  clearPendingLoginCookie,
  ensureDeviceToken,
  pendingLoginCookie,
  setSessionCookie,
} from '../sessions/sessionCookie';
import { recentAuthRequired } from '../sessions/reauth';
import { completeSecondFactor } from '../login/secondStep';
import { beginTotpSetup, confirmTotp, disableTotp, regenerateRecoveryCodes } from './twoFactor';
import { RecoveryCodesPage, SecondFactorPage, TotpSetupPage } from './twoFactorPages';
import { openPendingLogin } from '../login/pendingLogins';
import { verifiedPhone } from './sms';

async function renderSetup(c: Context<AppEnv>, problem?: Message) {
  const setup = await beginTotpSetup(c.get('deps'), currentMember(c));
  if (!setup) return c.redirect('/settings/security#two-factor', 303);
  const qrSvg = await QRCode.toString(setup.uri, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' });
  return render(
    c,
    <TotpSetupPage v={c.get('view')} secret={setup.secret} qrSvg={qrSvg} errors={problem ? { code: problem } : {}} />,
    problem ? 422 : 200,
  );
}

export function twoFactorRoutes() {
  const app = new Hono<AppEnv>();

  // SMS is offered on the second step only to members with a verified number.
  const offersSms = async (c: Context<AppEnv>) => {
    const deps = c.get('deps');
    const pending = await openPendingLogin(deps.db, pendingLoginCookie(c) ?? '', deps.clock.now());
    return pending ? (await verifiedPhone(deps.db, pending.memberId)) !== null : false;
  };
  app.get('/login/verify', async (c) => {
    if (!pendingLoginCookie(c)) return c.redirect('/login', 303);
    return render(
      c,
      <SecondFactorPage v={c.get('view')} next={safeNextPath(c.req.query('next'))} offerSms={await offersSms(c)} />,
    );
  });
  app.post('/login/verify', async (c) => {
    const body = await formBody(c);
    const next = safeNextPath(body.next);
    const result = await completeSecondFactor(
      c.get('deps'),
      { pendingToken: pendingLoginCookie(c) ?? '', code: body.code ?? '', remember: body.remember === 'on' },
      { ...actionContext(c), deviceToken: ensureDeviceToken(c) },
    );
    if (!result.ok && result.restart) {
      clearPendingLoginCookie(c);
      return c.redirect(`/login?notice=${result.restart}`, 303);
    }
    if (!result.ok)
      return render(
        c,
        <SecondFactorPage
          v={c.get('view')}
          next={next}
          offerSms={await offersSms(c)}
          errors={{ code: result.problem }}
        />,
        422,
      );
    clearPendingLoginCookie(c);
    setSessionCookie(c, result.token);
    return c.redirect(next, 303);
  });

  // Adding or removing a factor needs a fresh proof of identity and is announced by mail (ASVS 7.5.1).
  app.use('/settings/security/totp', memberOnly, recentAuthRequired);
  app.use('/settings/security/totp/*', memberOnly, recentAuthRequired);
  app.use('/settings/security/recovery-codes', memberOnly, recentAuthRequired);

  app.get('/settings/security/totp', (c) => renderSetup(c));
  app.post('/settings/security/totp', async (c) => {
    const codes = await confirmTotp(
      c.get('deps'),
      currentMember(c),
      (await formBody(c)).code ?? '',
      actionContext(c).origin,
    );
    if (!codes) return renderSetup(c, (t) => t.security.twoFactor.wrongCode);
    return render(c, <RecoveryCodesPage v={c.get('view')} codes={codes} />);
  });
  app.post('/settings/security/totp/disable', async (c) => {
    const refusal = await disableTotp(c.get('deps'), currentMember(c), actionContext(c).origin);
    return c.redirect(
      refusal ? `/settings/security?problem=${refusal}#two-factor` : '/settings/security#two-factor',
      303,
    );
  });
  app.post('/settings/security/recovery-codes', async (c) => {
    const codes = await regenerateRecoveryCodes(c.get('deps'), currentMember(c), actionContext(c).origin);
    if (!codes) return c.redirect('/settings/security#two-factor', 303);
    return render(c, <RecoveryCodesPage v={c.get('view')} codes={codes} />);
  });
  return app;
}
