import { execFileSync } from 'node:child_process';
import { createWriteStream, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { eq } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { DAY } from '../platform/clock';
import { fileSize } from '../platform/web/fileSize';
import { mailOutbox } from '../platform/mail/schema';
import { leaveReview } from '../marketplace/reviews';
import { followRequests } from '../privacy/schema';
import { purgeExpired } from '../retention/purge';
import { TestClient } from '../../tests/support/client';
import { createMember, DEFAULT_PASSWORD } from '../../tests/support/factories';
import { asCurrent, categoryId, createOrder, createService } from '../../tests/support/marketplace';
import { saveService } from '../marketplace/services/commands';
import { describeOnDatabases } from '../../tests/support/suites';
import { BUILD_EXPORT_JOB } from './requestExport';
import { dataExports } from './schema';

const PNG_1x1 = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);

describeOnDatabases('data export', (ctx) => {
  it('builds a ZIP that unzip accepts, with parseable JSON, readable HTML messages, a BOM CSV and a README; only its member can download it', async () => {
    const order = await createOrder(ctx(), { status: 'completed' });
    await leaveReview(ctx().deps, order.buyer.id, order.orderId, { rating: 5, comment: '書いた評価' });
    await ctx()
      .deps.db.insert(followRequests)
      .values([
        { requesterId: order.buyer.id, followeeId: order.seller.id, createdAt: ctx().clock.now() },
        { requesterId: order.seller.id, followeeId: order.buyer.id, createdAt: ctx().clock.now() },
      ]);
    const client = new TestClient(ctx());
    await client.logIn(order.buyer.email, DEFAULT_PASSWORD);
    const form = new FormData();
    form.set('body', '<b>タグ</b>も安全に表示されるメッセージ');
    form.set('attachment', new File([PNG_1x1], '写真.png'));
    await client.postMultipart(`/orders/${order.orderId}/messages`, form);
    await client.post('/support', {
      category: 'privacy',
      name: '買い手',
      email: order.buyer.email,
      body: '開示をお願いします',
    });
    // お気に入り, ブロック, 通報 and メール設定 go in social.json.
    await client.post(`/favorites/sellers/${order.seller.username}`, { back: '/' });
    const other = await createMember(ctx());
    await client.post(`/users/${other.username}/block`);
    await client.post('/report', { kind: 'profile', id: other.id, reason: 'spam', detail: '宣伝ばかり' });
    await client.post('/settings/notifications', {
      messages: 'off',
      orders: 'on',
      offers: 'on',
      follows: 'on',
      news: 'on',
    });
    expect((await client.post('/settings/export')).location).toBe('/settings/export');
    expect((await client.get('/settings/export')).text).toContain('<progress');
    expect(await ctx().deps.jobs.drain(BUILD_EXPORT_JOB)).toBe(1);
    const [row] = await ctx().deps.db.select().from(dataExports).where(eq(dataExports.memberId, order.buyer.id));
    expect(row.status).toBe('ready');
    const mails = await ctx().deps.db.select().from(mailOutbox).where(eq(mailOutbox.template, 'export_ready'));
    expect(mails.some((m) => m.memberId === order.buyer.id)).toBe(true);

    const stranger = new TestClient(ctx());
    await stranger.logIn(order.seller.email, DEFAULT_PASSWORD);
    expect((await stranger.get(`/settings/export/${row.id}/download`)).status).toBe(404);
    const download = await ctx().app.request(`/settings/export/${row.id}/download`, {
      headers: { cookie: [...client.cookies].map(([k, v]) => `${k}=${v}`).join('; ') },
    });
    expect(download.status).toBe(200);
    const dir = mkdtempSync(join(tmpdir(), 'wz-export-'));
    const zipPath = join(dir, 'export.zip');
    writeFileSync(zipPath, Buffer.from(await download.arrayBuffer()));
    expect(execFileSync('unzip', ['-t', zipPath]).toString()).toContain('No errors detected');
    // The size recorded as the ZIP streamed out is the file's, and the link says it.
    expect(row.sizeBytes).toBe(statSync(zipPath).size);
    expect((await client.get('/settings/export')).text).toContain(`ZIP・${fileSize(row.sizeBytes!)}、`);
    execFileSync('unzip', ['-q', zipPath, '-d', join(dir, 'x')]);
    const files: string[] = [];
    const walk = (d: string) =>
      readdirSync(d).forEach((f) => (statSync(join(d, f)).isDirectory() ? walk(join(d, f)) : files.push(join(d, f))));
    walk(join(dir, 'x'));
    for (const f of files.filter((f) => f.endsWith('.json')))
      expect(() => JSON.parse(readFileSync(f, 'utf8'))).not.toThrow();
    const profile = JSON.parse(readFileSync(join(dir, 'x', 'profile.json'), 'utf8'));
    expect(profile.email).toBe(order.buyer.email);
    expect(profile.buysAsBusiness).toBe(false);
    // The terms the order was placed on (フリーランス法 §3) are the member's to keep too.
    const [bought] = JSON.parse(readFileSync(join(dir, 'x', 'orders.json'), 'utf8'));
    expect(bought).toMatchObject({ role: 'buyer', inspectionDays: ctx().deps.config.marketplace.autoApproveDays });
    expect(bought.scopeSnapshot).toContain('ロゴを3案ご提案します');
    expect(typeof bought.dueAt).toBe('string');
    expect(typeof bought.paymentDueAt).toBe('string');
    const standing = JSON.parse(readFileSync(join(dir, 'x', 'account-standing.json'), 'utf8'));
    expect(standing.inquiries[0]).toMatchObject({
      category: 'privacy',
      messages: [{ from: 'sender', body: '開示をお願いします' }],
    });
    const social = JSON.parse(readFileSync(join(dir, 'x', 'social.json'), 'utf8'));
    expect(social).toMatchObject({
      favorites: { sellers: [{ username: order.seller.username }] },
      blocks: [{ username: other.username }],
      mailSettings: { messages: false, orders: true },
    });
    expect(social.reportsMade).toMatchObject([{ kind: 'profile', reason: 'spam', detail: '宣伝ばかり' }]);
    expect(social.notifications.length).toBeGreaterThan(0);
    // The sign-up consent: the terms version, the privacy revision, the age, when (Japan time) and from where.
    const consents = JSON.parse(readFileSync(join(dir, 'x', 'consents.json'), 'utf8'));
    expect(consents).toMatchObject([
      { termsVersion: '2026-01-01', privacyRevision: '2026-01-01', kind: 'signup', age: 'adult', userAgent: 'factory' },
    ]);
    expect(consents[0].agreedAt).toMatch(/\+09:00$/);
    const reviews = JSON.parse(readFileSync(join(dir, 'x', 'reviews.json'), 'utf8'));
    expect(reviews.given[0].comment).toBe('書いた評価');
    const followsFile = JSON.parse(readFileSync(join(dir, 'x', 'follows.json'), 'utf8'));
    expect(followsFile).toMatchObject({
      requestsSent: [{ username: order.seller.username }],
      requestsReceived: [{ username: order.seller.username }],
    });
    const csv = readFileSync(join(dir, 'x', 'orders.csv'));
    expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(csv.toString('utf8')).toContain('シンプルで覚えやすいロゴを作成します');
    const html = readFileSync(
      files.find((f) => f.endsWith('.html'))!,
      'utf8',
    );
    expect(html).toContain('&lt;b&gt;タグ&lt;/b&gt;も安全に表示されるメッセージ');
    expect(files.some((f) => f.endsWith('写真.png'))).toBe(true);
    expect(readFileSync(join(dir, 'x', 'README.txt'), 'utf8')).toContain('orders.csv');
    // Every moment in the files is Japan time (ISO 8601 with +09:00), never UTC's Z.
    for (const f of files.filter((f) => /\.(json|csv|html)$/.test(f))) {
      const text = readFileSync(f, 'utf8');
      expect(text, f).not.toMatch(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z/);
    }
    expect(csv.toString('utf8')).toMatch(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+09:00/);
    expect(social.notifications[0].createdAt).toMatch(/\+09:00$/);

    // After 7 days the link is dead and the purge deletes the file.
    ctx().clock.advance(7 * DAY + 1000);
    const later = new TestClient(ctx());
    await later.logIn(order.buyer.email, DEFAULT_PASSWORD);
    expect((await later.get(`/settings/export/${row.id}/download`)).status).toBe(404);
    await purgeExpired(ctx().deps);
    expect(await ctx().deps.files.exists(row.filePath!)).toBe(false);
  });

  it('lists the images of the services the member listed', async () => {
    const seller = await createMember(ctx());
    const serviceId = await createService(ctx(), seller);
    await saveService(
      ctx().deps,
      asCurrent(seller),
      serviceId,
      { title: '画像つき', categoryId: await categoryId(ctx()), description: '説明', priceYen: 5000, deliveryDays: 5 },
      true,
      [PNG_1x1],
    );
    const client = new TestClient(ctx());
    await client.logIn(seller.email, DEFAULT_PASSWORD);
    await client.post('/settings/export');
    await ctx().deps.jobs.drain(BUILD_EXPORT_JOB);
    const [row] = await ctx().deps.db.select().from(dataExports).where(eq(dataExports.memberId, seller.id));
    const zipPath = join(mkdtempSync(join(tmpdir(), 'wz-export-')), 'export.zip');
    await pipeline((await ctx().deps.files.get(row.filePath!))!, createWriteStream(zipPath));
    const listed = JSON.parse(execFileSync('unzip', ['-p', zipPath, 'services.json']).toString());
    expect(listed).toMatchObject([
      { id: serviceId, title: '画像つき', images: [{ position: 0, width: 1, height: 1 }] },
    ]);
  });
});

describeOnDatabases('privacy requests received by other means', (ctx) => {
  it('records a disclosure request, builds the same export for the operator, and records its completion', async () => {
    const { privacyRequests } = await import('./schema');
    const member = (await createOrder(ctx(), { status: 'completed' })).buyer;
    const { operatorClient } = await import('../../tests/support/trust');
    const operator = await operatorClient(ctx());
    expect(
      (await operator.post('/admin/requests', { username: 'no_such_member', kind: 'disclosure', notes: '' })).location,
    ).toBe('/admin/requests?notice=invalid');
    await operator.post('/admin/requests', {
      username: member.username,
      kind: 'disclosure',
      notes: '書面で受付、本人確認済み',
    });
    await ctx().deps.jobs.drain(BUILD_EXPORT_JOB);
    const [request] = await ctx().deps.db.select().from(privacyRequests).where(eq(privacyRequests.memberId, member.id));
    const download = await ctx().app.request(`/admin/requests/${request.id}/export`, {
      headers: { cookie: [...operator.cookies].map(([k, v]) => `${k}=${v}`).join('; ') },
    });
    expect(download.status).toBe(200);
    const dir = mkdtempSync(join(tmpdir(), 'wz-disclosure-'));
    writeFileSync(join(dir, 'd.zip'), Buffer.from(await download.arrayBuffer()));
    expect(execFileSync('unzip', ['-t', join(dir, 'd.zip')]).toString()).toContain('No errors detected');
    await operator.post(`/admin/requests/${request.id}/complete`);
    const [done] = await ctx().deps.db.select().from(privacyRequests).where(eq(privacyRequests.id, request.id));
    expect(done.completedAt).not.toBeNull();
    const someone = new TestClient(ctx());
    await someone.logIn(member.email, DEFAULT_PASSWORD);
    expect((await someone.get('/admin/requests')).status).toBe(404);
    expect((await someone.get(`/admin/requests/${request.id}/export`)).status).toBe(404);
  });
});

it('writes file sizes as people read them', () => {
  expect([
    fileSize(300),
    fileSize(850 * 1024),
    fileSize(12.34 * 1024 * 1024),
    fileSize(150 * 1024 ** 2),
    fileSize(1.2 * 1024 ** 3),
  ]).toEqual(['1 KB', '850 KB', '12.3 MB', '150 MB', '1.2 GB']);
});
