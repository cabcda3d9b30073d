import { Hono, type Context } from 'hono';
import { displayNameField } from '../accounts/forms';
import { consentFields } from '../legal/consentForm';
import { currentTerms } from '../legal/terms';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { z } from 'zod';
import type { Message } from '../dictionary';
import { MINUTE } from '../platform/clock';
import { openJson, sealJson } from '../platform/sealed';
import type { AppEnv } from '../platform/web/env';
import { notFoundPage } from '../platform/web/errors';
import { field, keepValues, parseForm } from '../platform/web/forms';
import {
  actionContext,
  currentMember,
  formBody,
  loginRedirect,
  MessagePage,
  render,
  safeNextPath,
} from '../platform/web/http';
import { cookieName, cookieOptions } from '../platform/web/security';
import { ensureDeviceToken, setPendingLoginCookie, setSessionCookie } from '../security/sessions/sessionCookie';
import { isRecentlyAuthenticated, recentAuthRequired } from '../security/sessions/reauth';
import { SuspendedLoginPage } from '../trust/pages';
import { authorizationUrl, completeAuthorization, type AuthorizationCheck } from './oidc';
import { SnsSignupPage, type SnsIntent } from './pages';
import {
  completeSnsSignup,
  linkSns,
  logInWithSns,
  providerById,
  reauthenticateWithSns,
  unlinkSns,
  type PendingSnsSignup,
} from './snsAccounts';

const ATTEMPT_COOKIE = 'wz_sns';
const SIGNUP_COOKIE = 'wz_sns_signup';
const ATTEMPT_MS = 10 * MINUTE;
const SIGNUP_MS = 15 * MINUTE;

/** What the browser carries (sealed) from the start of an SNS sign-in to its callback. */
type Attempt = AuthorizationCheck & { provider: string; intent: SnsIntent; next: string; memberId: string | null };

const snsSignupForm = {
  username: field(
    z
      .string()
      .trim()
      .regex(/^[a-z0-9_]{3,20}$/),
    (t) => t.accounts.errors.usernameFormat,
  ),
  displayName: displayNameField,
  ...consentFields,
};

export function snsRoutes() {
  const app = new Hono<AppEnv>();
  const secret = (c: Context<AppEnv>) => c.get('deps').config.secretKey;
  const now = (c: Context<AppEnv>) => c.get('deps').clock.now();
  const cookie = (c: Context<AppEnv>, name: string) => cookieName(c.get('deps').config.baseUrl, name);
  const redirectUri = (c: Context<AppEnv>, providerId: string) =>
    `${c.get('deps').config.baseUrl}/auth/${providerId}/callback`;
  const problemPage = (c: Context<AppEnv>, problem: Message, status: 400 | 403 | 409 | 503) =>
    render(
      c,
      <MessagePage
        c={c}
        title={problem(c.get('view').t)}
        body=""
        link={{ href: '/login', label: c.get('view').t.common.nav.login }}
        noindex
      />,
      status,
    );

  app.post('/auth/:provider/start', async (c) => {
    const provider = providerById(c.get('deps'), c.req.param('provider'));
    if (!provider) return notFoundPage(c);
    const body = await formBody(c);
    const intent: SnsIntent = body.intent === 'link' || body.intent === 'reauth' ? body.intent : 'login';
    const member = c.get('view').member;
    if (intent !== 'login' && !member) return loginRedirect(c);
    // Linking adds a way in: it needs a recent proof of identity, like adding any other factor.
    if (intent === 'link' && !isRecentlyAuthenticated(c.get('sessionAuthenticatedAt'), now(c))) {
      return c.redirect(`/settings/reauth?next=${encodeURIComponent('/settings/account#sns')}`, 303);
    }
    let started;
    try {
      started = await authorizationUrl(provider, redirectUri(c, provider.id));
    } catch (error) {
      c.get('deps').log.warn({ err: error, provider: provider.id }, 'SNS provider unreachable');
      return problemPage(c, (t) => t.sns.errors.providerDown, 503);
    }
    const attempt: Attempt = {
      ...started.check,
      provider: provider.id,
      intent,
      next: safeNextPath(body.next),
      memberId: member?.id ?? null,
    };
    setCookie(
      c,
      cookie(c, ATTEMPT_COOKIE),
      sealJson(secret(c), 'sns-attempt', attempt, new Date(now(c).getTime() + ATTEMPT_MS)),
      cookieOptions(c.get('deps').config.baseUrl, ATTEMPT_MS / 1000),
    );
    return c.redirect(started.url.href, 303);
  });

  app.get('/auth/:provider/callback', async (c) => {
    const deps = c.get('deps');
    const provider = providerById(deps, c.req.param('provider'));
    if (!provider) return notFoundPage(c);
    const attempt = openJson<Attempt>(secret(c), 'sns-attempt', getCookie(c, cookie(c, ATTEMPT_COOKIE)), now(c));
    deleteCookie(c, cookie(c, ATTEMPT_COOKIE), cookieOptions(deps.config.baseUrl));
    if (!attempt || attempt.provider !== provider.id || c.req.query('error'))
      return problemPage(c, (t) => t.sns.errors.cancelled, 400);
    let claims;
    try {
      claims = await completeAuthorization(
        provider,
        new URL(`${redirectUri(c, provider.id)}${new URL(c.req.url).search}`),
        attempt,
      );
    } catch (error) {
      // A wrong state, nonce, issuer or signature, a replayed code, or a provider that went away.
      deps.log.warn({ err: error, provider: provider.id }, 'SNS sign-in refused');
      return problemPage(c, (t) => t.sns.errors.cancelled, 400);
    }
    const ctx = { ...actionContext(c), deviceToken: ensureDeviceToken(c) };
    const member = c.get('view').member;

    if (attempt.intent !== 'login') {
      if (!member || member.id !== attempt.memberId) return loginRedirect(c);
      if (attempt.intent === 'reauth') {
        const ok = await reauthenticateWithSns(deps, member, c.get('sessionId')!, provider, claims, ctx.origin);
        return ok ? c.redirect(attempt.next, 303) : problemPage(c, (t) => t.sns.errors.notLinkedToYou, 403);
      }
      const problem = await linkSns(deps, member, provider, claims, ctx.origin);
      return problem ? problemPage(c, problem, 409) : c.redirect('/settings/account?notice=sns-linked#sns', 303);
    }

    const outcome = await logInWithSns(deps, provider, claims, ctx);
    switch (outcome.kind) {
      case 'session':
        setSessionCookie(c, outcome.token);
        return c.redirect(attempt.next, 303);
      case 'second_factor':
        setPendingLoginCookie(c, outcome.pendingToken);
        return c.redirect(`/login/verify?next=${encodeURIComponent(attempt.next)}`, 303);
      case 'suspended':
        return render(c, <SuspendedLoginPage v={c.get('view')} notice={outcome.notice} />, 403);
      case 'refused':
        return problemPage(c, outcome.problem, 403);
      case 'new_member':
        setCookie(
          c,
          cookie(c, SIGNUP_COOKIE),
          sealJson(secret(c), 'sns-signup', outcome.pending, new Date(now(c).getTime() + SIGNUP_MS)),
          cookieOptions(deps.config.baseUrl, SIGNUP_MS / 1000),
        );
        return c.redirect('/signup/sns', 303);
    }
  });

  const pendingSignup = (c: Context<AppEnv>) => {
    const pending = openJson<PendingSnsSignup>(secret(c), 'sns-signup', getCookie(c, cookie(c, SIGNUP_COOKIE)), now(c));
    const provider = pending ? providerById(c.get('deps'), pending.provider) : null;
    return pending && provider ? { pending, provider } : null;
  };

  const termsShown = async (c: Context<AppEnv>) => (await currentTerms(c.get('deps').db, now(c)))?.version ?? '';

  app.get('/signup/sns', async (c) => {
    const found = pendingSignup(c);
    if (!found) return problemPage(c, (t) => t.sns.errors.cancelled, 400);
    return render(
      c,
      <SnsSignupPage
        v={c.get('view')}
        providerName={found.provider.name}
        email={found.pending.email}
        values={{ displayName: found.pending.name ?? '' }}
        termsVersion={await termsShown(c)}
      />,
    );
  });

  app.post('/signup/sns', async (c) => {
    const found = pendingSignup(c);
    if (!found) return problemPage(c, (t) => t.sns.errors.cancelled, 400);
    const body = await formBody(c);
    const values = keepValues(body, ['username', 'displayName', 'agree', 'age']);
    const form = parseForm(snsSignupForm, body);
    const page = async (errors: Parameters<typeof SnsSignupPage>[0]['errors']) =>
      render(
        c,
        <SnsSignupPage
          v={c.get('view')}
          providerName={found.provider.name}
          email={found.pending.email}
          values={values}
          errors={errors}
          termsVersion={await termsShown(c)}
        />,
        422,
      );
    if (!form.ok) return page(form.errors);
    const result = await completeSnsSignup(c.get('deps'), found.provider, found.pending, form.value, {
      ...actionContext(c),
      deviceToken: ensureDeviceToken(c),
    });
    if (!result.ok) return page(result.errors);
    deleteCookie(c, cookie(c, SIGNUP_COOKIE), cookieOptions(c.get('deps').config.baseUrl));
    setSessionCookie(c, result.token);
    return c.redirect('/settings/account?notice=sns-linked#sns', 303);
  });

  app.use('/settings/account/sns/*', recentAuthRequired);
  app.post('/settings/account/sns/:provider/unlink', async (c) => {
    const problem = await unlinkSns(c.get('deps'), currentMember(c), c.req.param('provider'), actionContext(c).origin);
    return c.redirect(
      problem ? '/settings/account?problem=last-way-in#sns' : '/settings/account?notice=sns-unlinked#sns',
      303,
    );
  });

  return app;
}
