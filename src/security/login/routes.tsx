import { Hono } from 'hono';
import type { AppEnv } from '../../platform/web/env';
import { keepValues, parseForm } from '../../platform/web/forms';
import { actionContext, formBody, MessagePage, render, safeNextPath } from '../../platform/web/http';
import { loginForm } from '../../accounts/forms';
import { SuspendedLoginPage } from '../../trust/pages';
import {
  clearSessionCookie,
  ensureDeviceToken,
  setPendingLoginCookie,
  setSessionCookie,
} from '../sessions/sessionCookie';
import { endSessionByMail, logIn, logOut, unlockAccount } from './logIn';
import { LoginPage } from './pages';

/** ログイン and ログアウト: the password step, the unlock and end-session links from mails. */
export function loginRoutes() {
  const app = new Hono<AppEnv>();

  app.get('/login', (c) => {
    const v = c.get('view');
    const notices: Record<string, string> = {
      'logged-out': v.t.accounts.login.loggedOut,
      expired: v.t.security.twoFactor.expired,
      'wrong-codes': v.t.security.twoFactor.tooManyWrongCodes,
      locked: v.t.accounts.errors.accountLocked,
    };
    const notice = notices[c.req.query('notice') ?? ''] ?? null;
    return render(c, <LoginPage v={v} notice={notice} next={c.req.query('next')} />);
  });
  app.post('/login', async (c) => {
    const body = await formBody(c);
    const values = keepValues(body, ['email']);
    const form = parseForm(loginForm, body);
    const v = c.get('view');
    if (!form.ok) return render(c, <LoginPage v={v} values={values} errors={form.errors} next={body.next} />, 422);
    const result = await logIn(c.get('deps'), form.value, { ...actionContext(c), deviceToken: ensureDeviceToken(c) });
    if (!result.ok && result.suspension) return render(c, <SuspendedLoginPage v={v} notice={result.suspension} />, 403);
    if (!result.ok)
      return render(c, <LoginPage v={v} values={values} errors={{ form: result.problem }} next={body.next} />, 401);
    if (result.step === 'second_factor') {
      setPendingLoginCookie(c, result.pendingToken);
      return c.redirect(`/login/verify?next=${encodeURIComponent(safeNextPath(body.next))}`, 303);
    }
    setSessionCookie(c, result.token);
    return c.redirect(safeNextPath(body.next), 303);
  });

  app.get('/login/unlock', async (c) => {
    const v = c.get('view');
    const ok = await unlockAccount(c.get('deps'), c.req.query('token') ?? '');
    if (!ok) return render(c, <MessagePage c={c} title={v.t.accounts.errors.tokenInvalid} body="" noindex />, 400);
    return render(
      c,
      <MessagePage
        c={c}
        title={v.t.accounts.login.unlocked}
        body=""
        link={{ href: '/login', label: v.t.common.nav.login }}
        noindex
      />,
    );
  });

  app.get('/sessions/end', async (c) => {
    const v = c.get('view');
    const ok = await endSessionByMail(c.get('deps'), c.req.query('token') ?? '', actionContext(c));
    if (!ok) return render(c, <MessagePage c={c} title={v.t.accounts.errors.tokenInvalid} body="" noindex />, 400);
    return render(
      c,
      <MessagePage
        c={c}
        title={v.t.accounts.login.sessionEndedTitle}
        body={v.t.accounts.login.sessionEndedBody}
        link={{ href: '/password/reset', label: v.t.accounts.reset.title }}
        noindex
      />,
    );
  });

  app.post('/logout', async (c) => {
    const sessionId = c.get('sessionId');
    const member = c.get('view').member;
    if (sessionId && member) await logOut(c.get('deps'), { sessionId, memberId: member.id }, actionContext(c));
    clearSessionCookie(c);
    return c.redirect('/login?notice=logged-out', 303);
  });

  return app;
}
