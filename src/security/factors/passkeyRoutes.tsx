import { Hono } from 'hono';
import { z } from 'zod';
import type { AppEnv } from '../../platform/web/env';
import { notFoundPage } from '../../platform/web/errors';
import { actionContext, currentMember, formBody, memberOnly, render, safeNextPath } from '../../platform/web/http';
import { findMemberById } from '../../accounts/members';
import { recordSecurityEvent } from '../sessions/securityEvents';
import { ensureDeviceToken, setSessionCookie } from '../sessions/sessionCookie';
import { finishLogin } from '../login/logIn';
import { NewPasskeyPage } from './passkeyPages';
import {
  loginOptions,
  registerPasskey,
  registrationOptions,
  removePasskey,
  renamePasskey,
  verifyPasskeyLogin,
} from './passkeys';
import { isRecentlyAuthenticated, recentAuthRequired } from '../sessions/reauth';

const nameField = z.string().trim().min(1).max(40);
const registration = z.object({
  challengeId: z.string().uuid(),
  name: nameField,
  response: z.object({ id: z.string(), rawId: z.string(), type: z.literal('public-key') }).passthrough(),
});
const authentication = z.object({
  challengeId: z.string().uuid(),
  next: z.string().max(500).optional(),
  response: z.object({ id: z.string(), rawId: z.string(), type: z.literal('public-key') }).passthrough(),
});

export function passkeyRoutes() {
  const app = new Hono<AppEnv>();

  app.use('/settings/security/passkeys', memberOnly);
  app.use('/settings/security/passkeys/*', memberOnly);
  app.get('/settings/security/passkeys/new', recentAuthRequired, (c) =>
    render(c, <NewPasskeyPage v={c.get('view')} />),
  );
  // The JSON steps of adding a passkey check the same recent proof of identity as the page.
  app.post('/settings/security/passkeys/options', async (c) => {
    if (!isRecentlyAuthenticated(c.get('sessionAuthenticatedAt'), c.get('deps').clock.now()))
      return c.json({ error: c.get('view').t.security.reauthLead }, 403);
    return c.json(await registrationOptions(c.get('deps'), currentMember(c)));
  });
  app.post('/settings/security/passkeys', async (c) => {
    const t = c.get('view').t;
    if (!isRecentlyAuthenticated(c.get('sessionAuthenticatedAt'), c.get('deps').clock.now()))
      return c.json({ error: t.security.reauthLead }, 403);
    const body = registration.safeParse(await c.req.json().catch(() => null));
    if (!body.success) return c.json({ error: t.security.passkeys.failed }, 400);
    const result = await registerPasskey(c.get('deps'), currentMember(c), body.data as never, actionContext(c).origin);
    if (!result.ok) return c.json({ error: result.problem(t) }, 400);
    return c.json({ ok: true });
  });
  app.post('/settings/security/passkeys/:id/rename', async (c) => {
    const name = nameField.safeParse((await formBody(c)).name);
    const id = c.req.param('id');
    if (name.success && z.string().uuid().safeParse(id).success)
      await renamePasskey(c.get('deps'), currentMember(c), id, name.data);
    return c.redirect('/settings/security#passkeys', 303);
  });
  app.post('/settings/security/passkeys/:id/remove', recentAuthRequired, async (c) => {
    const id = c.req.param('id');
    if (!z.string().uuid().safeParse(id).success) return notFoundPage(c);
    const refusal = await removePasskey(c.get('deps'), currentMember(c), id, actionContext(c).origin);
    return c.redirect(refusal ? `/settings/security?problem=${refusal}#passkeys` : '/settings/security#passkeys', 303);
  });

  app.post('/login/passkey/options', async (c) => c.json(await loginOptions(c.get('deps'))));
  app.post('/login/passkey', async (c) => {
    const deps = c.get('deps');
    const t = c.get('view').t;
    const body = authentication.safeParse(await c.req.json().catch(() => null));
    if (!body.success) return c.json({ error: t.security.passkeys.loginFailed }, 400);
    const memberId = await verifyPasskeyLogin(deps, body.data as never);
    const member = memberId ? await findMemberById(deps.db, memberId) : null;
    if (!member || member.withdrawnAt || member.status === 'suspended')
      return c.json({ error: t.security.passkeys.loginFailed }, 401);
    const ctx = { ...actionContext(c), deviceToken: ensureDeviceToken(c) };
    // A passkey with user verification is itself two factors (something held, something known or are).
    const done = await finishLogin(deps, member, ctx, { secondFactor: true, remember: false });
    await recordSecurityEvent(deps.db, member.id, 'passkey_login', ctx.origin, deps.clock.now());
    setSessionCookie(c, done.token);
    return c.json({ next: safeNextPath(body.data.next) });
  });
  return app;
}
