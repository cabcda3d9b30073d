import { desc, eq } from 'drizzle-orm';
import { Hono } from 'hono';
import { z } from 'zod';
import type { AppEnv } from '../platform/web/env';
import { consumeRateLimit } from '../platform/rateLimit';
import {
  actionContext,
  currentMember,
  formBody,
  memberOnly,
  render,
  requestOrigin,
  safeNextPath,
} from '../platform/web/http';
import { recordSecurityEvent } from './sessions/securityEvents';
import { securityEvents } from '../accounts/schema';
import { endMemberSessions, endSession, liveSessions } from './sessions/sessions';
import { passwordStrength } from './passwordStrength';
import { ReauthPage, SecurityPage } from './pages';
import { reauthenticate } from './sessions/reauth';
import { describeUserAgent } from './sessions/userAgent';
import { hasSecondFactor, unusedRecoveryCodeCount } from './factors/twoFactor';
import { TwoFactorSection } from './factors/twoFactorPages';
import { twoFactorRoutes } from './factors/twoFactorRoutes';
import { passkeyRoutes } from './factors/passkeyRoutes';
import { PasskeySection } from './factors/passkeyPages';
import { passkeysOf } from './factors/passkeys';
import { runCheckup } from './checkup';
import { CheckupPage } from './checkupPage';
import { SmsSection } from './factors/smsPages';
import { smsRoutes } from './factors/smsRoutes';
import { hasStrongFactor, verifiedPhone } from './factors/sms';

const strengthRequest = z.object({
  password: z.string().max(256),
  email: z.string().max(254).optional(),
  username: z.string().max(40).optional(),
});

export function securityRoutes() {
  const app = new Hono<AppEnv>();

  // The live meter's question. Answers only a score and advice; nothing is stored.
  app.post('/password/strength', async (c) => {
    const parsed = strengthRequest.safeParse(await c.req.json().catch(() => null));
    if (!parsed.success) return c.json({ error: 'invalid' }, 400);
    const deps = c.get('deps');
    const ip = requestOrigin(c).ip ?? 'local';
    if (
      !(await consumeRateLimit(deps.db, { bucket: 'strength:ip', limit: 300, windowMs: 60_000 }, ip, deps.clock.now()))
    )
      return c.json({ error: 'slow down' }, 429);
    const v = c.get('view');
    const inputs = [parsed.data.email?.split('@')[0], parsed.data.username, 'wazaichi', '技市'].filter(
      (s): s is string => !!s,
    );
    const strength = passwordStrength(parsed.data.password, inputs, v.locale);
    const score = strength.blocked ? 0 : strength.score;
    return c.json({
      score,
      label: v.t.security.strength[score],
      warning: strength.blocked ? v.t.accounts.errors.passwordTooGuessable : strength.warning,
      suggestions: strength.suggestions,
    });
  });

  app.route('/', twoFactorRoutes());
  app.route('/', passkeyRoutes());
  app.route('/', smsRoutes());
  app.use('/settings/security', memberOnly);
  app.use('/settings/security/*', memberOnly);
  app.use('/settings/reauth', memberOnly);

  app.get('/settings/security', async (c) => {
    const deps = c.get('deps');
    const member = currentMember(c);
    const sessions = (await liveSessions(deps.db, member.id, deps.clock.now())).map((s) => ({
      id: s.id,
      device: describeUserAgent(s.userAgent),
      ip: s.ip,
      createdAt: s.createdAt,
      lastSeenAt: s.lastSeenAt,
      current: s.id === c.get('sessionId'),
    }));
    const events = (
      await deps.db
        .select()
        .from(securityEvents)
        .where(eq(securityEvents.memberId, member.id))
        .orderBy(desc(securityEvents.at))
        .limit(50)
    ).map((e) => ({
      kind: e.kind,
      at: e.at,
      ip: e.ip,
      device: describeUserAgent(e.userAgent),
    }));
    const t = c.get('view').t.security;
    const ended = Number(c.req.query('ended'));
    const notices: Record<string, string> = { ended: t.sessionEnded, passkey: t.passkeys.added };
    const notice =
      notices[c.req.query('notice') ?? ''] ?? (Number.isInteger(ended) && ended > 0 ? t.othersEnded(ended) : null);
    const problems: Record<string, string> = {
      'last-way-in': c.get('view').t.sns.errors.lastWayIn,
      'short-password': t.twoFactor.passwordTooShortAlone,
    };
    const problem = problems[c.req.query('problem') ?? ''] ?? null;
    const phone = await verifiedPhone(deps.db, member.id);
    const twoFactor = (
      <>
        <TwoFactorSection
          v={c.get('view')}
          enabled={await hasSecondFactor(deps.db, member.id)}
          recoveryLeft={await unusedRecoveryCodeCount(deps.db, member.id)}
        />
        <PasskeySection v={c.get('view')} passkeys={await passkeysOf(deps.db, member.id)} />
        <SmsSection
          v={c.get('view')}
          state={{ phone, verified: phone !== null, allowed: await hasStrongFactor(deps.db, member.id) }}
        />
      </>
    );
    return render(
      c,
      <SecurityPage
        v={c.get('view')}
        sessions={sessions}
        events={events}
        notice={notice}
        problem={problem}
        twoFactor={twoFactor}
      />,
    );
  });

  app.post('/settings/security/sessions/:id/end', async (c) => {
    const deps = c.get('deps');
    const member = currentMember(c);
    const id = c.req.param('id');
    if (z.string().uuid().safeParse(id).success && id !== c.get('sessionId')) {
      const now = deps.clock.now();
      const mine = (await liveSessions(deps.db, member.id, now)).some((s) => s.id === id);
      // Only the member's own sessions: anyone else's id changes nothing.
      if (mine) {
        await deps.db.transaction(async (tx) => {
          await endSession(tx, id, 'ended_by_member', now);
          await recordSecurityEvent(tx, member.id, 'session_ended', requestOrigin(c), now);
        });
      }
    }
    return c.redirect('/settings/security?notice=ended#sessions', 303);
  });

  app.post('/settings/security/sessions/end-others', async (c) => {
    const deps = c.get('deps');
    const member = currentMember(c);
    const now = deps.clock.now();
    const ended = await deps.db.transaction(async (tx) => {
      const n = await endMemberSessions(tx, member.id, 'ended_by_member', now, c.get('sessionId'));
      if (n > 0) await recordSecurityEvent(tx, member.id, 'session_ended', requestOrigin(c), now);
      return n;
    });
    return c.redirect(`/settings/security?ended=${ended}#sessions`, 303);
  });

  app.get('/settings/security/checkup', async (c) => {
    const deps = c.get('deps');
    const checkup = await runCheckup(deps.db, currentMember(c).id, c.get('sessionId'), deps.clock.now());
    const notice = c.req.query('notice') === 'details' ? c.get('view').t.security.checkup.detailsLocked : null;
    return render(c, <CheckupPage v={c.get('view')} checkup={checkup} notice={notice} />);
  });

  app.get('/settings/reauth', async (c) =>
    render(
      c,
      <ReauthPage
        v={c.get('view')}
        next={safeNextPath(c.req.query('next'))}
        offerCode={await hasSecondFactor(c.get('deps').db, currentMember(c).id)}
      />,
    ),
  );
  app.post('/settings/reauth', async (c) => {
    const body = await formBody(c);
    const next = safeNextPath(body.next);
    const problem = await reauthenticate(
      c.get('deps'),
      currentMember(c),
      c.get('sessionId')!,
      { password: body.password ?? '', code: body.code ?? '', sessionAuthenticatedAt: c.get('sessionAuthenticatedAt') },
      actionContext(c).origin,
    );
    const offerCode = await hasSecondFactor(c.get('deps').db, currentMember(c).id);
    if (problem)
      return render(
        c,
        <ReauthPage v={c.get('view')} next={next} offerCode={offerCode} errors={{ password: problem }} />,
        422,
      );
    return c.redirect(next, 303);
  });
  return app;
}
