import { Hono, type Context } from 'hono';
import { hasSecondFactor } from '../security/factors/twoFactor';
import { PASSWORD_MIN_SINGLE_FACTOR, PASSWORD_MIN_WITH_SECOND_FACTOR } from './limits';
import type { AppEnv } from '../platform/web/env';
import { keepValues, parseForm, type FieldErrors } from '../platform/web/forms';
import { currentTerms } from '../legal/terms';
import { actionContext, currentMember, formBody, MessagePage, memberOnly, render } from '../platform/web/http';
import { ResetConfirmPage, ResetRequestPage, SignupPage } from './authPages';
import {
  changePassword,
  setFirstPassword,
  confirmEmailChange,
  requestEmailChange,
  resendVerification,
  verifyEmail,
} from './changeCredentials';
import {
  changeEmailForm,
  changePasswordForm,
  setPasswordForm,
  localeForm,
  resetConfirmForm,
  resetRequestForm,
  signupForm,
} from './forms';
import { findMemberById, saveLocale } from './members';
import { isResetTokenValid, requestPasswordReset, resetPassword } from './passwordReset';
import { ensureDeviceToken } from '../security/sessions/sessionCookie';
import { AccountSettingsPage, ChangeEmailPage, ChangePasswordPage, SettingsPage } from './settingsPages';
import { signUp } from './signUp';
import { linkedProviders } from '../sns/snsAccounts';
import { hasPassword, needsRecentProofFirst } from '../security/sessions/reauth';

export function accountRoutes() {
  const app = new Hono<AppEnv>();

  // The form carries the version it shows, so a member agrees to the text they could read.
  const termsShown = async (c: Context<AppEnv>) =>
    (await currentTerms(c.get('deps').db, c.get('deps').clock.now()))?.version ?? '';
  app.get('/signup', async (c) => render(c, <SignupPage v={c.get('view')} termsVersion={await termsShown(c)} />));
  app.post('/signup', async (c) => {
    const body = await formBody(c);
    const values = keepValues(body, ['email', 'username', 'displayName', 'agree', 'age']);
    const form = parseForm(signupForm, body);
    const page = async (errors: FieldErrors<keyof typeof signupForm | 'form'>) =>
      render(
        c,
        <SignupPage v={c.get('view')} values={values} errors={errors} termsVersion={await termsShown(c)} />,
        422,
      );
    if (!form.ok) return page(form.errors);
    const result = await signUp(c.get('deps'), form.value, { ...actionContext(c), deviceToken: ensureDeviceToken(c) });
    if (!result.ok) return page(result.errors);
    const t = c.get('view').t.accounts.signup;
    return render(c, <MessagePage c={c} title={t.sentTitle} body={t.sentBody(result.email)} />);
  });

  app.get('/verify-email', async (c) => {
    const v = c.get('view');
    const ok = await verifyEmail(c.get('deps'), c.req.query('token') ?? '', actionContext(c));
    if (!ok) return render(c, <MessagePage c={c} title={v.t.accounts.errors.tokenInvalid} body="" noindex />, 400);
    const link = v.member
      ? { href: '/mypage', label: v.t.common.nav.mypage }
      : { href: '/login', label: v.t.common.nav.login };
    return render(
      c,
      <MessagePage
        c={c}
        title={v.t.accounts.verify.doneTitle}
        body={v.t.accounts.verify.doneBody}
        link={link}
        noindex
      />,
    );
  });

  app.get('/password/reset', (c) => render(c, <ResetRequestPage v={c.get('view')} />));
  app.post('/password/reset', async (c) => {
    const body = await formBody(c);
    const form = parseForm(resetRequestForm, body);
    const v = c.get('view');
    if (!form.ok)
      return render(c, <ResetRequestPage v={v} values={keepValues(body, ['email'])} errors={form.errors} />, 422);
    await requestPasswordReset(c.get('deps'), form.value.email, actionContext(c));
    return render(c, <MessagePage c={c} title={v.t.accounts.reset.sentTitle} body={v.t.accounts.reset.sentBody} />);
  });

  // The token sits in the URL: no referrer may carry it to another site.
  app.use('/password/reset/confirm', async (c, next) => {
    await next();
    c.header('Referrer-Policy', 'no-referrer');
  });
  app.get('/password/reset/confirm', async (c) => {
    const v = c.get('view');
    const token = c.req.query('token') ?? '';
    if (!(await isResetTokenValid(c.get('deps'), token))) {
      return render(
        c,
        <MessagePage
          c={c}
          title={v.t.accounts.errors.tokenInvalid}
          body=""
          link={{ href: '/password/reset', label: v.t.accounts.reset.title }}
          noindex
        />,
        400,
      );
    }
    return render(c, <ResetConfirmPage v={v} token={token} />);
  });
  app.post('/password/reset/confirm', async (c) => {
    const body = await formBody(c);
    const v = c.get('view');
    const form = parseForm(resetConfirmForm, body);
    if (!form.ok) return render(c, <ResetConfirmPage v={v} token={body.token ?? ''} errors={form.errors} />, 422);
    const result = await resetPassword(
      c.get('deps'),
      { ...form.value, endOtherSessions: body.endOtherSessions === 'on' },
      actionContext(c),
    );
    if (!result.ok && result.errors.token) {
      return render(
        c,
        <MessagePage
          c={c}
          title={v.t.accounts.errors.tokenInvalid}
          body=""
          link={{ href: '/password/reset', label: v.t.accounts.reset.title }}
          noindex
        />,
        400,
      );
    }
    if (!result.ok) return render(c, <ResetConfirmPage v={v} token={form.value.token} errors={result.errors} />, 422);
    return render(
      c,
      <MessagePage
        c={c}
        title={v.t.accounts.reset.doneTitle}
        body={v.t.accounts.reset.doneBody}
        link={{ href: '/login', label: v.t.common.nav.login }}
      />,
    );
  });

  app.use('/settings', memberOnly);
  app.use('/settings/*', memberOnly);
  app.get('/settings', (c) => render(c, <SettingsPage v={c.get('view')} />));

  app.get('/settings/account', async (c) => {
    const v = c.get('view');
    const member = (await findMemberById(c.get('deps').db, currentMember(c).id))!;
    const notices: Record<string, string> = {
      'email-changed': v.t.accounts.changeEmail.done,
      'password-changed': v.t.accounts.changePassword.done,
      'locale-saved': v.t.accounts.settings.languageSaved,
      'verification-sent': v.t.accounts.verify.resent,
      'sns-linked': v.t.sns.linkedNotice,
      'sns-unlinked': v.t.sns.unlinkedNotice,
    };
    const notice = notices[c.req.query('notice') ?? ''] ?? null;
    const problem = c.req.query('problem') === 'last-way-in' ? v.t.sns.errors.lastWayIn : null;
    const deps = c.get('deps');
    const linked = await linkedProviders(deps, member.id);
    const sns = deps.config.snsProviders.map((p) => ({
      id: p.id,
      name: p.name,
      linkedAt: linked.find((l) => l.provider === p.id)?.linkedAt ?? null,
    }));
    const data = {
      email: member.email,
      emailVerified: member.emailVerifiedAt !== null,
      hasPassword: member.passwordHash !== null,
      sns,
    };
    return render(c, <AccountSettingsPage v={v} data={data} notice={notice} problem={problem} />);
  });

  app.post('/settings/account/verification', async (c) => {
    await resendVerification(c.get('deps'), currentMember(c));
    return c.redirect('/settings/account?notice=verification-sent', 303);
  });

  app.post('/settings/account/locale', async (c) => {
    const form = parseForm(localeForm, await formBody(c));
    if (form.ok) {
      await saveLocale(c.get('deps'), currentMember(c).id, form.value.locale);
      c.get('view').locale = form.value.locale;
    }
    return c.redirect('/settings/account?notice=locale-saved', 303);
  });

  const passwordMinimum = async (c: Context<AppEnv>) =>
    (await hasSecondFactor(c.get('deps').db, currentMember(c).id))
      ? PASSWORD_MIN_WITH_SECOND_FACTOR
      : PASSWORD_MIN_SINGLE_FACTOR;
  const memberHasPassword = (c: Context<AppEnv>) => hasPassword(c.get('deps'), currentMember(c).id);
  const needsRecentProof = (c: Context<AppEnv>) =>
    needsRecentProofFirst(c.get('deps'), currentMember(c).id, c.get('sessionAuthenticatedAt'));
  app.get('/settings/account/password', async (c) => {
    if (await needsRecentProof(c)) return c.redirect('/settings/reauth?next=/settings/account/password', 303);
    return render(
      c,
      <ChangePasswordPage
        v={c.get('view')}
        minLength={await passwordMinimum(c)}
        firstPassword={!(await memberHasPassword(c))}
      />,
    );
  });
  app.post('/settings/account/password', async (c) => {
    const body = await formBody(c);
    const v = c.get('view');
    if (!(await memberHasPassword(c))) {
      const form = parseForm(setPasswordForm, body);
      if (!form.ok)
        return render(
          c,
          <ChangePasswordPage v={v} minLength={await passwordMinimum(c)} firstPassword errors={form.errors} />,
          422,
        );
      const result = await setFirstPassword(
        c.get('deps'),
        { member: currentMember(c), sessionAuthenticatedAt: c.get('sessionAuthenticatedAt') },
        form.value.newPassword,
        actionContext(c),
      );
      if (result === 'reauth') return c.redirect('/settings/reauth?next=/settings/account/password', 303);
      if (result)
        return render(
          c,
          <ChangePasswordPage
            v={v}
            minLength={await passwordMinimum(c)}
            firstPassword
            errors={{ newPassword: result }}
          />,
          422,
        );
      return c.redirect('/settings/account?notice=password-changed', 303);
    }
    const form = parseForm(changePasswordForm, body);
    if (!form.ok)
      return render(c, <ChangePasswordPage v={v} minLength={await passwordMinimum(c)} errors={form.errors} />, 422);
    const result = await changePassword(
      c.get('deps'),
      { member: currentMember(c), sessionId: c.get('sessionId')! },
      form.value,
      { ...actionContext(c), deviceToken: ensureDeviceToken(c) },
    );
    if (!result.ok)
      return render(c, <ChangePasswordPage v={v} minLength={await passwordMinimum(c)} errors={result.errors} />, 422);
    return c.redirect('/settings/account?notice=password-changed', 303);
  });

  app.get('/settings/account/email', async (c) => {
    if (await needsRecentProof(c)) return c.redirect('/settings/reauth?next=/settings/account/email', 303);
    return render(c, <ChangeEmailPage v={c.get('view')} askPassword={await memberHasPassword(c)} />);
  });
  app.post('/settings/account/email', async (c) => {
    if (await needsRecentProof(c)) return c.redirect('/settings/reauth?next=/settings/account/email', 303);
    const body = await formBody(c);
    const askPassword = await memberHasPassword(c);
    const form = parseForm(askPassword ? changeEmailForm : { newEmail: changeEmailForm.newEmail }, body);
    const v = c.get('view');
    const values = keepValues(body, ['newEmail']);
    if (!form.ok)
      return render(c, <ChangeEmailPage v={v} values={values} errors={form.errors} askPassword={askPassword} />, 422);
    const input = {
      newEmail: form.value.newEmail,
      currentPassword: 'currentPassword' in form.value ? (form.value.currentPassword as string) : null,
    };
    const result = await requestEmailChange(
      c.get('deps'),
      { member: currentMember(c), sessionAuthenticatedAt: c.get('sessionAuthenticatedAt') },
      input,
      actionContext(c),
    );
    if (!result.ok)
      return render(c, <ChangeEmailPage v={v} values={values} errors={result.errors} askPassword={askPassword} />, 422);
    return render(
      c,
      <MessagePage
        c={c}
        title={v.t.accounts.changeEmail.title}
        body={v.t.accounts.changeEmail.sent(result.email)}
        noindex
      />,
    );
  });
  app.get('/settings/account/email/confirm', async (c) => {
    const result = await confirmEmailChange(c.get('deps'), c.req.query('token') ?? '', actionContext(c));
    if (!result.ok)
      return render(c, <MessagePage c={c} title={result.problem(c.get('view').t)} body="" noindex />, 400);
    return c.redirect('/settings/account?notice=email-changed', 303);
  });

  return app;
}
