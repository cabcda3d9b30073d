import { sql } from 'drizzle-orm';
import { Hono } from 'hono';
import type { AppEnv } from '../platform/web/env';
import { notFoundPage } from '../platform/web/errors';
import { currentMember, memberOnly, render } from '../platform/web/http';
import { members } from '../accounts/schema';
import { blockedBy, blockMember, unblockMember } from './blocks';
import { BlocksPage } from './pages';

export function blockingRoutes() {
  const app = new Hono<AppEnv>();

  app.get('/settings/blocks', memberOnly, async (c) => {
    const t = c.get('view').t.blocking;
    const notice = { blocked: t.blockedNotice, unblocked: t.unblockedNotice }[c.req.query('notice') ?? ''] ?? null;
    return render(
      c,
      <BlocksPage v={c.get('view')} items={await blockedBy(c.get('deps').db, currentMember(c).id)} notice={notice} />,
    );
  });

  for (const action of ['block', 'unblock'] as const) {
    app.post(`/users/:username/${action}`, memberOnly, async (c) => {
      const name = c.req.param('username');
      if (name.length > 40) return notFoundPage(c);
      const [target] = await c
        .get('deps')
        .db.select({ id: members.id })
        .from(members)
        .where(sql`lower(${members.username}) = ${name.toLowerCase()}`);
      if (!target) return notFoundPage(c);
      const me = currentMember(c).id;
      if (action === 'block' && !(await blockMember(c.get('deps'), me, target.id))) return notFoundPage(c);
      if (action === 'unblock') await unblockMember(c.get('deps'), me, target.id);
      return c.redirect(`/settings/blocks?notice=${action === 'block' ? 'blocked' : 'unblocked'}`, 303);
    });
  }
  return app;
}
