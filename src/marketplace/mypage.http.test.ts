import { expect, it } from 'vitest';
import { TestClient } from '../../tests/support/client';
import { createMember, DEFAULT_PASSWORD } from '../../tests/support/factories';
import { asCurrent, createOrder } from '../../tests/support/marketplace';
import { describeOnDatabases } from '../../tests/support/suites';
import { withdrawMember } from '../withdrawal/withdrawMember';
import { transitionOrder } from './orders/transitions';
import { TRADES_PER_PAGE } from './orders/tradeLists';
import type { OrderStatus } from './schema';

describeOnDatabases('マイページ 取引管理', (ctx) => {
  const loggedIn = async (member: { email: string }) => {
    const client = new TestClient(ctx());
    await client.logIn(member.email, DEFAULT_PASSWORD);
    return client;
  };
  const orderLinks = (html: string) => [...html.matchAll(/href="\/orders\/([0-9a-f-]{36})"/g)].map((m) => m[1]);
  const section = (html: string, side: 'purchases' | 'sales') =>
    html.match(new RegExp(`<section[^>]*data-testid="${side}"[\\s\\S]*?</section>`))?.[0] ?? '';

  it('counts each side by state, filters by state through plain links, marks unread rooms and shows a withdrawn counterpart as such', async () => {
    const seller = await createMember(ctx());
    const buyer = await createMember(ctx());
    const leaver = await createMember(ctx());
    const made = async (status: OrderStatus, who = buyer) =>
      (await createOrder(ctx(), { status, seller, buyer: who })).orderId;
    const inProgress = [await made('in_progress'), await made('in_progress')];
    const delivered = await made('delivered');
    const completed = await made('completed', leaver);
    const cancelled = await made('cancelled');
    const disputed = await made('disputed');
    const cancelAsked = await made('in_progress');
    expect((await transitionOrder(ctx().deps, cancelAsked, 'requestCancel', { kind: 'member', id: buyer.id })).ok).toBe(
      true,
    );
    expect(
      (
        await withdrawMember(
          ctx().deps,
          asCurrent(leaver),
          { reasons: [], freeText: '' },
          { ip: null, userAgent: 'test' },
        )
      ).ok,
    ).toBe(true);
    const buyerClient = await loggedIn(buyer);
    expect((await buyerClient.post(`/orders/${delivered}/messages`, { body: '確認しますね' })).status).toBe(303);

    const sellerClient = await loggedIn(seller);
    const sales = await sellerClient.get('/mypage?side=sales');
    expect(sales.status).toBe(200);
    const states = sales.text.match(/data-testid="sales-states"[\s\S]*?<\/nav>/)![0];
    for (const label of [
      'すべて（7）',
      'キャンセル申請中（1）',
      '納品済み（承認待ち）（1）',
      '取引中（2）',
      'トラブル報告中（1）',
      '完了（1）',
      'キャンセル（1）',
    ])
      expect(states).toContain(label);
    expect(states).toContain('href="/mypage?side=sales&amp;state=delivered"');
    // The ones waiting on someone come first: the cancellation request, then the delivery, ... the closed ones last.
    expect(orderLinks(sales.text)).toEqual([
      cancelAsked,
      delivered,
      inProgress[1],
      inProgress[0],
      disputed,
      completed,
      cancelled,
    ]);
    expect(sales.text).not.toContain('data-testid="purchases"');
    expect(sales.text).toContain('退会したユーザー');
    expect(sales.text).toMatch(new RegExp(`/orders/${delivered}"[\\s\\S]*?未読1件`));
    expect(sales.text.match(/未読\d+件<\/span>/g)).toHaveLength(1);

    const onlyInProgress = await sellerClient.get('/mypage?side=sales&state=in_progress');
    expect(orderLinks(onlyInProgress.text)).toEqual([inProgress[1], inProgress[0]]);
    expect(onlyInProgress.text).toMatch(/aria-current="page">取引中（2）/);
    expect(orderLinks((await sellerClient.get('/mypage?side=sales&state=cancel_requested')).text)).toEqual([
      cancelAsked,
    ]);
    expect(orderLinks((await sellerClient.get('/mypage?side=purchases&state=completed')).text)).toEqual([]);

    const purchases = await buyerClient.get('/mypage?side=purchases');
    expect(purchases.text).toContain('すべて（6）');
    expect(purchases.text).toContain('キャンセル申請中（1）');
    expect(orderLinks((await buyerClient.get('/mypage?side=purchases&state=disputed')).text)).toEqual([disputed]);

    const overview = await sellerClient.get('/mypage');
    expect(orderLinks(section(overview.text, 'sales'))).toHaveLength(7);
    expect(section(overview.text, 'purchases')).toContain('まだありません。');

    const stranger = await loggedIn(await createMember(ctx()));
    for (const path of [
      '/mypage',
      '/mypage?side=sales',
      '/mypage?side=purchases',
      '/mypage?side=sales&state=in_progress',
    ]) {
      const page = await stranger.get(path);
      expect(page.status).toBe(200);
      expect(orderLinks(page.text)).toEqual([]);
    }
    expect((await stranger.get('/mypage?side=sales')).text).toContain('すべて（0）');
  });

  it(`pages past ${TRADES_PER_PAGE} orders and keeps a busy seller's oldest open order on the first page and in its filter`, async () => {
    const seller = await createMember(ctx());
    const buyer = await createMember(ctx());
    const oldest = (await createOrder(ctx(), { seller, buyer })).orderId;
    const finished: string[] = [];
    for (let i = 0; i < TRADES_PER_PAGE + 1; i++)
      finished.push((await createOrder(ctx(), { status: 'completed', seller, buyer })).orderId);
    const newestFirst = [...finished].reverse();
    const client = await loggedIn(seller);

    const first = await client.get('/mypage?side=sales');
    expect(orderLinks(first.text)).toEqual([oldest, ...newestFirst.slice(0, TRADES_PER_PAGE - 1)]);
    expect(first.text).toContain('href="/mypage?side=sales&amp;page=2"');
    const second = await client.get('/mypage?side=sales&page=2');
    expect(orderLinks(second.text)).toEqual(newestFirst.slice(TRADES_PER_PAGE - 1));
    expect(second.text).toContain('href="/mypage?side=sales"');
    expect(second.text).not.toContain('page=3');

    expect(orderLinks((await client.get('/mypage?side=sales&state=in_progress')).text)).toEqual([oldest]);
    const completedFirst = await client.get('/mypage?side=sales&state=completed');
    expect(orderLinks(completedFirst.text)).toEqual(newestFirst.slice(0, TRADES_PER_PAGE));
    expect(completedFirst.text).toContain('href="/mypage?side=sales&amp;state=completed&amp;page=2"');
    expect(orderLinks((await client.get('/mypage?side=sales&state=completed&page=2')).text)).toEqual(
      newestFirst.slice(TRADES_PER_PAGE),
    );

    const overview = await client.get('/mypage');
    expect(orderLinks(section(overview.text, 'sales'))[0]).toBe(oldest);
    expect(section(overview.text, 'sales')).toContain('href="/mypage?side=sales&amp;page=2"');

    const beyond = await client.get('/mypage?side=sales&page=9');
    expect(beyond.status).toBe(200);
    expect(orderLinks(beyond.text)).toEqual([]);
    expect(beyond.text).toContain('このページに取引はありません。');
  });

  it('reads a query value it cannot use as no filter, says so, and never fails', async () => {
    const order = await createOrder(ctx());
    const client = await loggedIn(order.seller);
    const unusable = [
      'side=everything',
      'side=sales&state=bogus',
      'side=sales&page=0',
      'side=sales&page=-1',
      'side=sales&page=abc',
      'side=sales&page=1e3',
      'side=sales&page=99999999999999999999',
      'state=completed',
      'page=2',
    ];
    for (const query of unusable) {
      const page = await client.get(`/mypage?${query}`);
      expect(page.status, query).toBe(200);
      expect(page.text, query).toContain('指定された表示条件は使えないため、条件を外して表示しています。');
      expect(orderLinks(page.text), query).toEqual([order.orderId]);
    }
    const fine = await client.get('/mypage?side=sales&state=in_progress&page=1');
    expect(fine.text).not.toContain('指定された表示条件は使えない');
    expect(orderLinks(fine.text)).toEqual([order.orderId]);
    expect((await client.get('/mypage?side=sales&side=purchases')).status).toBe(200);
    // A NUL byte is not a filter value at all: the shared input rule answers 400 in the reader's language.
    const nul = await client.get('/mypage?side=sales&state=%00');
    expect(nul.status).toBe(400);
    expect(nul.text).toContain('使えない文字が含まれています');
  });
});
