import { PassThrough } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { and, asc, eq, gt, inArray, or, sql } from 'drizzle-orm';
import type yazl from 'yazl';
import { members } from '../accounts/schema';
import { attachments, messages, rooms } from '../marketplace/schema';
import type { Deps } from '../platform/deps';
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

type Room = { id: string; kind: string; memberA: string; memberB: string };
/** The names the export shows for the members of a page of rooms (withdrawn members by the fixed wording). */
type Names = Map<string, string | null>;
type Row = {
  roomId: string;
  id: number;
  senderId: string | null;
  kind: string;
  body: string;
  /** In Japan time, as japanIso writes it: made by the database, so 300k Dates are neither parsed nor formatted here. */
  at: string;
  attachmentId: string | null;
  attachmentName: string | null;
  attachmentPath: string | null;
  attachmentMime: string | null;
};

/**
 * One keyset page of messages across the given rooms, in (room, id) order, with the attachment if any. Plain SQL
 * read as plain rows: for a long history mapping each of the 300,000 rows through the query builder cost more
 * than the query. Sender names come from the room page (namesOf), not a join per message.
 */
async function pageOf(db: Deps['db'], roomIds: string[], after: { roomId: string; id: number } | null) {
  const result: any = await db.execute(sql`
    select m.room_id as "roomId", m.id, m.sender_id as "senderId", m.kind, m.body,
           to_char((m.created_at at time zone 'UTC') + interval '9 hours', 'YYYY-MM-DD"T"HH24:MI:SS"+09:00"') as at,
           a.id as "attachmentId", a.original_name as "attachmentName", a.storage_path as "attachmentPath",
           a.mime_type as "attachmentMime"
    from ${messages} m
    left join ${attachments} a on a.message_id = m.id
    where m.room_id in (${sql.join(
      roomIds.map((id) => sql`${id}::uuid`),
      sql`, `,
    )})
    ${after ? sql`and (m.room_id, m.id) > (${after.roomId}::uuid, ${after.id}::bigint)` : sql``}
    order by m.room_id, m.id
    limit ${PAGE}`);
  const rows = result.rows as Row[];
  // bigint arrives as a string from node-postgres and as a number from PGlite.
  for (const row of rows) row.id = Number(row.id);
  return rows;
}

/** The member's rooms in id order, a page at a time. */
async function* roomPages(db: Deps['db'], memberId: string): AsyncGenerator<Room[]> {
  let after: string | null = null;
  for (;;) {
    const page: Room[] = await db
      .select({ id: rooms.id, kind: rooms.kind, memberA: rooms.memberA, memberB: rooms.memberB })
      .from(rooms)
      .where(and(or(eq(rooms.memberA, memberId), eq(rooms.memberB, memberId)), after ? gt(rooms.id, after) : undefined))
      .orderBy(asc(rooms.id))
      .limit(ROOM_PAGE);
    if (page.length === 0) return;
    yield page;
    after = page[page.length - 1].id;
  }
}

/** The members of a page of rooms, by the name the export shows. */
async function namesOf(db: Deps['db'], page: Room[]): Promise<Names> {
  const ids = [...new Set(page.flatMap((room) => [room.memberA, room.memberB]))];
  const found = await db
    .select({ id: members.id, displayName: members.displayName, status: members.status })
    .from(members)
    .where(inArray(members.id, ids));
  return new Map(found.map((m) => [m.id, m.status === 'withdrawn' ? '退会したユーザー' : m.displayName]));
}

/** pageOf started now and awaited later: a failure reaches that await, and is not reported as unhandled meanwhile. */
function pageAhead(...args: Parameters<typeof pageOf>) {
  const page = pageOf(...args);
  page.catch(() => {});
  return page;
}

/** Every message of the member's rooms as one ordered walk: pages of (room, id), rooms a page at a time. */
async function* messagePages(
  db: Deps['db'],
  memberId: string,
): AsyncGenerator<{ rooms: Room[]; names: Names; rows: Row[] }> {
  for await (const page of roomPages(db, memberId)) {
    const ids = page.map((r) => r.id);
    // The next page is asked for as soon as this one arrives, so the database reads it while this one is
    // written (on a PostgreSQL server that is another process; on PGlite it changes nothing).
    let next = pageAhead(db, ids, null);
    const t1 = performance.now();
    const names = await namesOf(db, page);
    (globalThis as any).tn = ((globalThis as any).tn ?? 0) + performance.now() - t1;
    for (;;) {
      const t0 = performance.now();
      const rows = await next;
      (globalThis as any).tq = ((globalThis as any).tq ?? 0) + performance.now() - t0;
      const full = rows.length === PAGE;
      if (full) next = pageAhead(db, ids, { roomId: rows[PAGE - 1].roomId, id: rows[PAGE - 1].id });
      if (rows.length > 0) yield { rooms: page, names, rows };
      if (!full) break;
    }
    // A room with no messages still gets its (empty) pages.
    yield { rooms: page, names, rows: [] };
  }
}

/** The sender as the export names them: only one of the room's two members has a name here. */
function senderName(m: Row, room: Room, names: Names) {
  return m.senderId === room.memberA || m.senderId === room.memberB ? (names.get(m.senderId!) ?? null) : null;
}

/** As exportJson(…, true) writes it, without a replacer per key. */
function jsonOf(m: Row, memberId: string, name: string | null) {
  const entryName = m.attachmentId ? attachmentEntryName(m.attachmentId, m.attachmentName!) : null;
  return JSON.stringify({
    id: m.id,
    from: m.senderId === memberId ? 'me' : m.senderId ? (name ?? undefined) : 'system',
    kind: m.kind,
    body: m.body,
    at: m.at,
    attachment: entryName,
  });
}

function htmlOf(m: Row, memberId: string, name: string | null) {
  const who = m.senderId === memberId ? 'あなた' : m.senderId ? (name ?? '') : 'お知らせ';
  return `<li><p><strong>${escapeHtml(who)}</strong> <small>${m.at}</small></p><p style="white-space:pre-wrap">${escapeHtml(m.body)}</p>${m.attachmentId ? `<p><a href="../${escapeHtml(attachmentEntryName(m.attachmentId, m.attachmentName!))}">${escapeHtml(m.attachmentName!)}</a></p>` : ''}</li>`;
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
    private names: Names,
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
    const names = rows.map((m) => senderName(m, this.room, this.names));
    // One write per page, not per message.
    await this.json.push(
      (this.firstJson ? '' : ',\n') + rows.map((m, i) => jsonOf(m, this.memberId, names[i])).join(',\n'),
    );
    this.firstJson = false;
    if (this.htmlDropped) return;
    // Joined as the page-by-page reading of one room always joined them: no break between its pages of PAGE.
    let chunk = '';
    rows.forEach((m, i) => {
      chunk += (this.htmlCount === 0 || this.htmlCount % PAGE === 0 ? '' : '\n') + htmlOf(m, this.memberId, names[i]);
      this.htmlCount++;
    });
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
      await push(rows.map((m) => htmlOf(m, this.memberId, senderName(m, this.room, this.names))).join('\n'));
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
  let namesOfPage: Names = new Map();
  // Opens rooms in id order up to (and including) the given one; rooms with no messages get empty entries.
  const advanceTo = async (roomId: string | null) => {
    while (roomIndex < roomsOfPage.length) {
      if (current && current.room.id === roomId) return;
      if (current) {
        const t0 = performance.now();
        await current.finish();
        (globalThis as any).tf = ((globalThis as any).tf ?? 0) + performance.now() - t0;
      }
      current = null;
      if (current === null && roomIndex < roomsOfPage.length) {
        const room = roomsOfPage[roomIndex++];
        current = new RoomWriter(deps, zip, memberId, room, namesOfPage);
        await current.start();
        if (room.id === roomId) return;
      }
    }
    if (current && current.room.id !== roomId) {
      await current.finish();
      current = null;
    }
  };
  for await (const { rooms: page, names, rows } of messagePages(db, memberId)) {
    if (page !== roomsOfPage) {
      roomsOfPage = page;
      namesOfPage = names;
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
      {
        const t0 = performance.now();
        await current!.add(rows.slice(start, end));
        (globalThis as any).ta = ((globalThis as any).ta ?? 0) + performance.now() - t0;
      }
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
