import { PassThrough } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { and, asc, eq, gt, inArray, or, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type yazl from 'yazl';
import { members } from '../accounts/schema';
import { attachments, messages, rooms } from '../marketplace/schema';
import type { Deps } from '../platform/deps';
import { japanIso } from '../platform/i18n/dates';
import { escapeHtml } from '../platform/mail/render';
import { worthDeflating } from '../platform/uploads';
import { attachmentEntryName } from './entryNames';
import { dataExports } from './schema';
import { openEntry, streamEntry } from './zipStream';

const PAGE = 2000;
/** Rooms taken per step of the walk: the messages query names them, so its list stays short. */
const ROOM_PAGE = 200;
/** A room's HTML is held while its JSON is written up to this many characters; past it, it is read again. */
const HTML_HELD = 4 * 1024 * 1024;

type Room = { id: string; kind: string };
type Row = Awaited<ReturnType<typeof pageOf>>[number];

const sender = alias(members, 'sender');

/**
 * One keyset page of messages across the given rooms, in (room, id) order, with the sender's name when
 * the sender is one of the room's two members (as the export names them) and the attachment if any.
 */
function pageOf(db: Deps['db'], roomIds: string[], after: { roomId: string; id: number } | null) {
  return db
    .select({
      roomId: messages.roomId,
      id: messages.id,
      senderId: messages.senderId,
      senderName: sender.displayName,
      senderStatus: sender.status,
      kind: messages.kind,
      body: messages.body,
      createdAt: messages.createdAt,
      attachmentId: attachments.id,
      attachmentName: attachments.originalName,
      attachmentPath: attachments.storagePath,
      attachmentMime: attachments.mimeType,
    })
    .from(messages)
    .innerJoin(rooms, eq(rooms.id, messages.roomId))
    .leftJoin(
      sender,
      and(eq(sender.id, messages.senderId), or(eq(sender.id, rooms.memberA), eq(sender.id, rooms.memberB))),
    )
    .leftJoin(attachments, eq(attachments.messageId, messages.id))
    .where(
      and(
        inArray(messages.roomId, roomIds),
        after ? sql`(${messages.roomId}, ${messages.id}) > (${after.roomId}, ${after.id})` : undefined,
      ),
    )
    .orderBy(asc(messages.roomId), asc(messages.id))
    .limit(PAGE);
}

/** The member's rooms in id order, a page at a time. */
async function* roomPages(db: Deps['db'], memberId: string): AsyncGenerator<Room[]> {
  let after: string | null = null;
  for (;;) {
    const page: Room[] = await db
      .select({ id: rooms.id, kind: rooms.kind })
      .from(rooms)
      .where(and(or(eq(rooms.memberA, memberId), eq(rooms.memberB, memberId)), after ? gt(rooms.id, after) : undefined))
      .orderBy(asc(rooms.id))
      .limit(ROOM_PAGE);
    if (page.length === 0) return;
    yield page;
    after = page[page.length - 1].id;
  }
}

/** pageOf started now and awaited later: a failure reaches that await, and is not reported as unhandled meanwhile. */
function pageAhead(...args: Parameters<typeof pageOf>) {
  const page = pageOf(...args);
  page.catch(() => {});
  return page;
}

/** Every message of the member's rooms as one ordered walk: pages of (room, id), rooms a page at a time. */
async function* messagePages(db: Deps['db'], memberId: string): AsyncGenerator<{ rooms: Room[]; rows: Row[] }> {
  for await (const page of roomPages(db, memberId)) {
    const ids = page.map((r) => r.id);
    // The next page is asked for as soon as this one arrives, so the database reads it while this one is
    // written (on a PostgreSQL server that is another process; on PGlite it changes nothing).
    let next = pageAhead(db, ids, null);
    for (;;) {
      const rows = await next;
      const full = rows.length === PAGE;
      if (full) next = pageAhead(db, ids, { roomId: rows[PAGE - 1].roomId, id: rows[PAGE - 1].id });
      if (rows.length > 0) yield { rooms: page, rows };
      if (!full) break;
    }
    // A room with no messages still gets its (empty) pages.
    yield { rooms: page, rows: [] };
  }
}

const displayName = (m: Row) => (m.senderStatus === 'withdrawn' ? '退会したユーザー' : m.senderName);

/** As exportJson(…, true) writes it; the one moment turned to Japan time here, without a replacer per key. */
function jsonOf(m: Row, memberId: string) {
  const entryName = m.attachmentId ? attachmentEntryName(m.attachmentId, m.attachmentName!) : null;
  return JSON.stringify({
    id: m.id,
    from: m.senderId === memberId ? 'me' : m.senderId ? (displayName(m) ?? undefined) : 'system',
    kind: m.kind,
    body: m.body,
    at: japanIso(m.createdAt),
    attachment: entryName,
  });
}

function htmlOf(m: Row, memberId: string) {
  const who = m.senderId === memberId ? 'あなた' : m.senderId ? (displayName(m) ?? '') : 'お知らせ';
  return `<li><p><strong>${escapeHtml(who)}</strong> <small>${japanIso(m.createdAt)}</small></p><p style="white-space:pre-wrap">${escapeHtml(m.body)}</p>${m.attachmentId ? `<p><a href="../${escapeHtml(attachmentEntryName(m.attachmentId, m.attachmentName!))}">${escapeHtml(m.attachmentName!)}</a></p>` : ''}</li>`;
}

function htmlHead(room: Room) {
  const title = escapeHtml(room.kind === 'order' ? '取引メッセージ' : '見積もり相談');
  return `<!doctype html><html lang="ja"><head><meta charset="utf-8"><title>${title}</title></head><body style="font-family:sans-serif;max-width:720px;margin:auto"><h1>${title}</h1><ol>`;
}

/** One room's entries as its messages arrive: JSON streamed, HTML held (or read again when large), files after. */
class RoomWriter {
  private json;
  private firstJson = true;
  private html: string[] = [];
  private htmlSize = 0;
  private htmlDropped = false;
  private htmlCount = 0;
  private files: { path: string; name: string; compress: boolean }[] = [];

  constructor(
    private deps: Deps,
    private zip: yazl.ZipFile,
    private memberId: string,
    readonly room: Room,
  ) {
    this.json = openEntry(zip, `messages/${room.id}.json`);
  }

  async start() {
    await this.json.push('[\n');
  }

  async add(rows: Row[]) {
    if (rows.length === 0) return;
    for (const m of rows) {
      if (m.attachmentPath && m.attachmentId) {
        this.files.push({
          path: m.attachmentPath,
          name: attachmentEntryName(m.attachmentId, m.attachmentName!),
          compress: worthDeflating(m.attachmentMime),
        });
      }
    }
    // One write per page, not per message.
    await this.json.push((this.firstJson ? '' : ',\n') + rows.map((m) => jsonOf(m, this.memberId)).join(',\n'));
    this.firstJson = false;
    if (this.htmlDropped) return;
    // Joined as the page-by-page reading of one room always joined them: no break between its pages of PAGE.
    let chunk = '';
    for (const m of rows) {
      chunk += (this.htmlCount === 0 || this.htmlCount % PAGE === 0 ? '' : '\n') + htmlOf(m, this.memberId);
      this.htmlCount++;
    }
    this.html.push(chunk);
    this.htmlSize += chunk.length;
    if (this.htmlSize > HTML_HELD) {
      this.html = [];
      this.htmlDropped = true;
    }
  }

  async finish() {
    await this.json.push('\n]\n');
    this.json.end();
    await streamEntry(this.zip, `messages/${this.room.id}.html`, async (push) => {
      await push(htmlHead(this.room));
      if (this.htmlDropped) await this.htmlAgain(push);
      else if (this.html.length > 0) await push(this.html.join(''));
      await push('</ol></body></html>\n');
    });
    // One attachment at a time, streamed from the store into the ZIP as the ZIP takes it; photos, PDFs and ZIPs
    // are stored as they are (deflating them again saves nothing).
    for (const file of this.files) {
      const source = await this.deps.files.get(file.path);
      if (!source) continue;
      const entry = new PassThrough();
      this.zip.addReadStream(entry, file.name, { compress: file.compress });
      await pipeline(source, entry);
    }
  }

  /** A room too long to hold: its HTML from a second keyset walk of that room alone. */
  private async htmlAgain(push: (chunk: string) => Promise<void>) {
    let after: { roomId: string; id: number } | null = null;
    for (;;) {
      const rows = await pageOf(this.deps.db, [this.room.id], after);
      if (rows.length === 0) return;
      await push(rows.map((m) => htmlOf(m, this.memberId)).join('\n'));
      const last = rows[rows.length - 1];
      after = { roomId: last.roomId, id: last.id };
    }
  }
}

/** Every room the member is in: JSON and an HTML page each, attachments beside them; progress as it goes. */
export async function addMessageEntries(deps: Deps, zip: yazl.ZipFile, exportId: string, memberId: string) {
  const db = deps.db;
  const [{ total }] = await db
    .select({ total: sql<number>`count(*)::int` })
    .from(messages)
    .innerJoin(rooms, eq(rooms.id, messages.roomId))
    .where(or(eq(rooms.memberA, memberId), eq(rooms.memberB, memberId)));
  let written = 0;
  let reported = 0;
  let current: RoomWriter | null = null;
  let roomIndex = 0;
  let roomsOfPage: Room[] = [];
  // Opens rooms in id order up to (and including) the given one; rooms with no messages get empty entries.
  const advanceTo = async (roomId: string | null) => {
    while (roomIndex < roomsOfPage.length) {
      if (current && current.room.id === roomId) return;
      if (current) await current.finish();
      current = null;
      if (current === null && roomIndex < roomsOfPage.length) {
        const room = roomsOfPage[roomIndex++];
        current = new RoomWriter(deps, zip, memberId, room);
        await current.start();
        if (room.id === roomId) return;
      }
    }
    if (current && current.room.id !== roomId) {
      await current.finish();
      current = null;
    }
  };
  for await (const { rooms: page, rows } of messagePages(db, memberId)) {
    if (page !== roomsOfPage) {
      roomsOfPage = page;
      roomIndex = 0;
    }
    if (rows.length === 0) {
      await advanceTo(null);
      continue;
    }
    let start = 0;
    while (start < rows.length) {
      const roomId = rows[start].roomId;
      let end = start;
      while (end < rows.length && rows[end].roomId === roomId) end++;
      await advanceTo(roomId);
      await current!.add(rows.slice(start, end));
      start = end;
    }
    written += rows.length;
    // Progress is written every few thousand messages: a bar that moves, not a write per row.
    if (total > 0 && written - reported >= 2000) {
      reported = written;
      await db
        .update(dataExports)
        .set({ progress: Math.min(99, Math.floor((written / total) * 100)) })
        .where(eq(dataExports.id, exportId));
    }
  }
}
