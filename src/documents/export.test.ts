import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { BUILD_EXPORT_JOB } from '../export/requestExport';
import { dataExports } from '../export/schema';
import { TestClient } from '../../tests/support/client';
import { DEFAULT_PASSWORD } from '../../tests/support/factories';
import { createOrder } from '../../tests/support/marketplace';
import { fetchBytes, pdfText } from '../../tests/support/pdf';
import { describeOnDatabases } from '../../tests/support/suites';

describeOnDatabases('documents in the data export', (ctx) => {
  it('puts documents.json and a copy of each issued document in the ZIP, without counting a reissue', async () => {
    const order = await createOrder(ctx(), { status: 'completed', priceYen: 3300 });
    const client = new TestClient(ctx());
    await client.logIn(order.buyer.email, DEFAULT_PASSWORD);
    await client.post('/settings/invoice-number', { number: 'T7000012050002' });
    await fetchBytes(ctx(), client, `/mypage/documents/receipt/${order.orderId}/addressee`, { addressee: '鈴木商店' });
    await client.post('/settings/export');
    await ctx().deps.jobs.drain(BUILD_EXPORT_JOB);
    const [row] = await ctx().deps.db.select().from(dataExports).where(eq(dataExports.memberId, order.buyer.id));
    const zip = await fetchBytes(ctx(), client, `/settings/export/${row.id}/download`);
    const zipPath = join(mkdtempSync(join(tmpdir(), 'wz-docs-')), 'export.zip');
    writeFileSync(zipPath, zip.bytes);
    const listed = JSON.parse(execFileSync('unzip', ['-p', zipPath, 'documents.json']).toString());
    expect(listed.invoiceRegistrationNumber).toBe('T7000012050002');
    expect(listed.documents).toMatchObject([
      { kind: 'receipt', subject: order.orderId, issued: { reissueCount: 0, addressee: '鈴木商店' } },
    ]);
    const number = listed.documents[0].issued.number;
    const copy = pdfText(execFileSync('unzip', ['-p', zipPath, `documents/${number}.pdf`]));
    expect(copy).toContain('鈴木商店 様');
    expect(copy).toContain('3,300円（税込）');
    expect(copy).not.toContain('再発行');
  });
});
