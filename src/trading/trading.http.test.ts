import { randomUUID } from 'node:crypto';
import { and, count, eq } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { DAY } from '../platform/clock';
import { mailOutbox } from '../platform/mail/schema';
import { TestClient } from '../../tests/support/client';
import { createMember, DEFAULT_PASSWORD } from '../../tests/support/factories';
import { acceptThroughConfirmation, createOrder, createService } from '../../tests/support/marketplace';
import { describeOnDatabases } from '../../tests/support/suites';
import { salesBalance } from '../marketplace/money/ledger';
import { transitionOrder } from '../marketplace/orders/transitions';
import { ledgerEntries, messages, orders, rooms } from '../marketplace/schema';
import { offers, orderTips, serviceViews } from './schema';

describeOnDatabases('trading: offers, sending back, tips', (ctx) => {
  const loggedIn = async (member: { email: string }) => {
    const client = new TestClient(ctx());
    await client.logIn(member.email, DEFAULT_PASSWORD);
    return client;
  };
  /** A buyer asks a seller in a direct room; returns both clients, the room and a service of the seller. */
  const consultation = async () => {
    const seller = await createMember(ctx());
    const buyer = await createMember(ctx());
    const serviceId = await createService(ctx(), seller, { priceYen: 5000 });
    const buyerClient = await loggedIn(buyer);
    const started = await buyerClient.post('/messages/start', { to: seller.username });
    const roomId = started.location!.split('/').pop()!;
    await buyerClient.post(`/messages/${roomId}/messages`, { body: 'ロゴを2案でお願いできますか？' });
    return { seller, buyer, serviceId, roomId, buyerClient, sellerClient: await loggedIn(seller) };
  };
  const offerFields = (serviceId: string, over: Record<string, string> = {}) => ({
    serviceId,
    scope: 'ロゴ2案、修正3回まで',
    priceYen: '12000',
    deliveryDays: '10',
    validDays: '7',
    idempotencyKey: randomUUID(),
    ...over,
  });

  it('refuses a bad offer next to each field and writes nothing; a good one is one card however often it is sent', async () => {
    const { seller, serviceId, roomId, sellerClient, buyerClient, buyer } = await consultation();
    const bad = await sellerClient.post(`/messages/${roomId}/offers`, {
      serviceId: 'x',
      scope: '',
      priceYen: '十円',
      deliveryDays: '0',
      validDays: '99',
      idempotencyKey: randomUUID(),
    });
    expect(bad.status).toBe(422);
    expect(bad.text).toContain('id="f-serviceId-error"');
    expect(bad.text).toContain('id="f-scope-error"');
    expect(bad.text).toContain('金額は半角数字の整数（円）で入力してください。');
    expect(bad.text).toContain('納期は1〜90日の整数で入力してください。');
    expect(bad.text).toContain('有効期限は1〜30日の整数で入力してください。');
    expect(bad.text).toContain('value="十円"');
    const cheap = await sellerClient.post(`/messages/${roomId}/offers`, offerFields(serviceId, { priceYen: '100' }));
    expect(cheap.status).toBe(422);
    expect(cheap.text).toContain('500円から1,000,000円');
    const othersService = await createService(ctx(), buyer);
    const notMine = await sellerClient.post(`/messages/${roomId}/offers`, offerFields(othersService));
    expect(notMine.text).toContain('公開中のご自身のサービスを選んでください。');
    const [{ n: none }] = await ctx().deps.db.select({ n: count() }).from(offers).where(eq(offers.roomId, roomId));
    expect(none).toBe(0);
    // An outsider cannot offer in the pair's room.
    const outsider = await loggedIn(await createMember(ctx()));
    expect((await outsider.post(`/messages/${roomId}/offers`, offerFields(serviceId))).status).not.toBe(303);

    const fields = offerFields(serviceId);
    expect((await sellerClient.post(`/messages/${roomId}/offers`, fields)).status).toBe(303);
    expect((await sellerClient.post(`/messages/${roomId}/offers`, fields)).status).toBe(303);
    const sent = await ctx().deps.db.select().from(offers).where(eq(offers.roomId, roomId));
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({
      sellerId: seller.id,
      buyerId: buyer.id,
      priceYen: 12000,
      deliveryDays: 10,
      status: 'open',
    });
    const page = await buyerClient.get(`/messages/${roomId}`);
    expect(page.text).toContain('ロゴ2案、修正3回まで');
    expect(page.text).toContain('内容を確認して承諾する');
    expect(page.text).toContain('見積り提案が届きました。');
    const mails = await ctx()
      .deps.db.select()
      .from(mailOutbox)
      .where(and(eq(mailOutbox.memberId, buyer.id), eq(mailOutbox.template, 'trading_offerSent')));
    expect(mails).toHaveLength(1);
  });

  it('makes one order at the offered price with its scope, even when accepted twice at once', async () => {
    const { buyer, seller, serviceId, roomId, sellerClient, buyerClient } = await consultation();
    await sellerClient.post(`/messages/${roomId}/offers`, offerFields(serviceId));
    const [offer] = await ctx().deps.db.select().from(offers).where(eq(offers.roomId, roomId));
    // The seller cannot accept their own offer; a stale price is refused and charges nothing.
    const confirmed = { expectedPriceYen: '12000', expectedTotalYen: '12000' };
    expect((await sellerClient.post(`/offers/${offer.id}/confirm`, { expectedPriceYen: '12000' })).status).toBe(404);
    expect((await sellerClient.post(`/offers/${offer.id}/accept`, confirmed)).status).toBe(422);
    const stale = await acceptThroughConfirmation(buyerClient, offer.id, '9000');
    expect(stale.status).toBe(422);
    // The card's button alone charges nothing: 購入確認 shows the price 税込 and its tax, the scope and the due date.
    const skipped = await buyerClient.post(`/offers/${offer.id}/accept`, { expectedPriceYen: '12000' });
    expect(skipped.text).toContain('購入内容を確認してから確定してください。');
    const confirmation = await buyerClient.post(`/offers/${offer.id}/confirm`, { expectedPriceYen: '12000' });
    expect(confirmation.status).toBe(200);
    expect(confirmation.text).toContain('うち消費税（10%）1,090円');
    expect(confirmation.text).toContain('ロゴ2案、修正3回まで');
    expect(confirmation.text).toContain('購入から10日');
    expect(await ctx().deps.db.select().from(orders).where(eq(orders.buyerId, buyer.id))).toEqual([]);
    const [a, b] = await Promise.all([
      buyerClient.post(`/offers/${offer.id}/accept`, confirmed),
      buyerClient.post(`/offers/${offer.id}/accept`, confirmed),
    ]);
    expect(a.status).toBe(303);
    expect(b.location).toBe(a.location);
    const made = await ctx().deps.db.select().from(orders).where(eq(orders.buyerId, buyer.id));
    expect(made).toHaveLength(1);
    expect(made[0]).toMatchObject({
      sellerId: seller.id,
      serviceId,
      priceYen: 12000,
      chargedYen: 12000,
      scopeSnapshot: 'ロゴ2案、修正3回まで',
      status: 'in_progress',
    });
    const charges = await ctx()
      .deps.db.select()
      .from(ledgerEntries)
      .where(and(eq(ledgerEntries.memberId, buyer.id), eq(ledgerEntries.account, 'payments')));
    expect(charges.map((c) => c.amountYen)).toEqual([12000]);
    const orderPage = await buyerClient.get(`/orders/${made[0].id}`);
    expect(orderPage.text).toContain('ロゴ2案、修正3回まで');
    expect((await buyerClient.get(`/messages/${roomId}`)).text).toContain('承諾済み');
    // Accepted, it can no longer be withdrawn or declined.
    expect((await sellerClient.post(`/offers/${offer.id}/withdraw`)).text).toContain('すでに「承諾済み」');
  });

  it('shows an old offer as 期限切れ and refuses it; a withdrawn or declined one cannot be accepted; 休止 lapses open offers', async () => {
    const { seller, serviceId, roomId, sellerClient, buyerClient } = await consultation();
    await sellerClient.post(`/messages/${roomId}/offers`, offerFields(serviceId, { validDays: '1' }));
    ctx().clock.advance(DAY + 1000);
    const expiredPage = await buyerClient.get(`/messages/${roomId}`);
    expect(expiredPage.text).toContain('期限切れ');
    expect(expiredPage.text).not.toContain('内容を確認して承諾する');
    const [expired] = await ctx().deps.db.select().from(offers).where(eq(offers.roomId, roomId));
    expect((await acceptThroughConfirmation(buyerClient, expired.id, '12000')).text).toContain('すでに「期限切れ」');

    await sellerClient.post(`/messages/${roomId}/offers`, offerFields(serviceId, { scope: '取り下げる提案' }));
    await sellerClient.post(`/messages/${roomId}/offers`, offerFields(serviceId, { scope: '辞退される提案' }));
    await sellerClient.post(`/messages/${roomId}/offers`, offerFields(serviceId, { scope: '休止で終わる提案' }));
    const byScope = async (scope: string) =>
      (await ctx().deps.db.select().from(offers).where(eq(offers.scope, scope)))[0];
    expect((await buyerClient.post(`/offers/${(await byScope('取り下げる提案')).id}/withdraw`)).status).toBe(422);
    expect((await byScope('取り下げる提案')).status).toBe('open');
    expect((await sellerClient.post(`/offers/${(await byScope('取り下げる提案')).id}/withdraw`)).status).toBe(303);
    expect((await buyerClient.post(`/offers/${(await byScope('辞退される提案')).id}/decline`)).status).toBe(303);
    expect(
      (await acceptThroughConfirmation(buyerClient, (await byScope('取り下げる提案')).id, '12000')).text,
    ).toContain('取り下げ済み');
    expect((await byScope('辞退される提案')).status).toBe('declined');
    await sellerClient.post('/settings/reauth', { next: '/', password: DEFAULT_PASSWORD });
    await sellerClient.post('/settings/pause', {});
    expect((await byScope('休止で終わる提案')).status).toBe('lapsed');
    const [{ n }] = await ctx().deps.db.select({ n: count() }).from(orders).where(eq(orders.sellerId, seller.id));
    expect(n).toBe(0);
  });

  it('sends a delivery back once with a reason; the order is in progress again and the approval window restarts', async () => {
    const order = await createOrder(ctx(), { status: 'delivered' });
    const buyerClient = await loggedIn(order.buyer);
    const sellerClient = await loggedIn(order.seller);
    expect((await sellerClient.post(`/orders/${order.orderId}/actions/sendBack`, { message: '理由' })).status).toBe(
      422,
    );
    const noReason = await buyerClient.post(`/orders/${order.orderId}/actions/sendBack`, { message: '  ' });
    expect(noReason.status).toBe(422);
    expect(noReason.text).toContain('差し戻す理由を入力してください。');
    expect((await ctx().deps.db.select().from(orders).where(eq(orders.id, order.orderId)))[0].status).toBe('delivered');
    expect(
      (await buyerClient.post(`/orders/${order.orderId}/actions/sendBack`, { message: '色を青にしてください' })).status,
    ).toBe(303);
    // Once per delivery: a second send-back before the next delivery is refused.
    expect((await buyerClient.post(`/orders/${order.orderId}/actions/sendBack`, { message: 'もう一度' })).status).toBe(
      422,
    );
    const [back] = await ctx().deps.db.select().from(orders).where(eq(orders.id, order.orderId));
    expect(back.status).toBe('in_progress');
    const page = await sellerClient.get(`/orders/${order.orderId}`);
    expect(page.text).toContain('色を青にしてください');
    expect(page.text).toContain('購入者が納品を差し戻しました。');
    const [room] = await ctx().deps.db.select().from(rooms).where(eq(rooms.orderId, order.orderId));
    const [{ n }] = await ctx()
      .deps.db.select({ n: count() })
      .from(messages)
      .where(and(eq(messages.roomId, room.id), eq(messages.body, 'order.sentBack')));
    expect(n).toBe(1);
    // The approval window is counted from the second delivery, not the first.
    ctx().clock.advance(2 * DAY);
    await transitionOrder(
      ctx().deps,
      order.orderId,
      'deliver',
      { kind: 'member', id: order.seller.id },
      { message: '直しました' },
    );
    ctx().clock.advance(2 * DAY);
    const { autoApproveDeliveredOrders } = await import('../marketplace/orders/transitions');
    await autoApproveDeliveredOrders(ctx().deps);
    expect((await ctx().deps.db.select().from(orders).where(eq(orders.id, order.orderId)))[0].status).toBe('delivered');
  });

  it('adds a tip once per submit, credits it to the seller at completion after the fee, and refunds it on cancellation', async () => {
    const order = await createOrder(ctx(), { status: 'in_progress' });
    const buyerClient = await loggedIn(order.buyer);
    for (const amount of ['50', '100000', 'abc', '']) {
      const res = await buyerClient.post(`/orders/${order.orderId}/tips`, {
        amountYen: amount,
        idempotencyKey: randomUUID(),
      });
      expect(res.status).toBe(422);
      expect(res.text).toContain('id="f-amountYen-error"');
    }
    expect(
      (
        await (
          await loggedIn(order.seller)
        ).post(`/orders/${order.orderId}/tips`, { amountYen: '1000', idempotencyKey: randomUUID() })
      ).status,
    ).toBe(422);
    const key = randomUUID();
    await Promise.all([
      buyerClient.post(`/orders/${order.orderId}/tips`, { amountYen: '1000', idempotencyKey: key }),
      buyerClient.post(`/orders/${order.orderId}/tips`, { amountYen: '1000', idempotencyKey: key }),
    ]);
    expect(await ctx().deps.db.select().from(orderTips).where(eq(orderTips.orderId, order.orderId))).toHaveLength(1);
    expect((await buyerClient.get(`/orders/${order.orderId}`)).text).toContain('贈ったおひねり：1,000円');
    const before = await salesBalance(ctx().deps.db, order.seller.id);
    await transitionOrder(
      ctx().deps,
      order.orderId,
      'deliver',
      { kind: 'member', id: order.seller.id },
      { message: '納品' },
    );
    await transitionOrder(ctx().deps, order.orderId, 'approve', { kind: 'member', id: order.buyer.id });
    // 5,000 price + 1,000 tip, each less the 10% fee.
    expect((await salesBalance(ctx().deps.db, order.seller.id)) - before).toBe(4500 + 900);
    // On a completed order a tip reaches the sales at once.
    expect(
      (await buyerClient.post(`/orders/${order.orderId}/tips`, { amountYen: '200', idempotencyKey: randomUUID() }))
        .status,
    ).toBe(303);
    expect((await salesBalance(ctx().deps.db, order.seller.id)) - before).toBe(4500 + 900 + 180);

    const cancelled = await createOrder(ctx(), { status: 'in_progress' });
    const other = await loggedIn(cancelled.buyer);
    await other.post(`/orders/${cancelled.orderId}/tips`, { amountYen: '3000', idempotencyKey: randomUUID() });
    await transitionOrder(ctx().deps, cancelled.orderId, 'requestCancel', { kind: 'member', id: cancelled.buyer.id });
    await transitionOrder(ctx().deps, cancelled.orderId, 'agreeCancel', { kind: 'member', id: cancelled.seller.id });
    const payments = await ctx()
      .deps.db.select()
      .from(ledgerEntries)
      .where(and(eq(ledgerEntries.orderId, cancelled.orderId), eq(ledgerEntries.account, 'payments')));
    expect(payments.reduce((s, e) => s + e.amountYen, 0)).toBe(0);
    expect(payments.map((p) => p.kind).sort()).toEqual(['charge', 'refund', 'tip_charge', 'tip_refund']);
    expect(await salesBalance(ctx().deps.db, cancelled.seller.id)).toBe(0);
  });

  it('counts views per day without the viewer, and shows orders, completion, rating and 12 months of sales', async () => {
    const order = await createOrder(ctx(), { status: 'completed' });
    const [{ serviceId }] = await ctx()
      .deps.db.select({ serviceId: orders.serviceId })
      .from(orders)
      .where(eq(orders.id, order.orderId));
    const viewer = await loggedIn(await createMember(ctx()));
    await viewer.get(`/services/${serviceId}`);
    await viewer.get(`/services/${serviceId}`);
    await new TestClient(ctx()).get(`/services/${serviceId}`);
    const sellerClient = await loggedIn(order.seller);
    await sellerClient.get(`/services/${serviceId}`); // the seller's own look is not a view
    const [row] = await ctx().deps.db.select().from(serviceViews).where(eq(serviceViews.serviceId, serviceId));
    expect(row.views).toBe(3);
    expect(Object.keys(row).sort()).toEqual(['day', 'serviceId', 'views']);
    const cancelled = await createOrder(ctx(), { status: 'cancelled', seller: order.seller });
    expect(cancelled.orderId).toBeTruthy();
    await (
      await loggedIn(order.buyer)
    ).post(`/orders/${order.orderId}/review`, { rating: '4', comment: 'よかったです' });
    const page = await sellerClient.get('/mypage/figures');
    expect(page.status).toBe(200);
    expect(page.text).toContain('data-testid="sales-chart"');
    expect(page.text).toMatch(/data-testid="completion-rate">50%</);
    expect(page.text).toMatch(/data-testid="average-rating">4\.0（1件）</);
    const month = new Date(ctx().clock.now().getTime() + 9 * 3600_000).toISOString().slice(0, 7);
    expect(page.text).toContain(`<td>${month}</td><td>3</td><td>2</td><td>4,500円</td>`);
    expect((page.text.match(/<tr><td>\d{4}-\d{2}<\/td>/g) ?? []).length).toBe(12);
    expect((await new TestClient(ctx()).get('/mypage/figures')).status).not.toBe(200);
  });
});
