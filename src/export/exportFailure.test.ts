import { execFileSync } from 'node:child_process';
import { createWriteStream, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { and, eq } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { mailOutbox } from '../platform/mail/schema';
import { attachments } from '../marketplace/schema';
import { TestClient } from '../../tests/support/client';
import { DEFAULT_PASSWORD } from '../../tests/support/factories';
import { createOrder } from '../../tests/support/marketplace';
import { describeOnDatabases } from '../../tests/support/suites';
import type { TestContext } from '../../tests/support/context';
import { BUILD_EXPORT_JOB } from './requestExport';
import { dataExports } from './schema';

const PNG_1x1 = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);

/** Every export file the store holds, and on the local folder also the half-written ones a put leaves (`.part`). */
async function exportFiles(ctx: TestContext, exportId: string): Promise<string[]> {
  const keys: string[] = [];
  for await (const key of ctx.deps.files.list('uploads/exports/')) keys.push(key);
  if (ctx.deps.files.kind === 'local') {
    const folder = join(ctx.config.dataDir, 'uploads', 'exports');
    keys.push(
      ...(readdirSync(folder, { withFileTypes: true }) ?? []).map((e) => e.name).filter((n) => n.endsWith('.part')),
    );
  }
  return keys.filter((k) => k.includes(exportId));
}

async function entriesOf(ctx: TestContext, filePath: string): Promise<string[]> {
  const zipPath = join(mkdtempSync(join(tmpdir(), 'wz-export-')), 'export.zip');
  await pipeline((await ctx.deps.files.get(filePath))!, createWriteStream(zipPath));
  expect(execFileSync('unzip', ['-t', zipPath]).toString()).toContain('No errors detected');
  return execFileSync('unzip', ['-Z1', zipPath]).toString().trim().split('\n');
}

describeOnDatabases('an export with hostile or failing contents', (ctx) => {
  it('keeps an attachment named like a path as text: every participant of the room gets their export', async () => {
    const order = await createOrder(ctx(), { status: 'in_progress' });
    const buyer = new TestClient(ctx());
    await buyer.logIn(order.buyer.email, DEFAULT_PASSWORD);
    const form = new FormData();
    form.set('body', '見てください');
    form.set('attachment', new File([PNG_1x1], '../../../../tmp/x.png'));
    await buyer.postMultipart(`/orders/${order.orderId}/messages`, form);
    const [attachment] = await ctx()
      .deps.db.select()
      .from(attachments)
      .where(eq(attachments.originalName, '../../../../tmp/x.png'));
    // Stored under a generated name; the member's name is only text.
    expect(attachment.storagePath).not.toContain('x.png');
    expect(attachment.storagePath).not.toContain('..');

    const seller = new TestClient(ctx());
    await seller.logIn(order.seller.email, DEFAULT_PASSWORD);
    await buyer.post('/settings/export');
    await seller.post('/settings/export');
    await ctx().deps.jobs.drain(BUILD_EXPORT_JOB);
    for (const member of [order.buyer, order.seller]) {
      const [row] = await ctx().deps.db.select().from(dataExports).where(eq(dataExports.memberId, member.id));
      expect(row.status).toBe('ready');
      const entries = await entriesOf(ctx(), row.filePath!);
      expect(entries).toContain(`attachments/${attachment.id}-x.png`);
      expect(entries.some((e) => e.split('/').includes('..') || e.startsWith('/'))).toBe(false);
    }
    expect((await seller.get('/settings/export')).text).toContain('/download');
  });

  it('ends a failing export as failed with a mail and a retry button, leaves no partial file, and takes a new request', async () => {
    const order = await createOrder(ctx(), { status: 'in_progress' });
    const buyer = new TestClient(ctx());
    await buyer.logIn(order.buyer.email, DEFAULT_PASSWORD);
    const form = new FormData();
    form.set('body', '添付');
    form.set('attachment', new File([PNG_1x1], 'ok.png'));
    await buyer.postMultipart(`/orders/${order.orderId}/messages`, form);
    const files = ctx().deps.files;
    const get = files.get;
    // The store fails while the ZIP is half written (profile.json, with the email, is already in it).
    files.get = async () => {
      throw new Error('store unreachable');
    };
    try {
      await buyer.post('/settings/export');
      const mine = eq(dataExports.memberId, order.buyer.id);
      await ctx().deps.jobs.drain(BUILD_EXPORT_JOB);
      const [waiting] = await ctx().deps.db.select().from(dataExports).where(mine);
      // Between retries it waits in line, never frozen at a percentage; its partial file is gone.
      expect(waiting.status).toBe('queued');
      expect(await exportFiles(ctx(), waiting.id)).toEqual([]);
      const deadline = Date.now() + 40_000;
      for (;;) {
        await ctx().deps.jobs.drain(BUILD_EXPORT_JOB);
        const [row] = await ctx().deps.db.select().from(dataExports).where(mine);
        if (row.status === 'failed' || Date.now() > deadline) break;
        await new Promise((r) => setTimeout(r, 500));
      }
      const [failed] = await ctx().deps.db.select().from(dataExports).where(mine);
      expect(failed.status).toBe('failed');
      expect(await exportFiles(ctx(), failed.id)).toEqual([]);
      const mails = await ctx()
        .deps.db.select()
        .from(mailOutbox)
        .where(and(eq(mailOutbox.memberId, order.buyer.id), eq(mailOutbox.template, 'export_failed')));
      expect(mails).toHaveLength(1);
      expect(mails[0].textBody).toContain('/settings/export');
      const page = (await buyer.get('/settings/export')).text;
      expect(page).toContain('data-testid="export-failed"');
      expect(page).toContain('もう一度まとめる');
    } finally {
      files.get = get;
    }
    // The retry button is a new request: a new row, built this time.
    expect((await buyer.post('/settings/export')).location).toBe('/settings/export');
    const rows = await ctx().deps.db.select().from(dataExports).where(eq(dataExports.memberId, order.buyer.id));
    expect(rows).toHaveLength(2);
    await ctx().deps.jobs.drain(BUILD_EXPORT_JOB);
    const ready = (await ctx().deps.db.select().from(dataExports).where(eq(dataExports.memberId, order.buyer.id))).find(
      (r) => r.status === 'ready',
    );
    expect(await entriesOf(ctx(), ready!.filePath!)).toContain('profile.json');
  }, 60_000);
});
