import { and, count, desc, eq, gt, inArray, lt, ne, or, sql } from 'drizzle-orm';
import type { Message } from '../dictionary';
import type { Tx } from '../platform/db/client';
import type { Deps } from '../platform/deps';
import { queueMail } from '../platform/mail/outbox';
import { sniffUpload, storeUpload, uploadKinds, type UploadKind } from '../platform/uploads';
import type { CurrentMember } from '../platform/web/env';
import type { Result } from '../platform/context';
import { members } from '../accounts/schema';
import { attachments, messages, orders, roomAccessLog, roomReads, rooms } from '../marketplace/schema';
import { orderEventMail } from '../marketplace/mails';
import { roomAccess, counterpartOf, postingBlocker } from './access';
import { directMessageMail } from './mails';
import { appendMessage } from './rooms';
import { directMessageBlocker } from './directRules';
import { consentBlocker } from '../legal/consentRule';
import { ATTACHMENT_MAX_BYTES, MESSAGE_MAX_CHARS } from './limits';
import { mailLinks } from '../platform/mail/links';
import { notHidden } from '../reports/rules';

const attachmentKinds: UploadKind[] = ['png', 'jpeg', 'gif', 'webp', 'pdf', 'zip', 'text'];
export const ROOM_PAGE_SIZE = 50;

export type AttachmentInput = { name: string; bytes: Uint8Array };

type Room = typeof rooms.$inferSelect;

/** Who opens a room: the member, and whether they may read it as an operator (see roomAccess). */
export type RoomViewer = CurrentMember & { verifiedOperator: boolean };

/** Opens a room for a viewer: the room, or null when they may not read it. Operator reads are logged. */
export async function openRoom(
  deps: Deps,
  roomOrId: string | Room,
  viewer: RoomViewer,
): Promise<{ room: Room; access: 'participant' | 'operator' } | null> {
  const room =
    typeof roomOrId === 'string' ? (await deps.db.select().from(rooms).where(eq(rooms.id, roomOrId)))[0] : roomOrId;
  if (!room) return null;
  const roomId = room.id;
  const access = roomAccess(room, viewer);
  if (!access) return null;
  if (access === 'operator')
    await deps.db.insert(roomAccessLog).values({ roomId, operatorId: viewer.id, at: deps.clock.now() });
  return { room, access };
}

/** Checks an attachment before anything is written: its real type and its size. */
export function attachmentProblem(file: AttachmentInput): Message | null {
  if (file.bytes.length > ATTACHMENT_MAX_BYTES)
    return (t) => t.messages.errors.attachmentTooLarge(ATTACHMENT_MAX_BYTES / 1024 / 1024);
  const kind = sniffUpload(file.bytes);
  if (!kind || !attachmentKinds.includes(kind)) return (t) => t.messages.errors.attachmentType;
  return null;
}

/** Posts a message (with an optional attachment) as a participant, and tells the other member by mail. */
export async function postMessage(
  deps: Deps,
  sender: CurrentMember,
  roomId: string,
  input: { body: string; attachment?: AttachmentInput | null },
): Promise<Result<{ messageId: number }, { problem: Message }>> {
  const [room] = await deps.db.select().from(rooms).where(eq(rooms.id, roomId));
  // Only the two members write; an operator reads.
  if (!room || roomAccess(room, { id: sender.id, verifiedOperator: false }) !== 'participant')
    return { ok: false, problem: (t) => t.messages.errors.roomNotFound };
  // Order rooms too: a message about a trade waits for agreement to the terms in force.
  const unagreed = consentBlocker(sender);
  if (unagreed) return { ok: false, problem: unagreed };
  const body = input.body.trim();
  if (body.length === 0 && !input.attachment) return { ok: false, problem: (t) => t.messages.errors.empty };
  if (body.length > MESSAGE_MAX_CHARS) return { ok: false, problem: (t) => t.common.form.tooLong(MESSAGE_MAX_CHARS) };
  const [counterpart] = await deps.db
    .select()
    .from(members)
    .where(eq(members.id, counterpartOf(room, sender.id)));
  if (postingBlocker(counterpart.status)) return { ok: false, problem: (t) => t.messages.errors.counterpartGone };
  // In a direct room the recipient's choice of who may write applies to every message, not just the first.
  if (room.kind === 'direct') {
    const blocker = await directMessageBlocker(deps.db, sender, counterpart);
    if (blocker) return { ok: false, problem: blocker };
  }
  if (input.attachment) {
    const problem = attachmentProblem(input.attachment);
    if (problem) return { ok: false, problem };
  }
  // The file is written first; if the transaction then fails, an orphan file is left for the clean-up, never a row without its file.
  const stored = input.attachment ? await storeAttachment(deps, input.attachment) : null;
  const now = deps.clock.now();
  const messageId = await deps.db.transaction(async (tx) => {
    const id = await appendMessage(tx, { roomId, senderId: sender.id, kind: 'message', body }, now);
    if (stored) await tx.insert(attachments).values({ messageId: id, ...stored });
    await markRead(tx, roomId, sender.id, id);
    await notifyNewMessage(tx, deps, room, sender, counterpart);
    return id;
  });
  return { ok: true, messageId };
}

async function storeAttachment(deps: Deps, file: AttachmentInput) {
  const kind = sniffUpload(file.bytes)!;
  const storagePath = await storeUpload(deps.files, file.bytes, kind);
  return {
    storagePath,
    originalName: file.name.slice(0, 200) || `file.${uploadKinds[kind].ext}`,
    mimeType: uploadKinds[kind].mime,
    sizeBytes: file.bytes.length,
  };
}

async function notifyNewMessage(
  tx: Tx,
  deps: Deps,
  room: Room,
  sender: CurrentMember,
  recipient: typeof members.$inferSelect,
) {
  const url =
    room.kind === 'order'
      ? mailLinks(deps.config.baseUrl).order(room.orderId!)
      : mailLinks(deps.config.baseUrl).room(room.id);
  let content;
  if (room.kind === 'order') {
    const [order] = await tx.select({ title: orders.titleSnapshot }).from(orders).where(eq(orders.id, room.orderId!));
    content = orderEventMail(recipient.locale, {
      name: recipient.displayName,
      title: order.title,
      event: 'newMessage',
      url,
    });
  } else {
    content = directMessageMail(recipient.locale, { name: recipient.displayName, from: sender.displayName, url });
  }
  await queueMail(tx, deps, {
    to: recipient.email,
    memberId: recipient.id,
    template: 'new_message',
    locale: recipient.locale,
    content,
  });
}

export async function markRead(tx: Tx, roomId: string, memberId: string, messageId: number) {
  await tx
    .insert(roomReads)
    .values({ roomId, memberId, lastReadMessageId: messageId })
    .onConflictDoUpdate({
      target: [roomReads.roomId, roomReads.memberId],
      set: { lastReadMessageId: sql`greatest(${roomReads.lastReadMessageId}, ${messageId})` },
    });
}

/** One page of a room, newest first, by keyset on id: the cost does not grow with the room or the table. */
export async function roomMessages(tx: Tx, roomId: string, beforeId: number | null) {
  const rows = await tx
    .select({
      id: messages.id,
      senderId: messages.senderId,
      kind: messages.kind,
      body: messages.body,
      createdAt: messages.createdAt,
      attachmentId: attachments.id,
      attachmentName: attachments.originalName,
      attachmentSize: attachments.sizeBytes,
      attachmentMime: attachments.mimeType,
    })
    .from(messages)
    .leftJoin(attachments, eq(attachments.messageId, messages.id))
    .where(
      and(
        eq(messages.roomId, roomId),
        notHidden('message', messages.id),
        beforeId ? lt(messages.id, beforeId) : undefined,
      ),
    )
    .orderBy(desc(messages.id))
    .limit(ROOM_PAGE_SIZE + 1);
  return {
    items: rows.slice(0, ROOM_PAGE_SIZE),
    olderBeforeId: rows.length > ROOM_PAGE_SIZE ? rows[ROOM_PAGE_SIZE - 1].id : null,
  };
}

/** Unread messages per room for one member (messages from others after their last read). */
export async function unreadByRoom(tx: Tx, memberId: string): Promise<Map<string, number>> {
  const rows = await tx
    .select({ roomId: messages.roomId, n: count() })
    .from(messages)
    .innerJoin(rooms, eq(rooms.id, messages.roomId))
    .leftJoin(roomReads, and(eq(roomReads.roomId, messages.roomId), eq(roomReads.memberId, memberId)))
    .where(
      and(
        or(eq(rooms.memberA, memberId), eq(rooms.memberB, memberId)),
        ne(messages.kind, 'system'),
        sql`${messages.senderId} is distinct from ${memberId}`,
        or(sql`${roomReads.lastReadMessageId} is null`, gt(messages.id, roomReads.lastReadMessageId)),
      ),
    )
    .groupBy(messages.roomId);
  return new Map(rows.map((r) => [r.roomId, r.n]));
}

export async function attachmentForViewer(deps: Deps, attachmentId: string, viewer: RoomViewer) {
  const [row] = await deps.db
    .select({ attachment: attachments, roomId: messages.roomId })
    .from(attachments)
    .innerJoin(messages, eq(messages.id, attachments.messageId))
    .where(eq(attachments.id, attachmentId));
  if (!row) return null;
  const opened = await openRoom(deps, row.roomId, viewer);
  return opened ? row.attachment : null;
}

/** The members shown in a list of rooms, by id. */
export async function membersById(tx: Tx, ids: string[]) {
  if (ids.length === 0) return new Map<string, typeof members.$inferSelect>();
  const rows = await tx.select().from(members).where(inArray(members.id, ids));
  return new Map(rows.map((m) => [m.id, m]));
}
