import type { Context } from 'hono';
import type { AppEnv } from '../platform/web/env';
import { isFavoriteSeller } from '../favorites/favorites';
import { FavoriteButton } from '../favorites/components';
import { hasBlocked } from '../blocking/blocks';
import { BlockButton } from '../blocking/components';
import { ReportLink } from '../reports/pages';

/** The signed-in viewer's own buttons on another member's profile: お気に入り, ブロック. None for visitors or oneself. */
export async function memberActionsFor(c: Context<AppEnv>, member: { id: string; username: string }) {
  const viewer = c.get('view').member;
  if (!viewer || viewer.id === member.id) return null;
  const db = c.get('deps').db;
  const v = c.get('view');
  return (
    <div class="cluster mt-2">
      <FavoriteButton
        v={v}
        kind="seller"
        target={member.username}
        on={await isFavoriteSeller(db, viewer.id, member.id)}
      />
      <BlockButton v={v} username={member.username} blocked={await hasBlocked(db, viewer.id, member.id)} />
      <ReportLink v={v} kind="profile" target={member.id} />
    </div>
  );
}
