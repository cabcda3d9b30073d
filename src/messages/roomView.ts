import type { Deps } from '../platform/deps';
import type { CurrentMember } from '../platform/web/env';
import { rooms } from '../marketplace/schema';
import { shownAs } from '../profiles/shownAs';
import { counterpartOf, postingBlocker } from './access';
import { markRead, membersById, roomMessages } from './messaging';
import type { RoomPageView } from './pages';

/**
 * The `before` of a room page's link to older messages: a message id, or null (the newest page) for
 * anything else, so `?before=1e30` or a number beyond the id column is the first page, not an error.
 */
export function beforeIdParam(raw: string | undefined): number | null {
  if (!raw || !/^\d{1,15}$/.test(raw)) return null;
  const id = Number(raw);
  return id > 0 ? id : null;
}

// Pictures a chip may show inline; an SVG could carry script, so it stays a plain download.
const previewableTypes = new Set(['image/png', 'image/jpeg', 'image/webp', 'image/gif']);

/** Everything a room page shows, for this viewer: names as they may see them, and whether they may write. */
export async function loadRoomView(
  deps: Deps,
  room: typeof rooms.$inferSelect,
  viewer: CurrentMember,
  access: 'participant' | 'operator',
  beforeId: number | null,
  basePath: string,
): Promise<RoomPageView & { counterpart: { name: string | null; username: string | null; status: string } }> {
  const people = await membersById(deps.db, [room.memberA, room.memberB]);
  const page = await roomMessages(deps.db, room.id, beforeId);
  if (access === 'participant' && page.items.length > 0 && beforeId === null)
    await markRead(deps.db, room.id, viewer.id, page.items[0].id);
  const counterpartId = access === 'participant' ? counterpartOf(room, viewer.id) : room.memberB;
  const counterpart = people.get(counterpartId)!;
  return {
    messages: page.items.map((m) => {
      const sender = m.senderId ? people.get(m.senderId) : undefined;
      return {
        id: m.id,
        kind: m.kind,
        body: m.body,
        createdAt: m.createdAt,
        mine: m.senderId === viewer.id,
        senderName: sender ? shownAs(sender).name : null,
        attachment: m.attachmentId
          ? {
              id: m.attachmentId,
              name: m.attachmentName!,
              size: m.attachmentSize!,
              image: previewableTypes.has(m.attachmentMime!),
            }
          : null,
        reportable: access === 'participant' && m.kind !== 'system' && !!m.senderId && m.senderId !== viewer.id,
      };
    }),
    olderBeforeId: page.olderBeforeId,
    isFirstPage: beforeId === null,
    basePath,
    canPost: access === 'participant' && postingBlocker(counterpart.status) === null,
    counterpart: { ...shownAs(counterpart), status: counterpart.status },
  };
}
