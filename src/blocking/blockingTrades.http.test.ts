import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { TestClient } from '../../tests/support/client';
import { createMember, DEFAULT_PASSWORD } from '../../tests/support/factories';
import {
  acceptThroughConfirmation,
  chooseThroughConfirmation,
  buyThroughConfirmation,
  categoryId,
  createService,
} from '../../tests/support/marketplace';
import { describeOnDatabases } from '../../tests/support/suites';
import { orders } from '../marketplace/schema';
import { proposals, jobRequests } from '../trading/requestSchema';
import { offers } from '../trading/schema';

describeOnDatabases('ブロック and trading: no offers, proposals or purchases either way', (ctx) => {
  const loggedIn = async (member: { email: string }) => {
    const client = new TestClient(ctx());
    await client.logIn(member.email, DEFAULT_PASSWORD);
    return client;
  };
  const deadline = () => new Date(ctx().clock.now().getTime() + 14 * 86_400_000).toISOString().slice(0, 10);
  const postRequest = async (client: TestClient) =>
    (
      await client.post('/requests/new', {
        title: '飲食店のロゴ制作',
        description: '和風の店名ロゴを作ってください。',
        categoryId: String(await categoryId(ctx())),
        budgetMinYen: '10000',
        budgetMaxYen: '30000',
        deadline: deadline(),
        visibility: 'public',
        idempotencyKey: randomUUID(),
      })
    ).location!;
  const offerFields = (serviceId: string) => ({
    serviceId,
    scope: 'ロゴ2案',
    priceYen: '12000',
    deliveryDays: '10',
    validDays: '7',
    idempotencyKey: randomUUID(),
  });

  it('lapses open offers and proposals between the two when one blocks, and refuses new ones and purchases both ways', async () => {
    const seller = await createMember(ctx());
    const buyer = await createMember(ctx());
    const serviceId = await createService(ctx(), seller, { priceYen: 12000 });
    const sellerClient = await loggedIn(seller);
    const buyerClient = await loggedIn(buyer);
    const settings = (await buyerClient.get('/settings')).text;
    expect(settings).toContain('href="/settings/blocks"');
    expect(settings).toContain('href="/settings/notifications"');
    const room = (await buyerClient.post('/messages/start', { to: seller.username })).location!;
    await buyerClient.post(`${room}/messages`, { body: '見積もりをお願いします' });
    expect((await sellerClient.post(`${room}/offers`, offerFields(serviceId))).status).toBe(303);
    const [offer] = await ctx().deps.db.select().from(offers).where(eq(offers.sellerId, seller.id));
    const request = await postRequest(buyerClient);
    const proposal = { serviceId, body: '3案ご提案します。', priceYen: '20000', deliveryDays: '7' };
    expect((await sellerClient.post(`${request}/proposals`, proposal)).status).toBe(303);
    const [sent] = await ctx().deps.db.select().from(proposals).where(eq(proposals.sellerId, seller.id));

    // The buyer blocks the seller: what was open between them lapses in the same step.
    expect((await buyerClient.post(`/users/${seller.username}/block`)).status).toBe(303);
    expect((await ctx().deps.db.select().from(offers).where(eq(offers.id, offer.id)))[0].status).toBe('lapsed');
    expect((await ctx().deps.db.select().from(proposals).where(eq(proposals.id, sent.id)))[0].status).toBe('lapsed');
    const accepted = await acceptThroughConfirmation(buyerClient, offer.id, '12000');
    expect(accepted.status).toBe(422);
    const chosen = await chooseThroughConfirmation(buyerClient, sent.id, '20000');
    expect(chosen.status).not.toBe(303);

    // Neither side can start anything new: the blocked seller is told only that it cannot be done.
    const again = await sellerClient.post(`${request}/proposals`, { ...proposal, body: 'もう一度' });
    expect(again.status).toBe(422);
    expect(again.text).toContain('この公開依頼には提案できません。');
    expect(again.text).not.toContain('ブロック');
    expect((await sellerClient.post(`${room}/offers`, offerFields(serviceId))).status).toBe(422);
    const bought = await buyThroughConfirmation(buyerClient, serviceId, {
      idempotencyKey: randomUUID(),
      expectedPriceYen: '12000',
      pointsToUse: '0',
    });
    expect(bought.status).toBe(422);
    expect(bought.text).toContain('このサービスは現在購入できません。');
    const buyersService = await createService(ctx(), buyer, { priceYen: 5000 });
    const reverse = await buyThroughConfirmation(sellerClient, buyersService, {
      idempotencyKey: randomUUID(),
      expectedPriceYen: '5000',
      pointsToUse: '0',
    });
    expect(reverse.status).toBe(422);
    expect(await ctx().deps.db.select().from(orders).where(eq(orders.buyerId, buyer.id))).toEqual([]);
    expect(await ctx().deps.db.select().from(orders).where(eq(orders.buyerId, seller.id))).toEqual([]);
    expect(await ctx().deps.db.select().from(offers).where(eq(offers.sellerId, seller.id))).toHaveLength(1);
    const [req] = await ctx().deps.db.select().from(jobRequests).where(eq(jobRequests.buyerId, buyer.id));
    expect(req.status).toBe('open');
  });
});
