import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { TestClient } from '../../../tests/support/client';
import { createMember, DEFAULT_PASSWORD } from '../../../tests/support/factories';
import { buyThroughConfirmation, createService, hiddenFieldsOf } from '../../../tests/support/marketplace';
import { describeOnDatabases } from '../../../tests/support/suites';
import { DAY } from '../../platform/clock';
import { grantPoints } from '../money/ledger';
import { members } from '../../accounts/schema';
import { ledgerEntries, orders, serviceOptions, services } from '../schema';

describeOnDatabases('購入確認 (purchase confirmation)', (ctx) => {
  const loggedIn = async (member: { email: string }) => {
    const client = new TestClient(ctx());
    await client.logIn(member.email, DEFAULT_PASSWORD);
    return client;
  };
  const ordersOf = (buyerId: string) => ctx().deps.db.select().from(orders).where(eq(orders.buyerId, buyerId));
  const chargesOf = (buyerId: string) =>
    ctx().deps.db.select().from(ledgerEntries).where(eq(ledgerEntries.memberId, buyerId));

  async function setUp() {
    const seller = await createMember(ctx());
    const buyer = await createMember(ctx());
    const serviceId = await createService(ctx(), seller, { priceYen: 5000, deliveryDays: 5 });
    const [option] = await ctx()
      .deps.db.insert(serviceOptions)
      .values({
        serviceId,
        position: 0,
        title: '修正3回追加',
        priceYen: 2000,
        extraDays: 3,
        createdAt: ctx().clock.now(),
      })
      .returning();
    await ctx().deps.db.transaction((tx) =>
      grantPoints(
        tx,
        { memberId: buyer.id, amount: 700, expiresAt: new Date(ctx().clock.now().getTime() + 30 * DAY), note: 'test' },
        ctx().clock.now(),
      ),
    );
    const choices = {
      idempotencyKey: randomUUID(),
      expectedPriceYen: '5000',
      pointsToUse: '700',
      [`option:${option.id}`]: '2000',
    };
    return { seller, buyer, serviceId, option, choices, buyerClient: await loggedIn(buyer) };
  }

  it('shows what will be charged, with tax, points, delivery date and terms, and charges only on 購入を確定する', async () => {
    const { buyer, serviceId, choices, buyerClient } = await setUp();
    const page = await buyerClient.get(`/services/${serviceId}`);
    expect(page.text).toContain(`action="/services/${serviceId}/confirm"`);
    expect(page.text).toContain('購入内容を確認する');

    const confirmation = await buyerClient.post(`/services/${serviceId}/confirm`, choices);
    expect(confirmation.status).toBe(200);
    for (const shown of [
      '購入内容の確認',
      '修正3回追加（+2,000円）',
      '7,000円',
      'うち消費税（10%）636円',
      '−700ポイント',
      'data-testid="confirm-total"><strong>6,300円</strong>',
      'テストモードの決済',
      // 5 days and 3 more for the option, from 1 April 09:00 Japan time.
      '購入から8日（2026年4月9日まで）',
      'キャンセルについて',
      'href="/terms"',
      'href="/legal/tokushoho"',
      '購入を確定する',
    ])
      expect(confirmation.text).toContain(shown);
    expect(await ordersOf(buyer.id)).toEqual([]);
    expect(await chargesOf(buyer.id)).toHaveLength(1); // the points grant only

    const bought = await buyerClient.post(
      `/services/${serviceId}/purchase`,
      hiddenFieldsOf(confirmation.text, `/services/${serviceId}/purchase`),
    );
    expect(bought.status).toBe(303);
    const [order] = await ordersOf(buyer.id);
    expect(order).toMatchObject({ priceYen: 7000, pointsUsed: 700, chargedYen: 6300 });
  });

  it('keeps the terms the order was placed on and shows them to both; a business buyer sees the §3 statement', async () => {
    const { seller, buyer, serviceId, choices, buyerClient } = await setUp();
    const bought = await buyThroughConfirmation(buyerClient, serviceId, choices);
    const [order] = await ordersOf(buyer.id);
    const placed = order.createdAt.getTime();
    expect(order.scopeSnapshot).toBe('名刺やWebサイトに使えるロゴを3案ご提案します。修正は2回まで無料です。');
    expect(order.dueAt!.getTime() - placed).toBe(8 * DAY);
    expect(order.inspectionDays).toBe(ctx().deps.config.marketplace.autoApproveDays);
    expect(order.paymentDueAt!.getTime() - placed).toBe((8 + order.inspectionDays!) * DAY);

    // The service changes later: the order keeps what was agreed.
    await ctx().deps.db.update(services).set({ description: '別の内容' }).where(eq(services.id, serviceId));
    const terms = [
      '取引条件',
      '2026年4月9日',
      `納品から${order.inspectionDays}日`,
      '2026年4月12日まで',
      '3案ご提案します',
    ];
    const sellerClient = await loggedIn(seller);
    for (const client of [buyerClient, sellerClient]) {
      const page = await client.get(bought.location!);
      for (const shown of terms) expect(page.text).toContain(shown);
      expect(page.text).not.toContain('フリーランス法第3条');
    }

    const refused = await buyerClient.post('/settings/business', { buyerKind: 'company' });
    expect(refused.status).toBe(422);
    expect(refused.text).toContain('「個人」か「事業者」を選んでください。');
    expect((await ctx().deps.db.select().from(members).where(eq(members.id, buyer.id)))[0].buysAsBusiness).toBe(false);
    expect((await buyerClient.post('/settings/business', { buyerKind: 'business' })).status).toBe(303);
    expect((await buyerClient.get('/settings/business')).text).toMatch(/value="business" checked/);
    for (const client of [buyerClient, sellerClient]) {
      const page = await client.get(bought.location!);
      expect(page.text).toContain('取引条件の明示（フリーランス法第3条）');
      for (const shown of terms) expect(page.text).toContain(shown);
    }
  });

  it('refuses, charging nothing, a purchase that skipped the confirmation, a tampered total or a stale confirmation', async () => {
    const { buyer, serviceId, option, choices, buyerClient } = await setUp();
    const skipped = await buyerClient.post(`/services/${serviceId}/purchase`, choices);
    expect(skipped.status).toBe(422);
    expect(skipped.text).toContain('購入内容を確認してから確定してください。お支払いはまだ発生していません。');

    const confirmation = await buyerClient.post(`/services/${serviceId}/confirm`, choices);
    const fields = hiddenFieldsOf(confirmation.text, `/services/${serviceId}/purchase`);
    const tampered = await buyerClient.post(`/services/${serviceId}/purchase`, { ...fields, expectedTotalYen: '100' });
    expect(tampered.status).toBe(422);
    expect(tampered.text).toContain('新しい価格は7,000円です');
    const cheaperOption = await buyerClient.post(`/services/${serviceId}/purchase`, {
      ...fields,
      [`option:${option.id}`]: '1',
    });
    expect(cheaperOption.text).toContain('出品者がオプションを変更しました。');
    const badPoints = await buyerClient.post(`/services/${serviceId}/purchase`, { ...fields, pointsToUse: '-5' });
    expect(badPoints.status).toBe(422);

    // The seller raises the price while the buyer reads the confirmation: the old total is not charged.
    await ctx().deps.db.update(services).set({ priceYen: 9000 }).where(eq(services.id, serviceId));
    const stale = await buyerClient.post(`/services/${serviceId}/purchase`, fields);
    expect(stale.status).toBe(422);
    expect(stale.text).toContain('新しい価格は9,000円です');
    expect(await ordersOf(buyer.id)).toEqual([]);
    expect(await chargesOf(buyer.id)).toHaveLength(1);

    const again = await buyThroughConfirmation(buyerClient, serviceId, { ...choices, expectedPriceYen: '9000' });
    expect(again.status).toBe(303);
    expect((await ordersOf(buyer.id))[0]).toMatchObject({ priceYen: 11000, chargedYen: 10300 });
  });
});
