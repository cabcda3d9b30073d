import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { Readable } from 'node:stream';
import { sql } from 'drizzle-orm';
import { members } from '../../src/accounts/schema';
import { buildExport } from '../../src/export/build';
import { dataExports } from '../../src/export/schema';
import { loadConfig } from '../../src/platform/config';
import { openDatabase } from '../../src/platform/db/client';
import { startRuntime, stopRuntime } from '../../src/runtime';
import { round, type Row, type Target } from '../lib';

const ATTACHMENTS = Number(process.env.BENCH_EXPORT_ATTACHMENTS ?? 200);
const MB = 1024 * 1024;

/** s3rver in its own process, so its buffers do not count in this process's memory. */
async function s3rverProcess(): Promise<{ env: Record<string, string>; stop(): void }> {
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      '-e',
      "import('./tests/support/s3Server.ts').then(async (m) => { const s = await m.startS3Server('bench-exports'); console.log(JSON.stringify(s.env)); process.on('SIGTERM', async () => { await s.close(); process.exit(0); }); })",
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const env = await new Promise<Record<string, string>>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk) => {
      out += chunk;
      if (out.includes('\n')) resolve(JSON.parse(out));
    });
    child.once('exit', () => reject(new Error('s3rver did not start')));
  });
  return { env, stop: () => child.kill('SIGTERM') };
}

/** 1 MB of random bytes (incompressible, like photos) in 64 KB pieces, never whole in memory. */
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

async function exportWith(target: Target, storeEnv: Record<string, string>) {
  const database = await openDatabase({ url: target.env.DATABASE_URL, dataDir: target.env.DATA_DIR });
  const config = loadConfig({
    NODE_ENV: 'production',
    SECRET_KEY: 'bench-secret-key-bench-secret-key-0123456789',
    DATA_DIR: target.env.DATA_DIR,
    LOG_LEVEL: 'silent',
    ...storeEnv,
  });
  const deps = await startRuntime(config, { work: false, database, mailTransport: null });
  try {
    const tag = randomBytes(4).toString('hex');
    const now = new Date();
    const [member, other] = await deps.db
      .insert(members)
      .values(
        [tag, `${tag}o`].map((name) => ({
          email: `x${name}@example.test`,
          username: `x${name}`,
          displayName: name,
          createdAt: now,
          updatedAt: now,
        })),
      )
      .returning();
    const room: any = await deps.db.execute(
      sql`insert into rooms (kind, member_a, member_b, created_at) values ('direct', ${member.id}, ${other.id}, now()) returning id`,
    );
    for (let i = 0; i < ATTACHMENTS; i++) {
      const key = `uploads/bench/${tag}-${i}.bin`;
      await deps.files.put(key, randomMegabyte());
      const message: any = await deps.db.execute(
        sql`insert into messages (room_id, sender_id, kind, body, created_at) values (${room.rows[0].id}, ${member.id}, 'message', ${`添付${i}`}, now()) returning id`,
      );
      await deps.db.execute(
        sql`insert into attachments (message_id, storage_path, original_name, mime_type, size_bytes) values (${message.rows[0].id}, ${key}, ${`写真${i}.jpg`}, 'image/jpeg', ${MB})`,
      );
    }
    global.gc?.();
    const baseline = process.memoryUsage().rss;
    let peak = baseline;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
    const [job] = await deps.db
      .insert(dataExports)
      .values({ memberId: member.id, createdAt: now, expiresAt: new Date(now.getTime() + 86400_000) })
      .returning();
    const started = performance.now();
    await buildExport(deps, job.id);
    const seconds = (performance.now() - started) / 1000;
    clearInterval(sampler);
    const [built] = await deps.db
      .select()
      .from(dataExports)
      .where(sql`id = ${job.id}`);
    if (built.status !== 'ready') throw new Error(`export ended ${built.status}`);
    // Throughput of the attachments carried (random bytes do not deflate: the ZIP is about as large).
    return { seconds, attachmentMb: ATTACHMENTS, peakGrowthMb: (peak - baseline) / MB };
  } finally {
    await stopRuntime(deps);
  }
}

/** An export of a member with ATTACHMENTS × 1 MB attachments, built into the folder and into a bucket. */
export async function benchExportFiles(target: Target, kind: 'pglite' | 'postgres') {
  const rows: Row[] = [];
  const figures: Record<string, object> = {};
  const s3 = await s3rverProcess();
  try {
    for (const [store, env] of [
      ['local', {}],
      ['s3', s3.env],
    ] as const) {
      const result = await exportWith(target, env);
      const label = `export ${ATTACHMENTS} × 1 MB (${store})`;
      rows.push(
        { database: kind, measure: `${label}: seconds`, value: String(round(result.seconds)), target: '' },
        {
          database: kind,
          measure: `${label}: MB/s`,
          value: String(round(result.attachmentMb / result.seconds)),
          target: '',
        },
        {
          database: kind,
          measure: `${label}: peak memory growth MB`,
          value: String(round(result.peakGrowthMb)),
          target: '< 50',
        },
      );
      figures[`export_${store}`] = result;
    }
  } finally {
    s3.stop();
  }
  return { rows, figures };
}
