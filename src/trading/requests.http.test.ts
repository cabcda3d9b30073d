import { randomUUID } from 'node:crypto';
import { and, count, eq } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { DAY } from '../platform/clock';
import { mailOutbox } from '../platform/mail/schema';
import { TestClient } from '../../tests/support/client';
import { createMember, DEFAULT_PASSWORD } from '../../tests/support/factories';
import { categoryId, chooseThroughConfirmation, createService } from '../../tests/support/marketplace';
import { describeOnDatabases } from '../../tests/support/suites';
import { orders } from '../marketplace/schema';
import { jobRequests, proposals } from './requestSchema';

describeOnDatabases('公開依頼 (job requests)', (ctx) => {
  const loggedIn = async (member: { email: string }) => {
    const client = new TestClient(ctx());
    await client.logIn(member.email, DEFAULT_PASSWORD);
    return client;
  };
  const day = (offsetDays: number) =>
    new Date(ctx().clock.now().getTime() + 9 * 3600_000 + offsetDays * DAY).toISOString().slice(0, 10);
  const requestFields = async (over: Record<string, string> = {}) => ({
    title: '飲食店のロゴ制作',
    description: '和風の店名ロゴを作ってください。',
    categoryId: String(await categoryId(ctx())),
    budgetMinYen: '10000',
    budgetMaxYen: '30000',
    deadline: day(14),
    visibility: 'public',
    idempotencyKey: randomUUID(),
    ...over,
  });

  it('refuses a bad request next to each field and saves nothing; a good one is listed once', async () => {
    const buyer = await createMember(ctx());
    const client = await loggedIn(buyer);
    const bad = await client.post('/requests/new', {
      ...(await requestFields()),
      title: '',
      categoryId: '99999',
      budgetMinYen: '三千',
      deadline: '2020-13-45',
      visibility: 'secret',
    });
    expect(bad.status).toBe(422);
    for (const f of ['title', 'budgetMinYen', 'deadline', 'visibility'])
      expect(bad.text).toContain(`id="f-${f}-error"`);
    const order = await client.post(
      '/requests/new',
      await requestFields({ budgetMinYen: '30000', budgetMaxYen: '10000', deadline: day(-1), categoryId: '99999' }),
    );
    expect(order.text).toContain('上限は下限以上の金額にしてください。');
    expect(order.text).toContain('id="f-deadline-error"');
    expect(order.text).toContain('id="f-categoryId-error"');
    expect(order.text).toContain('value="30000"');
    const [{ n }] = await ctx()
      .deps.db.select({ n: count() })
      .from(jobRequests)
      .where(eq(jobRequests.buyerId, buyer.id));
    expect(n).toBe(0);
    const fields = await requestFields();
    const [a, b] = [await client.post('/requests/new', fields), await client.post('/requests/new', fields)];
    expect(a.location).toBe(b.location);
    const guest = new TestClient(ctx());
    expect((await guest.get('/requests')).text).toContain('飲食店のロゴ制作');
    expect((await guest.get('/requests?category=logo')).text).toContain('飲食店のロゴ制作');
    expect((await guest.get('/requests?category=no-such')).status).toBe(200);
    expect((await guest.get(a.location!)).status).toBe(200);
    await client.post('/requests/new', await requestFields({ title: '会員限定の依頼', visibility: 'members' }));
    expect((await guest.get('/requests')).text).not.toContain('会員限定の依頼');
    expect((await client.get('/requests')).text).toContain('会員限定の依頼');
  });

  it('takes one proposal per seller, turns the chosen one into an order, declines the other by mail and closes', async () => {
    const buyer = await createMember(ctx());
    const [s1, s2] = [await createMember(ctx()), await createMember(ctx())];
    const [svc1, svc2] = [await createService(ctx(), s1), await createService(ctx(), s2)];
    const buyerClient = await loggedIn(buyer);
    const posted = await buyerClient.post('/requests/new', await requestFields());
    const path = posted.location!;
    const c1 = await loggedIn(s1);
    const c2 = await loggedIn(s2);
    const badProposal = await c1.post(`${path}/proposals`, {
      serviceId: svc1,
      body: '',
      priceYen: '10',
      deliveryDays: '0',
    });
    expect(badProposal.status).toBe(422);
    expect(badProposal.text).toContain('id="f-body-error"');
    expect(
      (
        await buyerClient.post(`${path}/proposals`, {
          serviceId: svc1,
          body: '自分で',
          priceYen: '20000',
          deliveryDays: '5',
        })
      ).status,
    ).toBe(422);
    const p1 = { serviceId: svc1, body: '3案ご提案します。', priceYen: '20000', deliveryDays: '7' };
    expect((await c1.post(`${path}/proposals`, p1)).status).toBe(303);
    expect((await c1.post(`${path}/proposals`, p1)).status).toBe(303);
    expect(
      (
        await c2.post(`${path}/proposals`, {
          serviceId: svc2,
          body: '筆文字で書きます。',
          priceYen: '25000',
          deliveryDays: '5',
        })
      ).status,
    ).toBe(303);
    const requestId = path.split('/').pop()!;
    const sent = await ctx().deps.db.select().from(proposals).where(eq(proposals.requestId, requestId));
    expect(sent).toHaveLength(2);
    // Sellers see only their own proposal; the buyer sees both.
    expect((await c2.get(path)).text).not.toContain('3案ご提案します。');
    expect((await buyerClient.get(path)).text).toContain('筆文字で書きます。');
    const chosen = sent.find((p) => p.sellerId === s1.id)!;
    expect((await chooseThroughConfirmation(c2, chosen.id, '20000')).status).not.toBe(303);
    // 購入確認 first: the request page's button shows the total and charges nothing; only its own form does.
    expect((await buyerClient.get(path)).text).toContain(`action="/proposals/${chosen.id}/confirm"`);
    const confirmation = await buyerClient.post(`/proposals/${chosen.id}/confirm`, { expectedPriceYen: '20000' });
    expect(confirmation.status).toBe(200);
    expect(confirmation.text).toContain('購入を確定する');
    expect(confirmation.text).toContain('20,000円');
    const bare = await buyerClient.post(`/proposals/${chosen.id}/choose`, { expectedPriceYen: '20000' });
    expect(bare.status).not.toBe(303);
    expect(await ctx().deps.db.select().from(orders).where(eq(orders.buyerId, buyer.id))).toEqual([]);
    const [x, y] = await Promise.all([
      chooseThroughConfirmation(buyerClient, chosen.id, '20000'),
      chooseThroughConfirmation(buyerClient, chosen.id, '20000'),
    ]);
    expect(x.status).toBe(303);
    expect(y.location).toBe(x.location);
    const made = await ctx().deps.db.select().from(orders).where(eq(orders.buyerId, buyer.id));
    expect(made).toHaveLength(1);
    expect(made[0]).toMatchObject({ sellerId: s1.id, priceYen: 20000, serviceId: svc1 });
    const after = await ctx().deps.db.select().from(proposals).where(eq(proposals.requestId, requestId));
    expect(after.find((p) => p.sellerId === s2.id)!.status).toBe('declined');
    const [request] = await ctx().deps.db.select().from(jobRequests).where(eq(jobRequests.id, requestId));
    expect(request.status).toBe('closed');
    const declinedMail = await ctx()
      .deps.db.select()
      .from(mailOutbox)
      .where(and(eq(mailOutbox.memberId, s2.id), eq(mailOutbox.template, 'trading_proposalDeclined')));
    expect(declinedMail).toHaveLength(1);
    expect((await new TestClient(ctx()).get('/requests')).text).not.toContain(`/requests/${requestId}`);
    expect(
      (await c2.post(`${path}/proposals`, { serviceId: svc2, body: '再提案', priceYen: '20000', deliveryDays: '5' }))
        .text,
    ).toContain('受付を終了');
  });

  it('closes a paused member’s open requests and lapses their proposals', async () => {
    const buyer = await createMember(ctx());
    const client = await loggedIn(buyer);
    const posted = await client.post('/requests/new', await requestFields());
    await client.post('/settings/pause', {});
    const [request] = await ctx()
      .deps.db.select()
      .from(jobRequests)
      .where(eq(jobRequests.id, posted.location!.split('/').pop()!));
    expect(request.status).toBe('closed');
  });

  it('lists open requests beside search results and on their category page, members-only ones only for members', async () => {
    const buyer = await createMember(ctx());
    const client = await loggedIn(buyer);
    await client.post('/requests/new', await requestFields({ title: '和風の飲食店ロゴを探しています' }));
    await client.post(
      '/requests/new',
      await requestFields({ title: '会員限定：ロゴの作り直し', visibility: 'members' }),
    );
    const visitor = new TestClient(ctx());
    const search = await visitor.get('/search?q=' + encodeURIComponent('飲食店 ロゴ'));
    expect(search.text).toContain('受付中の公開依頼');
    expect(search.text).toContain('和風の飲食店ロゴを探しています');
    expect(search.text).not.toContain('会員限定：ロゴの作り直し');
    expect(search.text).toContain('/requests?q=');
    expect((await visitor.get('/search?q=' + encodeURIComponent('翻訳'))).text).not.toContain('和風の飲食店ロゴ');
    const category = await visitor.get('/categories/logo');
    expect(category.text).toContain('和風の飲食店ロゴを探しています');
    expect(category.text).toContain('/requests?category=logo');
    expect((await client.get('/categories/logo')).text).toContain('会員限定：ロゴの作り直し');
    const list = await visitor.get('/requests?q=' + encodeURIComponent('和風'));
    expect(list.text).toContain('和風の飲食店ロゴを探しています');
    expect(list.text).not.toContain('会員限定');
    // Wildcards are words like any other: they match nothing here, never everything.
    const wild = await visitor.get('/requests?q=' + encodeURIComponent('%_'));
    expect(wild.status).toBe(200);
    expect(wild.text).not.toContain('和風の飲食店ロゴを探しています');
  });
});
