import { sql } from 'drizzle-orm';
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import type { AppEnv } from '../platform/web/env';
import { notFoundPage } from '../platform/web/errors';
import { currentMember, formBody, memberOnly, MessagePage, render, safeNextPath } from '../platform/web/http';
import { members } from '../accounts/schema';
import { addFavorite, favoritesOf, removeFavorite, type FavoriteKind } from './favorites';
import { FavoritesPage } from './pages';

const uuid = z.string().uuid();
const username = z.string().min(1).max(40);

async function memberIdByUsername(c: Context<AppEnv>, name: string): Promise<string | null> {
  const [row] = await c
    .get('deps')
    .db.select({ id: members.id })
    .from(members)
    .where(sql`lower(${members.username}) = ${name.toLowerCase()}`);
  return row?.id ?? null;
}

/** The target of a heart from the address: a service id or a seller's username; null when it cannot be one. */
async function targetOf(c: Context<AppEnv>, kind: FavoriteKind, raw: string): Promise<string | null> {
  if (kind === 'service') return uuid.safeParse(raw).success ? raw : null;
  return username.safeParse(raw).success ? memberIdByUsername(c, raw) : null;
}

export function favoriteRoutes() {
  const app = new Hono<AppEnv>();

  app.get('/mypage/favorites', memberOnly, async (c) => {
    const list = await favoritesOf(c.get('deps').db, currentMember(c).id);
    const notice = c.req.query('notice') === 'removed' ? c.get('view').t.favorites.removed : null;
    return render(c, <FavoritesPage v={c.get('view')} data={{ ...list, notice }} />);
  });

  for (const [kind, segment] of [
    ['service', 'services'],
    ['seller', 'sellers'],
  ] as const) {
    app.post(`/favorites/${segment}/:target`, memberOnly, async (c) => {
      const target = await targetOf(c, kind, c.req.param('target'));
      if (!target) return notFoundPage(c);
      const back = safeNextPath((await formBody(c)).back);
      if (!(await addFavorite(c.get('deps'), currentMember(c).id, kind, target))) {
        const t = c.get('view').t;
        return render(
          c,
          <MessagePage
            c={c}
            title={t.favorites.title}
            body={t.favorites.unavailable}
            link={{ href: back, label: t.favorites.back }}
          />,
          422,
        );
      }
      return c.redirect(back, 303);
    });
    app.post(`/favorites/${segment}/:target/remove`, memberOnly, async (c) => {
      const target = await targetOf(c, kind, c.req.param('target'));
      if (!target) return notFoundPage(c);
      await removeFavorite(c.get('deps'), currentMember(c).id, kind, target);
      const back = safeNextPath((await formBody(c)).back);
      return c.redirect(back === '/mypage/favorites' ? '/mypage/favorites?notice=removed' : back, 303);
    });
  }
  return app;
}
