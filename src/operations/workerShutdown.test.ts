import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createWriteStream, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requestExport } from '../export/requestExport';
import { dataExports } from '../export/schema';
import { rooms } from '../marketplace/schema';
import { mailOutbox } from '../platform/mail/schema';
import { postMessage } from '../messages/messaging';
import { createTestContext, type TestContext } from '../../tests/support/context';
import { asCurrent, createOrder } from '../../tests/support/marketplace';
import { startAppProcess } from '../../tests/support/processes';

const ATTACHMENTS = 60;

async function until<T>(what: string, probe: () => Promise<T | null | undefined | false>, timeoutMs = 90_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

// A worker is its own process only beside a PostgreSQL server (PGlite belongs to one process).
describe.skipIf(!process.env.TEST_DATABASE_URL)('SIGTERM to a worker building an export [postgres]', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext('postgres');
  });
  afterAll(async () => {
    await ctx?.close();
  });

  it('finishes the build it holds, exits 0, and after a restart the export exists exactly once', async () => {
    const order = await createOrder(ctx);
    const [room] = await ctx.deps.db.select().from(rooms).where(eq(rooms.orderId, order.orderId));
    // Incompressible PDFs, so the build takes long enough to be caught in the middle.
    for (let i = 0; i < ATTACHMENTS; i += 1) {
      const bytes = Buffer.concat([Buffer.from('%PDF-1.4\n'), randomBytes(1024 * 1024)]);
      const posted = await postMessage(ctx.deps, asCurrent(order.buyer), room.id, {
        body: `資料${i}`,
        attachment: { name: `資料${i}.pdf`, bytes },
      });
      expect(posted.ok).toBe(true);
    }
    const requested = await requestExport(ctx.deps, asCurrent(order.buyer), { ip: null, userAgent: 'test' });
    if (!requested.ok) throw new Error('export request refused');
    const env = { DATABASE_URL: ctx.databaseUrl!, DATA_DIR: ctx.config.dataDir };
    const status = async () =>
      (await ctx.deps.db.select().from(dataExports).where(eq(dataExports.id, requested.exportId)))[0];

    const worker = await startAppProcess('worker', env);
    try {
      await until('the build to start', async () => (await status()).status === 'running');
      worker.child.kill('SIGTERM');
      expect(await worker.exited, worker.output()).toBe(0);
      expect(worker.output()).toContain('"msg":"stopping"');
      // The worker let the running build finish rather than dropping it.
      expect((await status()).status).toBe('ready');
    } finally {
      if (worker.child.exitCode === null) worker.child.kill('SIGKILL');
    }

    const again = await startAppProcess('worker', env);
    try {
      // Give the restarted worker a few polls: nothing is left for it to build.
      await new Promise((r) => setTimeout(r, 4000));
      const jobs: any = await ctx.deps.db.execute(
        sql`select state::text as state, retry_count from pgboss.job where name = 'export.build'`,
      );
      expect(jobs.rows).toEqual([{ state: 'completed', retry_count: 0 }]);
    } finally {
      expect(await again.stop()).toBe(0);
    }
    const mails = await ctx.deps.db
      .select()
      .from(mailOutbox)
      .where(and(eq(mailOutbox.template, 'export_ready'), eq(mailOutbox.memberId, order.buyer.id)));
    expect(mails).toHaveLength(1);
    const row = await status();
    const keys: string[] = [];
    for await (const key of ctx.deps.files.list('uploads/exports/')) keys.push(key);
    expect(keys).toEqual([row.filePath]);
    const zipPath = join(mkdtempSync(join(tmpdir(), 'wz-export-')), 'export.zip');
    await pipeline((await ctx.deps.files.get(row.filePath!))!, createWriteStream(zipPath));
    const listing = execFileSync('unzip', ['-l', zipPath]).toString();
    expect(listing.match(/attachments\/[^\n]*\.pdf/g)).toHaveLength(ATTACHMENTS);
  }, 240_000);
});
