import { and, eq, isNull } from 'drizzle-orm';
import { Hono, type MiddlewareHandler } from 'hono';
import { z } from 'zod';
import type { AppEnv } from '../platform/web/env';
import { field, parseForm } from '../platform/web/forms';
import { currentMember, formBody, memberOnly, render } from '../platform/web/http';
import { hashToken } from '../platform/tokens';
import { mailStopTokens } from '../platform/mail/noticeSchema';
import { optionalMailKinds, type OptionalMailKind } from '../platform/mail/kinds';
import { saveMailSettings, useStopToken } from '../platform/mail/notices';
import { latestNotifications, mailChoices, markAllRead, unreadNotificationCount } from './queries';
import { MailSettingsPage, NotificationsPage, StopMailPage } from './pages';

/** The bell's number, given to the layout with the rest of the view (one count per signed-in page). */
export function loadUnreadNotifications(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const view = c.get('view');
    if (view.member && (c.req.method === 'GET' || c.req.method === 'HEAD'))
      view.unreadNotifications = await unreadNotificationCount(c.get('deps').db, view.member.id);
    await next();
  };
}

/** The stop link's path: mail programs POST to it with no cookie or CSRF token (RFC 8058); the token is the proof. */
export const MAIL_STOP_PATH = /^\/mail\/stop\/[A-Za-z0-9_-]{20,100}$/;

const choice = field(z.enum(['on', 'off']), (t) => t.notifications.invalid);
const settingsForm = Object.fromEntries(optionalMailKinds.map((k) => [k, choice])) as Record<
  OptionalMailKind,
  typeof choice
>;

export function notificationRoutes() {
  const app = new Hono<AppEnv>();

  app.get('/notifications', memberOnly, async (c) => {
    const items = await latestNotifications(c.get('deps').db, currentMember(c).id);
    const notice = c.req.query('notice') === 'read' ? c.get('view').t.notifications.marked : null;
    return render(c, <NotificationsPage v={c.get('view')} items={items} notice={notice} />);
  });
  app.post('/notifications/read', memberOnly, async (c) => {
    await markAllRead(c.get('deps').db, currentMember(c).id, c.get('deps').clock.now());
    return c.redirect('/notifications?notice=read', 303);
  });

  app.get('/settings/notifications', memberOnly, async (c) => {
    const choices = await mailChoices(c.get('deps').db, currentMember(c).id);
    const values = Object.fromEntries(optionalMailKinds.map((k) => [k, choices[k] ? 'on' : 'off'])) as Record<
      OptionalMailKind,
      string
    >;
    const notice = c.req.query('notice') === 'saved' ? c.get('view').t.notifications.saved : null;
    return render(c, <MailSettingsPage v={c.get('view')} values={values} errors={{}} notice={notice} />);
  });
  app.post('/settings/notifications', memberOnly, async (c) => {
    const body = await formBody(c);
    const form = parseForm(settingsForm, body);
    if (!form.ok) {
      const t = c.get('view').t;
      const values = Object.fromEntries(optionalMailKinds.map((k) => [k, body[k] ?? ''])) as Record<
        OptionalMailKind,
        string
      >;
      const errors = Object.fromEntries(Object.entries(form.errors).map(([k, m]) => [k, m!(t)]));
      return render(c, <MailSettingsPage v={c.get('view')} values={values} errors={errors} notice={null} />, 422);
    }
    const choices = Object.fromEntries(optionalMailKinds.map((k) => [k, form.value[k] === 'on']));
    await saveMailSettings(c.get('deps').db, currentMember(c).id, choices, c.get('deps').clock.now());
    return c.redirect('/settings/notifications?notice=saved', 303);
  });

  // A GET only asks (mail scanners open links); the POST, from the page or the mail program, stops.
  app.get('/mail/stop/:token', async (c) => {
    const token = c.req.param('token');
    const [row] = MAIL_STOP_PATH.test(c.req.path)
      ? await c
          .get('deps')
          .db.select()
          .from(mailStopTokens)
          .where(and(eq(mailStopTokens.tokenHash, hashToken(token)), isNull(mailStopTokens.usedAt)))
      : [];
    return render(
      c,
      <StopMailPage v={c.get('view')} token={token} kind={(row?.kind as OptionalMailKind) ?? null} done={false} />,
      row ? 200 : 404,
    );
  });
  app.post('/mail/stop/:token', async (c) => {
    const token = c.req.param('token');
    const deps = c.get('deps');
    const kind = MAIL_STOP_PATH.test(c.req.path)
      ? await deps.db.transaction((tx) => useStopToken(tx, token, deps.clock.now()))
      : null;
    return render(
      c,
      <StopMailPage v={c.get('view')} token={token} kind={kind} done={kind !== null} />,
      kind ? 200 : 404,
    );
  });
  return app;
}
