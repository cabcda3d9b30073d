import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import { performance } from 'node:perf_hooks';
import { Readable } from 'node:stream';
import { eq, sql } from 'drizzle-orm';
import { members } from '../src/accounts/schema';
import { buildExport } from '../src/export/build';
import { dataExports } from '../src/export/schema';
import { loadConfig } from '../src/platform/config';
import { openDatabase } from '../src/platform/db/client';
import { startRuntime, stopRuntime } from '../src/runtime';

// One export in a process of its own, started with --expose-gc (bench/sections/export.ts): a member with
// BENCH_EXPORT_MESSAGES messages, BENCH_EXPORT_PER_ROOM to a room, and BENCH_EXPORT_ATTACHMENTS × 1 MB
// photos in the file store the environment names. Prints one JSON line: seconds and peak RSS growth.
const MESSAGES = Number(process.env.BENCH_EXPORT_MESSAGES ?? 300_000);
const PER_ROOM = Number(process.env.BENCH_EXPORT_PER_ROOM ?? 100);
const ATTACHMENTS = Number(process.env.BENCH_EXPORT_ATTACHMENTS ?? 200);
const MB = 1024 * 1024;

if (!global.gc) throw new Error('run with node --expose-gc');

/** A CPU profile of the build alone (BENCH_EXPORT_PROFILE=file.cpuprofile), for Chrome's DevTools. */
async function startProfile() {
  const session = new Session();
  session.connect();
  const post = (method: string) =>
    new Promise<any>((resolve, reject) =>
      session.post(method, (error, result) => (error ? reject(error) : resolve(result))),
    );
  await post('Profiler.enable');
  await post('Profiler.start');
  return {
    async stop(file: string) {
      const { profile } = await post('Profiler.stop');
      writeFileSync(file, JSON.stringify(profile));
      session.disconnect();
    },
  };
}

/** 1 MB of random bytes (incompressible, like a photo) in 64 KB pieces, never whole in memory. */
function randomMegabyte() {
  let sent = 0;
  return new Readable({
    read() {
      if (sent >= MB) return this.push(null);
      sent += 65536;
      this.push(randomBytes(65536));
    },
  });
}

const database = await openDatabase({ url: process.env.DATABASE_URL, dataDir: process.env.DATA_DIR });
const config = loadConfig({
  ...process.env,
  NODE_ENV: 'production',
  SECRET_KEY: 'bench-secret-key-bench-secret-key-0123456789',
  LOG_LEVEL: 'silent',
} as any);
const deps = await startRuntime(config, { work: false, database, mailTransport: null });
const db = deps.db;
const tag = randomBytes(4).toString('hex');
const now = new Date();
const [member] = await db
  .insert(members)
  .values({
    email: `e${tag}@example.test`,
    username: `e${tag}`,
    displayName: `書き出し${tag}`,
    createdAt: now,
    updatedAt: now,
  })
  .returning();
const rooms = Math.ceil(MESSAGES / PER_ROOM);
// Direct rooms are one per pair: each room has its own counterpart.
await db.execute(sql`
  insert into members (email, username, display_name, created_at, updated_at)
  select 'e' || ${tag} || '_' || g || '@example.test', 'e' || ${tag} || '_' || g, '相手' || g, now(), now()
  from generate_series(1, ${rooms}) g`);
await db.execute(sql`
  insert into rooms (kind, member_a, member_b, created_at)
  select 'direct', ${member.id}, m.id, now() from members m where m.username like ${`e${tag}\\_%`}`);
await db.execute(sql`
  insert into messages (room_id, sender_id, kind, body, created_at)
  select r.id, case when g % 2 = 0 then r.member_a else r.member_b end, 'message',
         'ご依頼ありがとうございます。納品物をご確認ください。' || g, now() - (${PER_ROOM} - g) * interval '1 minute'
  from rooms r cross join generate_series(1, ${PER_ROOM}) g where r.member_a = ${member.id}`);
// The photos, one to a message, in the first rooms.
for (let i = 0; i < ATTACHMENTS; i++) {
  const key = `uploads/bench/${tag}-${i}.jpg`;
  await deps.files.put(key, randomMegabyte());
  await db.execute(sql`
    with m as (
      insert into messages (room_id, sender_id, kind, body, created_at)
      select r.id, ${member.id}, 'message', ${`写真${i}`}, now()
      from rooms r where r.member_a = ${member.id} order by r.id offset ${i % rooms} limit 1 returning id)
    insert into attachments (message_id, storage_path, original_name, mime_type, size_bytes)
    select m.id, ${key}, ${`写真${i}.jpg`}, 'image/jpeg', ${MB} from m`);
}
await db.execute(sql`analyze`);

global.gc();
const baseline = process.memoryUsage();
const peak = { ...baseline };
const sampler = setInterval(() => {
  const now = process.memoryUsage();
  for (const key of Object.keys(peak) as (keyof NodeJS.MemoryUsage)[]) peak[key] = Math.max(peak[key], now[key]);
}, 20);
const [job] = await db
  .insert(dataExports)
  .values({ memberId: member.id, createdAt: now, expiresAt: new Date(now.getTime() + 86400_000) })
  .returning();
const profiler = process.env.BENCH_EXPORT_PROFILE ? await startProfile() : null;
const started = performance.now();
await buildExport(deps, job.id);
const seconds = (performance.now() - started) / 1000;
if (profiler) await profiler.stop(process.env.BENCH_EXPORT_PROFILE!);
clearInterval(sampler);
const [built] = await db.select().from(dataExports).where(eq(dataExports.id, job.id));
if (built.status !== 'ready') throw new Error(`export ended ${built.status}`);
console.log(
  JSON.stringify({
    messages: MESSAGES + ATTACHMENTS,
    rooms,
    attachmentsMb: ATTACHMENTS,
    seconds,
    zipMb: (built.sizeBytes ?? 0) / MB,
    peakGrowthMb: (peak.rss - baseline.rss) / MB,
    // Where it grew: the JavaScript heap, and buffers outside it (streams, sockets).
    heapGrowthMb: (peak.heapUsed - baseline.heapUsed) / MB,
    externalGrowthMb: (peak.external - baseline.external) / MB,
    baselineRssMb: baseline.rss / MB,
  }),
);
await stopRuntime(deps);
process.exit(0);
