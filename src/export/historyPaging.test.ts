import { execFileSync } from 'node:child_process';
import { createWriteStream, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { eq, sql } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { TestClient } from '../../tests/support/client';
import { DEFAULT_PASSWORD } from '../../tests/support/factories';
import { createOrder } from '../../tests/support/marketplace';
import { describeOnDatabases } from '../../tests/support/suites';
import { BUILD_EXPORT_JOB } from './requestExport';
import { dataExports } from './schema';

// Orders, the ledger and the security log are read in pages of 1,000; these counts cross page ends, and
// rows written in the same millisecond (microseconds apart) must come out once each, in order.
const ORDERS = 2_345;
const LEDGER = 1_001;
const EVENTS = 2_000;

describeOnDatabases('data export of a long history', (ctx) => {
  it('carries every order, ledger line and security-log entry once, in order, across pages', async () => {
    const { buyer, orderId } = await createOrder(ctx(), { status: 'completed' });
    const db = ctx().deps.db;
    await db.execute(sql`
      insert into orders (service_id, buyer_id, seller_id, title_snapshot, price_yen, charged_yen, payment_ref,
                          status, idempotency_key, created_at)
      select o.service_id, o.buyer_id, o.seller_id, 'まとめ注文 ' || i, i, i, o.payment_ref, o.status,
             'bulk-' || i, timestamptz '2026-03-01 10:00:00+09' + i * interval '1 microsecond'
      from orders o cross join generate_series(1, ${ORDERS - 1}) i where o.id = ${orderId}`);
    await db.execute(sql`
      insert into ledger_entries (member_id, account, kind, amount_yen, created_at)
      select ${buyer.id}, 'points', 'bulk', i, now() from generate_series(1, ${LEDGER}) i`);
    await db.execute(sql`
      insert into security_events (member_id, kind, at)
      select ${buyer.id}, 'bulk-' || i, timestamptz '2026-03-01 10:00:00+09' + i * interval '1 microsecond'
      from generate_series(1, ${EVENTS}) i`);

    const client = new TestClient(ctx());
    await client.logIn(buyer.email, DEFAULT_PASSWORD);
    await client.post('/settings/export');
    expect(await ctx().deps.jobs.drain(BUILD_EXPORT_JOB)).toBe(1);
    const [row] = await db.select().from(dataExports).where(eq(dataExports.memberId, buyer.id));
    const zipPath = join(mkdtempSync(join(tmpdir(), 'wz-export-')), 'export.zip');
    await pipeline((await ctx().deps.files.get(row.filePath!))!, createWriteStream(zipPath));
    const entry = (name: string) => execFileSync('unzip', ['-p', zipPath, name], { maxBuffer: 1 << 28 }).toString();

    const orderList = JSON.parse(entry('orders.json'));
    expect(orderList).toHaveLength(ORDERS);
    expect(new Set(orderList.map((o: { id: string }) => o.id)).size).toBe(ORDERS);
    const bulk = orderList.filter((o: { titleSnapshot: string }) => o.titleSnapshot.startsWith('まとめ注文'));
    expect(bulk.map((o: { priceYen: number }) => o.priceYen)).toEqual([...Array(ORDERS - 1)].map((_, i) => i + 1));
    expect(orderList[0].idempotencyKey).toBeUndefined();
    expect(orderList[0].cursor).toBeUndefined();
    const csvLines = entry('orders.csv').trimEnd().split('\r\n');
    expect(csvLines).toHaveLength(ORDERS + 1);
    expect(csvLines.filter((line) => line.includes('まとめ注文'))).toHaveLength(ORDERS - 1);
    expect(csvLines[ORDERS - 1]).toContain(`まとめ注文 ${ORDERS - 1}`);

    const ledger = JSON.parse(entry('ledger.json')).filter((l: { kind: string }) => l.kind === 'bulk');
    expect(ledger.map((l: { amountYen: number }) => l.amountYen)).toEqual([...Array(LEDGER)].map((_, i) => i + 1));

    const log = JSON.parse(entry('security-log.json')).filter((e: { kind: string }) => e.kind.startsWith('bulk-'));
    // Newest first.
    expect(log.map((e: { kind: string }) => e.kind)).toEqual([...Array(EVENTS)].map((_, i) => `bulk-${EVENTS - i}`));
    expect(log[0].at).toMatch(/\+09:00$/);
  });
});
