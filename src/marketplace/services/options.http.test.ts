import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { TestClient } from '../../../tests/support/client';
import { createMember, DEFAULT_PASSWORD } from '../../../tests/support/factories';
import { buyThroughConfirmation, createService } from '../../../tests/support/marketplace';
import { describeOnDatabases } from '../../../tests/support/suites';
import { transitionOrder } from '../orders/transitions';
import { ledgerEntries, orderOptions, orders, serviceOptions } from '../schema';

describeOnDatabases(
  '有料オプション: the seller offers extras, the buyer ticks them, the order keeps its copy',
  (ctx) => {
    const loggedIn = async (member: { email: string }) => {
      const client = new TestClient(ctx());
      await client.logIn(member.email, DEFAULT_PASSWORD);
      return client;
    };
    const optionsOf = (serviceId: string) =>
      ctx().deps.db.select().from(serviceOptions).where(eq(serviceOptions.serviceId, serviceId));
    const ordersOf = (buyerId: string) => ctx().deps.db.select().from(orders).where(eq(orders.buyerId, buyerId));
    const add = (client: TestClient, serviceId: string, title: string, price: string, days = '0') =>
      client.post(`/services/${serviceId}/options`, {
        optionTitle: title,
        optionPriceYen: price,
        optionExtraDays: days,
      });

    it('refuses a bad option beside each field, only the owner may add or remove one, and at most ten', async () => {
      const seller = await createMember(ctx());
      const serviceId = await createService(ctx(), seller);
      const client = await loggedIn(seller);

      const bad = await client.post(`/services/${serviceId}/options`, {
        optionTitle: '',
        optionPriceYen: '千円',
        optionExtraDays: '99',
      });
      expect(bad.status).toBe(422);
      expect(bad.text).toContain('id="f-optionTitle-error"');
      expect(bad.text).toContain('オプション名を1〜60文字で入力してください。');
      expect(bad.text).toContain('金額は半角数字の整数（円）で入力してください。');
      expect(bad.text).toContain('追加の日数は0〜30の整数で入力してください。');
      expect(bad.text).toContain('value="千円"');
      const cheap = await add(client, serviceId, '修正1回追加', '100');
      expect(cheap.status).toBe(422);
      expect(cheap.text).toContain('500円から1,000,000円');
      expect(await optionsOf(serviceId)).toHaveLength(0);

      const outsider = await loggedIn(await createMember(ctx()));
      expect((await add(outsider, serviceId, '横取り', '1000')).status).toBe(404);
      expect(await optionsOf(serviceId)).toHaveLength(0);

      // A double submit adds the option once.
      expect((await add(client, serviceId, 'オプション1', '1000')).status).toBe(303);
      expect((await add(client, serviceId, 'オプション1', '1000')).status).toBe(303);
      expect(await optionsOf(serviceId)).toHaveLength(1);
      for (let i = 2; i <= 10; i++) expect((await add(client, serviceId, `オプション${i}`, '1000')).status).toBe(303);
      const eleventh = await add(client, serviceId, 'オプション11', '1000');
      expect(eleventh.status).toBe(422);
      expect(eleventh.text).toContain('オプションは1つのサービスに10件までです。');
      const saved = await optionsOf(serviceId);
      expect(saved.map((o) => o.position).sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);

      expect((await outsider.post(`/services/${serviceId}/options/${saved[0].id}/remove`)).status).toBe(404);
      expect(await optionsOf(serviceId)).toHaveLength(10);
      const removed = await client.post(`/services/${serviceId}/options/${saved[0].id}/remove`);
      expect(removed.location).toBe(`/services/${serviceId}/edit?notice=optionRemoved#options`);
      expect(await optionsOf(serviceId)).toHaveLength(9);
      expect((await client.get(`/services/${serviceId}/edit?notice=optionRemoved`)).text).toContain(
        'オプションを削除しました。',
      );
    });

    it('charges the price plus the ticked options, keeps them on the order, and pays the seller from the whole', async () => {
      const seller = await createMember(ctx());
      const buyer = await createMember(ctx());
      const serviceId = await createService(ctx(), seller, { priceYen: 5000 });
      const sellerClient = await loggedIn(seller);
      await add(sellerClient, serviceId, 'お急ぎ納品', '3000', '0');
      await add(sellerClient, serviceId, '修正3回追加', '2000', '3');
      const [express, revisions] = (await optionsOf(serviceId)).sort((a, b) => a.position - b.position);

      const buyerClient = await loggedIn(buyer);
      const page = await buyerClient.get(`/services/${serviceId}`);
      expect(page.text).toContain(`name="option:${revisions.id}" value="2000"`);
      expect(page.text).toContain('修正3回追加（+2,000円・納期＋3日）');

      const bought = await buyThroughConfirmation(buyerClient, serviceId, {
        idempotencyKey: randomUUID(),
        expectedPriceYen: '5000',
        pointsToUse: '0',
        [`option:${revisions.id}`]: '2000',
      });
      expect(bought.status).toBe(303);
      const [order] = await ordersOf(buyer.id);
      expect(order).toMatchObject({ priceYen: 7000, chargedYen: 7000 });
      const [charge] = await ctx()
        .deps.db.select()
        .from(ledgerEntries)
        .where(and(eq(ledgerEntries.orderId, order.id), eq(ledgerEntries.kind, 'charge')));
      expect(charge.amountYen).toBe(7000);
      expect(await ctx().deps.db.select().from(orderOptions).where(eq(orderOptions.orderId, order.id))).toEqual([
        { orderId: order.id, position: 0, title: '修正3回追加', priceYen: 2000, extraDays: 3 },
      ]);

      // The seller drops the option: the order keeps its own copy of what was bought.
      await sellerClient.post(`/services/${serviceId}/options/${revisions.id}/remove`);
      const orderPage = await buyerClient.get(`/orders/${order.id}`);
      expect(orderPage.text).toContain('有料オプション: 修正3回追加');
      expect(orderPage.text).toContain('5,000円');
      expect(orderPage.text).toContain('7,000円');
      expect(express.title).toBe('お急ぎ納品');

      // 売上金 is the whole price minus the fee, options included.
      await transitionOrder(
        ctx().deps,
        order.id,
        'deliver',
        { kind: 'member', id: seller.id },
        { message: '納品します' },
      );
      await transitionOrder(ctx().deps, order.id, 'approve', { kind: 'member', id: buyer.id }, {});
      const [credit] = await ctx()
        .deps.db.select()
        .from(ledgerEntries)
        .where(and(eq(ledgerEntries.orderId, order.id), eq(ledgerEntries.kind, 'sale_credit')));
      const fee = Math.floor((7000 * ctx().deps.config.marketplace.platformFeePercent) / 100);
      expect(credit.amountYen).toBe(7000 - fee);
    });

    it('refuses, and charges nothing, when a ticked option changed or went since the page, or the field was altered', async () => {
      const seller = await createMember(ctx());
      const buyer = await createMember(ctx());
      const serviceId = await createService(ctx(), seller, { priceYen: 5000 });
      const sellerClient = await loggedIn(seller);
      await add(sellerClient, serviceId, 'お急ぎ納品', '3000');
      const [express] = await optionsOf(serviceId);
      const buyerClient = await loggedIn(buyer);
      const buy = (fields: Record<string, string>) =>
        buyThroughConfirmation(buyerClient, serviceId, {
          idempotencyKey: randomUUID(),
          expectedPriceYen: '5000',
          pointsToUse: '0',
          ...fields,
        });

      const cheaper = await buy({ [`option:${express.id}`]: '1' });
      expect(cheaper.status).toBe(422);
      expect(cheaper.text).toContain('出品者がオプションを変更しました。お支払いはまだ発生していません。');
      const altered = await buy({ 'option:not-an-id': '3000' });
      expect(altered.status).toBe(422);
      await sellerClient.post(`/services/${serviceId}/options/${express.id}/remove`);
      const gone = await buy({ [`option:${express.id}`]: '3000' });
      expect(gone.status).toBe(422);
      expect(gone.text).toContain('出品者がオプションを変更しました。');
      expect(await ordersOf(buyer.id)).toHaveLength(0);
      const charges = await ctx().deps.db.select().from(ledgerEntries).where(eq(ledgerEntries.memberId, buyer.id));
      expect(charges).toHaveLength(0);
    });
  },
);
