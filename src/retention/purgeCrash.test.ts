import { randomUUID } from 'node:crypto';
import { like, sql } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { DAY } from '../platform/clock';
import { storeUpload } from '../platform/uploads';
import { dataExports } from '../export/schema';
import { BUILD_EXPORT_JOB } from '../export/requestExport';
import { saveService } from '../marketplace/services/commands';
import { TestClient } from '../../tests/support/client';
import { createMember, DEFAULT_PASSWORD } from '../../tests/support/factories';
import { asCurrent, categoryId, createService } from '../../tests/support/marketplace';
import { describeOnDatabases } from '../../tests/support/suites';
import type { TestContext } from '../../tests/support/context';
import { purgeExpired } from './purge';
import { purgeLog } from './schema';

const PNG_1x1 = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);

async function keys(ctx: TestContext, prefix = 'uploads/') {
  const found: string[] = [];
  for await (const key of ctx.deps.files.list(prefix)) found.push(key);
  return found;
}

describeOnDatabases('the purge after a crash', (ctx) => {
  it('logs every row it deleted batch by batch and deletes their files on the next run', async () => {
    for (let i = 0; i < 3; i++) {
      const member = await createMember(ctx());
      const client = new TestClient(ctx());
      await client.logIn(member.email, DEFAULT_PASSWORD);
      await client.post('/settings/export');
    }
    await ctx().deps.jobs.drain(BUILD_EXPORT_JOB);
    const built = await ctx().deps.db.select().from(dataExports);
    expect(built.filter((e) => e.status === 'ready')).toHaveLength(3);
    ctx().clock.advance(8 * DAY);

    const files = ctx().deps.files;
    const remove = files.delete;
    let deletes = 0;
    // The worker dies at the second file, after two one-row batches have committed.
    files.delete = async (key) => {
      deletes += 1;
      if (deletes === 2) throw new Error('worker killed');
      return remove.call(files, key);
    };
    try {
      await expect(purgeExpired(ctx().deps, { batchSize: 1 })).rejects.toThrow('worker killed');
    } finally {
      files.delete = remove;
    }
    await purgeExpired(ctx().deps, { batchSize: 1 });
    expect(await ctx().deps.db.select().from(dataExports)).toEqual([]);
    expect(await keys(ctx(), 'uploads/exports/')).toEqual([]);
    const [{ logged }] = await ctx()
      .deps.db.select({ logged: sql<number>`coalesce(sum(${purgeLog.rows}), 0)::int` })
      .from(purgeLog)
      .where(like(purgeLog.category, 'exports:data_exports'));
    expect(logged).toBe(3);
  });
});

for (const store of ['local', 's3'] as const)
  describeOnDatabases(
    `the purge sweeps files no row names (${store})`,
    (ctx) => {
      it('deletes an orphan a day old, spares a fresh one and every file a row names', async () => {
        const seller = await createMember(ctx());
        const serviceId = await createService(ctx(), seller);
        await saveService(
          ctx().deps,
          asCurrent(seller),
          serviceId,
          { title: '画像', categoryId: await categoryId(ctx()), description: '説明', priceYen: 5000, deliveryDays: 5 },
          true,
          [PNG_1x1],
        );
        const named = await keys(ctx());
        expect(named).toHaveLength(1);
        const orphan = await storeUpload(ctx().deps.files, PNG_1x1, 'png');
        await ctx().deps.files.put(`uploads/${randomUUID().slice(0, 2)}/${randomUUID()}.txt`, Buffer.from('x'));
        // File times are the store's (real) time: the purge's clock is set against them.
        ctx().clock.set(new Date(Date.now() + 60_000));
        await purgeExpired(ctx().deps);
        expect(await keys(ctx())).toContain(orphan);
        ctx().clock.set(new Date(Date.now() + 2 * DAY));
        const summary = await purgeExpired(ctx().deps);
        expect(summary).toContainEqual({ category: 'orphanFiles', table: 'file_store', rows: 2, heldBack: 0 });
        expect(await keys(ctx())).toEqual(named);
      });
    },
    { fileStore: store },
  );
