import { execFileSync } from 'node:child_process';
import { createWriteStream, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { eq, sql } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { members } from '../accounts/schema';
import { createMember } from '../../tests/support/factories';
import { describeOnDatabases } from '../../tests/support/suites';
import { buildExport } from './build';
import { dataExports } from './schema';

// The messages are walked 200 rooms and 2,000 messages at a time: 205 rooms and a room of 2,500 messages cross
// both ends. Names come from the room's two members only, and every moment is written in Japan time.
const ROOMS = 205;
const LONG_ROOM = 2_500;

describeOnDatabases('data export of many rooms', (ctx) => {
  it('writes every room with its messages in order, the senders as the member saw them, in Japan time', async () => {
    const db = ctx().deps.db;
    const member = await createMember(ctx(), { displayName: '書き出す人' });
    const outsider = await createMember(ctx(), { displayName: '部外者' });
    const tag = member.username;
    await db.execute(sql`
      insert into members (email, username, display_name, created_at, updated_at)
      select ${tag} || '_' || g || '@example.test', ${tag} || '_' || g, '相手' || g, now(), now()
      from generate_series(1, ${ROOMS}) g`);
    await db.execute(sql`
      insert into rooms (kind, member_a, member_b, created_at)
      select 'direct', ${member.id}, m.id, now() from members m where m.username like ${`${tag}\\_%`}`);
    const roomsOf: { id: string; counterpart: string; name: string }[] = (
      (await db.execute(sql`
        select r.id, m.id as counterpart, m.display_name as name from rooms r join members m on m.id = r.member_b
        where r.member_a = ${member.id} order by r.id`)) as any
    ).rows;
    const [long, gone, empty, ...rest] = roomsOf;
    // The long room: the two members in turn, 23:59:59.999 UTC (08:59:59 the next day in Japan, not rounded up).
    await db.execute(sql`
      insert into messages (room_id, sender_id, kind, body, created_at)
      select ${long.id}::uuid, case when g % 2 = 0 then ${member.id}::uuid else ${long.counterpart}::uuid end,
             'message', '本文' || g, timestamptz '2026-03-01 23:59:59.999+00' + g * interval '1 microsecond'
      from generate_series(1, ${LONG_ROOM}) g`);
    await db.execute(sql`
      insert into messages (room_id, sender_id, kind, body, created_at) values
        (${long.id}, null, 'system', 'お支払いが確認されました', now()),
        (${long.id}, ${outsider.id}, 'message', '部屋の外から', now()),
        (${gone.id}, ${gone.counterpart}, 'message', '退会前の<b>挨拶</b>', now())`);
    await db.update(members).set({ status: 'withdrawn' }).where(eq(members.id, gone.counterpart));
    for (const room of rest) {
      await db.execute(sql`
        insert into messages (room_id, sender_id, kind, body, created_at)
        values (${room.id}, ${room.counterpart}, 'message', ${`${room.name}より`}, now())`);
    }

    const now = ctx().clock.now();
    const [job] = await db
      .insert(dataExports)
      .values({ memberId: member.id, createdAt: now, expiresAt: new Date(now.getTime() + 86400_000) })
      .returning();
    await buildExport(ctx().deps, job.id);
    const [built] = await db.select().from(dataExports).where(eq(dataExports.id, job.id));
    expect(built.status).toBe('ready');
    const zipPath = join(mkdtempSync(join(tmpdir(), 'wz-export-')), 'export.zip');
    await pipeline((await ctx().deps.files.get(built.filePath!))!, createWriteStream(zipPath));
    const entry = (name: string) => execFileSync('unzip', ['-p', zipPath, name], { maxBuffer: 1 << 28 }).toString();

    const longJson = JSON.parse(entry(`messages/${long.id}.json`));
    expect(longJson).toHaveLength(LONG_ROOM + 2);
    const ids = longJson.map((m: { id: number }) => m.id);
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    expect(longJson[0]).toEqual({
      id: ids[0],
      from: long.name,
      kind: 'message',
      body: '本文1',
      at: '2026-03-02T08:59:59+09:00',
      attachment: null,
    });
    expect(longJson[1]).toMatchObject({ from: 'me', body: '本文2' });
    expect(longJson[LONG_ROOM]).toMatchObject({ from: 'system', kind: 'system' });
    // Someone outside the room is not named.
    expect(longJson[LONG_ROOM + 1]).not.toHaveProperty('from');
    expect(longJson[LONG_ROOM + 1].body).toBe('部屋の外から');
    const longHtml = entry(`messages/${long.id}.html`);
    expect(longHtml.match(/<li>/g)).toHaveLength(LONG_ROOM + 2);
    expect(longHtml).toContain(`<strong>${long.name}</strong> <small>2026-03-02T08:59:59+09:00</small>`);
    expect(longHtml).toContain('<strong>お知らせ</strong>');

    expect(JSON.parse(entry(`messages/${gone.id}.json`))).toMatchObject([{ from: '退会したユーザー' }]);
    expect(entry(`messages/${gone.id}.html`)).toContain('退会前の&lt;b&gt;挨拶&lt;/b&gt;');
    expect(JSON.parse(entry(`messages/${empty.id}.json`))).toEqual([]);
    expect(entry(`messages/${empty.id}.html`)).toContain('<ol></ol>');
    // The rooms past the first page of 200, each with its own counterpart's message.
    for (const room of rest) {
      expect(JSON.parse(entry(`messages/${room.id}.json`)), room.id).toMatchObject([
        { from: room.name, body: `${room.name}より` },
      ]);
    }
  });
});
