import { eq } from 'drizzle-orm';
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import type { Message } from '../dictionary';
import type { AppEnv } from '../platform/web/env';
import { notFoundPage } from '../platform/web/errors';
import { currentMember, formBody, memberOnly, render } from '../platform/web/http';
import { uploadedFile } from '../platform/web/uploadsInput';
import { openUpload } from '../platform/uploads';
import { members } from '../accounts/schema';
import { shownAs } from '../profiles/shownAs';
import { isVerifiedOperator } from '../trust/operatorVerification';
import { counterpartOf } from './access';
import { DirectRoomPage, MessagesListPage } from './listPage';
import { attachmentForViewer, membersById, openRoom, postMessage, unreadByRoom, type RoomViewer } from './messaging';
import { findOrCreateDirectRoom, roomsOfMember } from './rooms';
import { beforeIdParam, loadRoomView } from './roomView';
import { directMessageBlocker } from './directRules';
import { roomOffers, type OfferFormRefused } from '../trading/roomOffers';

const uuid = z.string().uuid();

/** The signed-in member as a room sees them: an operator reads rooms only after two-step verification. */
export async function roomViewer(c: Context<AppEnv>): Promise<RoomViewer> {
  return { ...currentMember(c), verifiedOperator: await isVerifiedOperator(c) };
}

export async function renderDirectRoom(
  c: Context<AppEnv>,
  roomId: string,
  refused?: { problem: Message; draft: string },
  offerForm?: OfferFormRefused,
) {
  const deps = c.get('deps');
  const opened = uuid.safeParse(roomId).success ? await openRoom(deps, roomId, await roomViewer(c)) : null;
  if (!opened || opened.room.kind !== 'direct') return notFoundPage(c);
  const room = await loadRoomView(
    deps,
    opened.room,
    currentMember(c),
    opened.access,
    beforeIdParam(c.req.query('before')),
    `/messages/${roomId}`,
  );
  const offers = await roomOffers(c, opened.room, opened.access, room.canPost, offerForm);
  const shown = { ...room, problem: refused?.problem(c.get('view').t) ?? null, draft: refused?.draft };
  return render(
    c,
    <DirectRoomPage v={c.get('view')} counterpartName={room.counterpart.name} room={shown} offers={offers} />,
    refused || offerForm ? 422 : 200,
  );
}

export function messagingRoutes() {
  const app = new Hono<AppEnv>();
  app.use('/messages', memberOnly);
  app.use('/messages/*', memberOnly);
  app.use('/attachments/*', memberOnly);

  app.get('/messages', async (c) => {
    const deps = c.get('deps');
    const member = currentMember(c);
    const rooms = await roomsOfMember(deps.db, member.id);
    const unread = await unreadByRoom(deps.db, member.id);
    const people = await membersById(
      deps.db,
      rooms.map((r) => counterpartOf(r, member.id)),
    );
    const t = c.get('view').t.messages;
    const items = rooms.map((r) => {
      const other = shownAs(people.get(counterpartOf(r, member.id))!);
      return {
        href: r.kind === 'order' ? `/orders/${r.orderId}#messages` : `/messages/${r.id}`,
        title:
          r.kind === 'order'
            ? t.orderRoom(r.orderTitle ?? '')
            : t.directWith(other.name ?? c.get('view').t.common.withdrawnUser),
        counterpartName: other.name,
        unread: unread.get(r.id) ?? 0,
        lastMessageAt: r.lastMessageAt,
      };
    });
    return render(c, <MessagesListPage v={c.get('view')} rooms={items} />);
  });

  // 見積もり相談: from a profile or service page, open (or reopen) the pair's direct room.
  app.post('/messages/start', async (c) => {
    const deps = c.get('deps');
    const me = currentMember(c);
    const username = (await formBody(c)).to ?? '';
    const [other] = await deps.db.select().from(members).where(eq(members.username, username));
    if (!other || other.status !== 'active') return notFoundPage(c);
    const blocker = await directMessageBlocker(deps.db, me, other);
    if (blocker)
      return render(
        c,
        <DirectRoomPage
          v={c.get('view')}
          counterpartName={other.displayName}
          room={{
            messages: [],
            olderBeforeId: null,
            isFirstPage: true,
            basePath: '',
            canPost: false,
            problem: blocker(c.get('view').t),
          }}
        />,
        422,
      );
    const roomId = await deps.db.transaction((tx) => findOrCreateDirectRoom(tx, me.id, other.id, deps.clock.now()));
    return c.redirect(`/messages/${roomId}`, 303);
  });

  app.get('/messages/:roomId', (c) => renderDirectRoom(c, c.req.param('roomId')));
  app.post('/messages/:roomId/messages', async (c) => {
    const roomId = c.req.param('roomId');
    if (!uuid.safeParse(roomId).success) return notFoundPage(c);
    const body = await c.req.parseBody();
    const text = typeof body.body === 'string' ? body.body : '';
    const result = await postMessage(c.get('deps'), currentMember(c), roomId, {
      body: text,
      attachment: await uploadedFile(body.attachment),
    });
    if (!result.ok) return renderDirectRoom(c, roomId, { problem: result.problem, draft: text });
    return c.redirect(`/messages/${roomId}#messages`, 303);
  });

  app.get('/attachments/:id', async (c) => {
    const id = c.req.param('id');
    const attachment = uuid.safeParse(id).success
      ? await attachmentForViewer(c.get('deps'), id, await roomViewer(c))
      : null;
    if (!attachment) return notFoundPage(c);
    const file = await openUpload(c.get('deps').files, attachment.storagePath);
    if (!file) return notFoundPage(c);
    // Always a download, never rendered in our origin: an uploaded HTML or SVG cannot run as our page.
    return c.body(file.stream, 200, {
      'Content-Type': attachment.mimeType,
      'Content-Disposition': `attachment; filename*=UTF-8''${encodeURIComponent(attachment.originalName)}`,
      'X-Content-Type-Options': 'nosniff',
    });
  });
  return app;
}
