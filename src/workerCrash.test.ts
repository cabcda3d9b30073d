import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { eq, inArray, like, sql } from 'drizzle-orm';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { members } from './accounts/schema';
import { dataExports } from './export/schema';
import { RETENTION_PURGE_JOB } from './jobs';
import { serviceImages } from './marketplace/schema';
import { saveService } from './marketplace/services/commands';
import { fileDeletions } from './platform/files/schema';
import { queueMail } from './platform/mail/outbox';
import { mailOutbox } from './platform/mail/schema';
import { purgeLog } from './retention/schema';
import { TestClient } from '../tests/support/client';
import { createMember, DEFAULT_PASSWORD } from '../tests/support/factories';
import { asCurrent, categoryId, createOrder, createService } from '../tests/support/marketplace';
import { describeOnServer } from '../tests/support/suites';
import type { TestContext } from '../tests/support/context';

const PNG_1x1 = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);

/** A real SMTP receiver counting each Message-ID it accepted. */
const received: string[] = [];
const smtp = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS'],
  onData(stream, _session, callback) {
    let data = '';
    stream.on('data', (chunk: Buffer) => (data += chunk.toString()));
    stream.on('end', () => {
      received.push(/^Message-ID: *(.+)$/im.exec(data)?.[1].trim() ?? '?');
      callback();
    });
  },
});
// A worker killed mid-conversation resets its connection: expected here, not a test failure.
smtp.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'ECONNRESET') throw error;
});
let smtpPort = 0;
beforeAll(async () => {
  smtpPort = await new Promise((r) => smtp.listen(0, '127.0.0.1', () => r((smtp.server.address() as any).port)));
});
afterAll(() => new Promise<void>((r) => smtp.close(() => r())));

/** `tsx src/main.ts worker` on the test's database and folder; expiries at 10 % so recovery fits the test. */
function startWorker(ctx: TestContext): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', 'src/main.ts', 'worker'], {
    env: {
      ...process.env,
      NODE_ENV: 'test',
      DATABASE_URL: ctx.databaseUrl!,
      DATA_DIR: ctx.config.dataDir,
      SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
      SECRET_KEY: 'test-secret-key-test-secret-key-0123456789',
      BASE_URL: 'http://localhost:3000',
      SEED_DEMO: 'never',
      LOG_LEVEL: 'error',
      JOB_TIME_PERCENT: '10',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

async function waitFor(what: string, check: () => Promise<boolean>, ms: number) {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

function kill9(worker: ChildProcess) {
  worker.kill('SIGKILL');
  return new Promise((r) => worker.once('exit', r));
}

async function keys(ctx: TestContext, prefix: string) {
  const found: string[] = [];
  for await (const key of ctx.deps.files.list(prefix)) found.push(key);
  return found;
}

// The test's own process queues jobs too: at the same percentage, so they expire like the worker's.
describeOnServer(
  'kill -9 of the worker process',
  (ctx) => {
    it('during mail delivery, withdrawal clean-up and an export: after a restart no mail twice, no file left, one export', async () => {
      const db = ctx().deps.db;
      // An export with enough messages to be caught half-way.
      const order = await createOrder(ctx(), { status: 'in_progress' });
      const [{ roomId }] = (
        (await db.execute(sql`select id as "roomId" from rooms where order_id = ${order.orderId}`)) as any
      ).rows;
      await db.execute(
        sql`insert into messages (room_id, sender_id, body, created_at) select ${roomId}, ${order.buyer.id}, repeat('本文', 50) || g, now() from generate_series(1, 4000) g`,
      );
      // Members leaving, each with two service pictures.
      const leaving: Awaited<ReturnType<typeof createMember>>[] = [];
      for (let i = 0; i < 4; i++) {
        const member = await createMember(ctx());
        const serviceId = await createService(ctx(), member);
        await saveService(
          ctx().deps,
          asCurrent(member),
          serviceId,
          { title: '画像', categoryId: await categoryId(ctx()), description: '説明', priceYen: 5000, deliveryDays: 5 },
          true,
          [PNG_1x1, PNG_1x1],
        );
        leaving.push(member);
      }
      const pictures = await keys(ctx(), 'uploads/');
      expect(pictures.length).toBeGreaterThanOrEqual(8);
      for (const member of leaving) {
        const client = new TestClient(ctx());
        await client.logIn(member.email, DEFAULT_PASSWORD);
        const left = await client.post('/settings/withdrawal', {
          reason: 'other',
          freeText: '',
          understood: 'on',
          password: DEFAULT_PASSWORD,
        });
        expect(left.status).toBe(200);
      }
      const buyer = new TestClient(ctx());
      await buyer.logIn(order.buyer.email, DEFAULT_PASSWORD);
      await buyer.post('/settings/export');
      await db.transaction(async (tx) => {
        for (let i = 0; i < 200; i++)
          await queueMail(tx, ctx().deps, {
            to: `crash${i}@example.test`,
            template: 'crash_test',
            locale: 'ja',
            content: { subject: `件名${i}`, greeting: '様', paragraphs: ['本文'] },
          });
      });

      const first = startWorker(ctx());
      const exportRunning = async () =>
        (await db.select().from(dataExports).where(eq(dataExports.memberId, order.buyer.id)))[0].status === 'running';
      await waitFor(
        'mail delivery and the export under way',
        async () => received.length >= 1 && (await exportRunning()),
        60_000,
      );
      await kill9(first);
      const restarted = Date.now();
      const second = startWorker(ctx());
      let state = {};
      try {
        await waitFor(
          'every job done',
          async () => {
            const open = await db
              .select({ id: mailOutbox.id })
              .from(mailOutbox)
              .where(inArray(mailOutbox.status, ['pending', 'sending']));
            const [exp] = await db.select().from(dataExports).where(eq(dataExports.memberId, order.buyer.id));
            const images = await db
              .select({ id: serviceImages.id })
              .from(serviceImages)
              .innerJoin(sql`services`, sql`services.id = ${serviceImages.serviceId}`)
              .where(
                inArray(
                  sql`services.seller_id`,
                  leaving.map((m) => m.id),
                ),
              );
            const queued = await db.select().from(fileDeletions);
            state = { open: open.length, exportStatus: exp.status, images: images.length, queued: queued.length };
            return open.length === 0 && exp.status === 'ready' && images.length === 0 && queued.length === 0;
          },
          120_000,
        );
      } catch (error) {
        throw new Error(`${(error as Error).message}: ${JSON.stringify(state)}`);
      } finally {
        await kill9(second);
      }
      expect(Date.now() - restarted).toBeLessThan(120_000);
      // No mail twice: every Message-ID arrived once; at most the one cut off mid-conversation is left for an operator.
      expect(new Set(received).size).toBe(received.length);
      const failed = await db.select().from(mailOutbox).where(eq(mailOutbox.status, 'failed'));
      expect(failed.length).toBeLessThanOrEqual(1);
      for (const mail of failed) expect(mail.lastError).toContain('delivery interrupted');
      // No file left of the members who left.
      const after = await keys(ctx(), 'uploads/');
      expect(after.filter((k) => pictures.includes(k))).toEqual([]);
      // One export, one file, no half-written one, one mail.
      const exports = await db.select().from(dataExports).where(eq(dataExports.memberId, order.buyer.id));
      expect(exports).toHaveLength(1);
      expect(after.filter((k) => k.startsWith('uploads/exports/'))).toEqual([exports[0].filePath]);
      expect(readdirSync(join(ctx().config.dataDir, 'uploads', 'exports')).filter((n) => n.endsWith('.part'))).toEqual(
        [],
      );
      const ready = await db
        .select()
        .from(mailOutbox)
        .where(sql`${mailOutbox.memberId} = ${order.buyer.id} and ${mailOutbox.template} = 'export_ready'`);
      expect(ready).toHaveLength(1);
      expect(
        (
          await db
            .select()
            .from(members)
            .where(
              inArray(
                members.id,
                leaving.map((m) => m.id),
              ),
            )
        ).every((m) => m.avatarPath === null),
      ).toBe(true);
    }, 240_000);

    it('during a purge: after a restart the purge log counts every deleted row', async () => {
      const db = ctx().deps.db;
      const member = await createMember(ctx());
      await db.execute(
        sql`insert into security_events (member_id, kind, at) select ${member.id}, 'login', now() - interval '800 days' from generate_series(1, 20000)`,
      );
      await db.transaction((tx) => ctx().deps.jobs.enqueue(tx, RETENTION_PURGE_JOB, {}));
      const logged = async () =>
        Number(
          (
            await db
              .select({ n: sql<number>`coalesce(sum(${purgeLog.rows}), 0)::int` })
              .from(purgeLog)
              .where(like(purgeLog.category, '%:security_events'))
          )[0].n,
        );
      const first = startWorker(ctx());
      await waitFor('the purge under way', async () => (await logged()) > 0, 60_000);
      await kill9(first);
      const left = async () =>
        Number(
          (
            (await db.execute(
              sql`select count(*)::int as n from security_events where at < now() - interval '400 days'`,
            )) as any
          ).rows[0].n,
        );
      expect(await left()).toBeGreaterThan(0);
      const second = startWorker(ctx());
      try {
        await waitFor('the purge finished', async () => (await left()) === 0, 120_000);
      } finally {
        await kill9(second);
      }
      expect(await logged()).toBe(20000);
    }, 240_000);
  },
  { env: { JOB_TIME_PERCENT: '10' } },
);
