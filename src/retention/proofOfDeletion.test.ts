import { eq, sql } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { DAY } from '../platform/clock';
import { members } from '../accounts/schema';
import { ledgerEntries, orders } from '../marketplace/schema';
import { leaveReview } from '../marketplace/reviews';
import { base32Decode, hotp, totpStep } from '../security/factors/totp';
import { smsOutbox } from '../security/schema';
import { TestClient } from '../../tests/support/client';
import { createMember, DEFAULT_PASSWORD } from '../../tests/support/factories';
import { createOrder, createService } from '../../tests/support/marketplace';
import { offers, orderTips } from '../trading/schema';
import { describeOnDatabases } from '../../tests/support/suites';
import { WITHDRAWAL_CLEANUP_JOB } from '../withdrawal/withdrawMember';
import { purgeExpired } from './purge';
import { invoiceCheckDigit } from '../platform/invoiceNumber';
import { fetchBytes } from '../../tests/support/pdf';
import { favoriteSellers } from '../favorites/schema';
import { blocks } from '../blocking/schema';
import { mailSettings, mailStopTokens, notifications } from '../platform/mail/noticeSchema';
import { termsConsents } from '../legal/termsSchema';

const PNG_1x1 = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);

/** Every text-like column of every table, and every file under the upload folder, that contains one of the needles. */
async function findNeedles(
  ctx: ReturnType<Parameters<Parameters<typeof describeOnDatabases>[1]>[0]>,
  needles: string[],
) {
  const columns: any = await ctx.deps.db.execute(sql`
    select table_name, column_name from information_schema.columns
    where table_schema = 'public' and data_type in ('text', 'character varying', 'ARRAY', 'json', 'jsonb', 'date')`);
  const found: string[] = [];
  for (const { table_name, column_name } of columns.rows) {
    for (const needle of needles) {
      const hit: any = await ctx.deps.db.execute(
        sql`select count(*)::int as n from ${sql.identifier(table_name)} where ${sql.identifier(column_name)}::text like ${'%' + needle + '%'}`,
      );
      if (Number(hit.rows[0].n) > 0) found.push(`${table_name}.${column_name}: ${needle}`);
    }
  }
  // Every file left in the store (the folder or the bucket, whichever this run uses).
  const files: string[] = [];
  for await (const key of ctx.deps.files.list('uploads/')) files.push(key);
  return { found, files };
}

describeOnDatabases('proof of deletion', (ctx) => {
  it('keeps the records the law requires until their time, then leaves no trace of a withdrawn member anywhere', async () => {
    const tag = Math.random().toString(36).slice(2, 8);
    const twelve = String(Math.floor(Math.random() * 1e12)).padStart(12, '0');
    const invoiceNumber = `T${invoiceCheckDigit(twelve)}${twelve}`;
    const needles = [
      `zou${tag}@example.test`,
      `ゾウ${tag}検証`,
      `9077${tag.length}78${tag.length}88`,
      `ゾウ町${tag}`,
      `ゾウの秘密${tag}`,
      `ゾウの評価${tag}`,
      `ゾウの見積り${tag}`,
      `ゾウ宛名${tag}`,
      invoiceNumber,
    ];
    const [email, name, phoneDigits, address, secretMessage, reviewText, offerScope, addressee] = needles;
    const phone = `+81${phoneDigits}`;
    // A member with a full history: profile details, picture, two-step verification, phone, an order,
    // order and direct messages, a review.
    const leaver = await createMember(ctx(), { displayName: name });
    await ctx().deps.db.update(members).set({ email }).where(eq(members.id, leaver.id));
    const client = new TestClient(ctx());
    await client.logIn(email, DEFAULT_PASSWORD);
    const profile = new FormData();
    for (const [k, v] of Object.entries({
      displayName: name,
      bio: `${name}の自己紹介`,
      skills: '',
      realName: name,
      location: address,
      birthday: '1988-08-08',
      website: '',
    }))
      profile.set(k, v);
    profile.set('avatar', new File([PNG_1x1], 'me.png'));
    expect((await client.postMultipart('/settings/profile', profile)).status).toBe(303);
    const setup = await client.get('/settings/security/totp');
    const secret = setup.text.match(/data-testid="totp-secret"[^>]*>([A-Z2-7 ]+)</)![1].replace(/ /g, '');
    await client.post('/settings/security/totp', { code: hotp(base32Decode(secret), totpStep(ctx().clock.now())) });
    await client.post('/settings/security/phone', { phone });
    const [text] = await ctx().deps.db.select().from(smsOutbox).where(eq(smsOutbox.toNumber, phone));
    await client.post('/settings/security/phone/confirm', { code: text.body.match(/(\d{6})/)![1] });
    const counterpart = await createMember(ctx());
    const order = await createOrder(ctx(), { buyer: { ...leaver, email }, seller: counterpart, status: 'completed' });
    // Two members who stay: their history is theirs and is never purged.
    const stayingOrder = await createOrder(ctx(), { status: 'completed' });
    await client.post(`/orders/${order.orderId}/messages`, { body: secretMessage });
    const direct = await client.post('/messages/start', { to: counterpart.username });
    await client.post(`${direct.location}/messages`, { body: secretMessage });
    // A custom offer the leaver sent in the direct room, and a tip on the order.
    const offeredService = await createService(ctx(), leaver);
    const offered = await client.post(`${direct.location}/offers`, {
      serviceId: offeredService,
      scope: offerScope,
      priceYen: '8000',
      deliveryDays: '5',
      validDays: '7',
      idempotencyKey: crypto.randomUUID(),
    });
    expect(offered.status).toBe(303);
    expect(
      (await client.post(`/orders/${order.orderId}/tips`, { amountYen: '500', idempotencyKey: crypto.randomUUID() }))
        .status,
    ).toBe(303);
    await leaveReview(ctx().deps, leaver.id, order.orderId, { rating: 5, comment: reviewText });
    // 書類: a receipt issued to a 宛名, and a registration number for invoices.
    const receipt = await fetchBytes(ctx(), client, `/mypage/documents/receipt/${order.orderId}/addressee`, {
      addressee,
    });
    expect(receipt.type).toBe('application/pdf');
    expect((await client.post('/settings/invoice-number', { number: invoiceNumber })).status).toBe(303);
    // お気に入り, 通報 (with the secret in it), メール設定 and ブロック.
    expect((await client.post(`/favorites/sellers/${counterpart.username}`, { back: '/' })).status).toBe(303);
    expect(
      (await client.post('/report', { kind: 'profile', id: counterpart.id, reason: 'other', detail: secretMessage }))
        .status,
    ).toBe(200);
    await client.post('/settings/notifications', {
      messages: 'off',
      orders: 'on',
      offers: 'on',
      follows: 'on',
      news: 'on',
    });
    expect((await client.post(`/users/${counterpart.username}/block`)).status).toBe(303);
    // An inquiry to support, with the same details in it.
    await client.post('/support', { category: 'account', name, email, body: secretMessage });
    await client.post('/settings/reauth', { next: '/', password: DEFAULT_PASSWORD });
    expect(
      (
        await client.post('/settings/withdrawal', {
          reason: 'other',
          freeText: '',
          understood: 'on',
          password: DEFAULT_PASSWORD,
        })
      ).status,
    ).toBe(200);
    await ctx().deps.jobs.drain(WITHDRAWAL_CLEANUP_JOB);

    // A month later: the account details are gone, the transaction records and the messages the
    // counterpart may still read are not.
    ctx().clock.advance(31 * DAY);
    await purgeExpired(ctx().deps);
    const month = await findNeedles(ctx(), needles);
    // What may remain at this point is named by category: messages and reviews (kept for the counterpart
    // with the transaction records), copies of sent mail (90 days) and inquiries (3 years). Nothing else.
    // The counterpart's お知らせ name the leaver like the mail copies do (180 days); reports stay 3 years.
    const keptByRule = [
      'messages.body',
      'reviews.comment',
      'mail_outbox.',
      'notifications.title',
      'reports.detail',
      'inquiries.',
      'inquiry_messages.body',
      'offers.scope',
      // The receipt's number and 宛名, to reissue it while the records it is drawn from are kept.
      'issued_documents.addressee',
    ];
    expect(month.found.filter((f) => !keptByRule.some((k) => f.startsWith(k)))).toEqual([]);
    expect(month.found).toEqual(
      expect.arrayContaining([
        `messages.body: ${secretMessage}`,
        `reviews.comment: ${reviewText}`,
        `inquiry_messages.body: ${secretMessage}`,
        `issued_documents.addressee: ${addressee}`,
      ]),
    );
    expect(await ctx().deps.db.select().from(orders).where(eq(orders.id, order.orderId))).toHaveLength(1);
    expect(
      (await ctx().deps.db.select().from(ledgerEntries).where(eq(ledgerEntries.orderId, order.orderId))).length,
    ).toBeGreaterThan(0);
    expect(month.files).toHaveLength(0);
    const db = ctx().deps.db;
    expect(await db.select().from(favoriteSellers).where(eq(favoriteSellers.memberId, leaver.id))).toEqual([]);
    expect(await db.select().from(blocks).where(eq(blocks.blockerId, leaver.id))).toEqual([]);
    expect(await db.select().from(mailSettings).where(eq(mailSettings.memberId, leaver.id))).toEqual([]);
    expect(await db.select().from(mailStopTokens).where(eq(mailStopTokens.memberId, leaver.id))).toEqual([]);
    expect(await ctx().deps.db.select().from(notifications).where(eq(notifications.memberId, leaver.id))).toEqual([]);
    expect(month.found).toContain(`offers.scope: ${offerScope}`);
    expect(await ctx().deps.db.select().from(orderTips).where(eq(orderTips.orderId, order.orderId))).toHaveLength(1);
    // The sign-up consent stays as proof of what was agreed (a claim can come for years after leaving).
    expect(await db.select().from(termsConsents).where(eq(termsConsents.memberId, leaver.id))).toHaveLength(1);

    // Past every period (7 years from two months after the fiscal year's end, and more): nothing is left.
    ctx().clock.advance(9 * 366 * DAY);
    await purgeExpired(ctx().deps);
    const after = await findNeedles(ctx(), needles);
    expect(after.found).toEqual([]);
    // The tip record and the offer go after their periods; the tip's money stays in the ledger of the member who stays.
    expect(await ctx().deps.db.select().from(orderTips).where(eq(orderTips.orderId, order.orderId))).toHaveLength(0);
    expect(await ctx().deps.db.select().from(offers).where(eq(offers.sellerId, leaver.id))).toHaveLength(0);
    expect(await ctx().deps.db.select().from(termsConsents).where(eq(termsConsents.memberId, leaver.id))).toEqual([]);
    // The order stays while the seller who stays has their sale line on it; the leaver's own lines are gone.
    expect(await ctx().deps.db.select().from(orders).where(eq(orders.id, order.orderId))).toHaveLength(1);
    expect(await ctx().deps.db.select().from(ledgerEntries).where(eq(ledgerEntries.memberId, leaver.id))).toHaveLength(
      0,
    );
    const [row] = await ctx().deps.db.select().from(members).where(eq(members.id, leaver.id));
    expect(row.passwordHash).toBeNull();
    expect(await ctx().deps.db.select().from(orders).where(eq(orders.id, stayingOrder.orderId))).toHaveLength(1);
    const [stayer] = await ctx().deps.db.select().from(members).where(eq(members.id, counterpart.id));
    expect(stayer.email).toBe(counterpart.email);
  });

  it('skips members under legal hold (and says how many), shows a dry run without deleting, and purges once the hold is released', async () => {
    const { legalHolds, purgeLog } = await import('./schema');
    const operator = await createMember(ctx(), { role: 'operator' });
    const order = await createOrder(ctx(), { status: 'completed' });
    const client = new TestClient(ctx());
    await client.logIn(order.buyer.email, DEFAULT_PASSWORD);
    await client.post('/settings/withdrawal', {
      reason: 'other',
      freeText: '',
      understood: 'on',
      password: DEFAULT_PASSWORD,
    });
    const [hold] = await ctx()
      .deps.db.insert(legalHolds)
      .values({
        memberId: order.buyer.id,
        reason: '警察からの照会への対応',
        operatorId: operator.id,
        createdAt: ctx().clock.now(),
      })
      .returning();
    ctx().clock.advance(9 * 366 * DAY);
    // The seller stays, so the order and the seller's lines stay; the buyer's own ledger lines are what is held.
    const buyerLines = () =>
      ctx().deps.db.select().from(ledgerEntries).where(eq(ledgerEntries.memberId, order.buyer.id));
    const dry = await purgeExpired(ctx().deps, { dryRun: true });
    expect(dry.find((l) => l.table === 'ledger_entries')?.heldBack).toBeGreaterThanOrEqual(1);
    const held = await purgeExpired(ctx().deps);
    expect(held.find((l) => l.table === 'ledger_entries')?.heldBack).toBeGreaterThanOrEqual(1);
    expect((await buyerLines()).length).toBeGreaterThan(0);
    await ctx().deps.db.update(legalHolds).set({ releasedAt: ctx().clock.now() }).where(eq(legalHolds.id, hold.id));
    const released = await purgeExpired(ctx().deps);
    expect(released.find((l) => l.table === 'ledger_entries')?.rows).toBeGreaterThanOrEqual(1);
    expect(await buyerLines()).toHaveLength(0);
    const log = await ctx().deps.db.select().from(purgeLog);
    expect(log.some((l) => l.dryRun && l.category === 'money:ledger_entries')).toBe(true);
    expect(JSON.stringify(log)).not.toContain(order.buyer.email);
  });
});
