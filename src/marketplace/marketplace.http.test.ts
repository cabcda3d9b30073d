import { and, count, eq } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { members } from '../accounts/schema';
import { lastMailTo, TestClient } from '../../tests/support/client';
import { createMember, DEFAULT_PASSWORD } from '../../tests/support/factories';
import { buyThroughConfirmation, categoryId, createOrder, createService } from '../../tests/support/marketplace';
import { describeOnDatabases } from '../../tests/support/suites';
import { operatorClient } from '../../tests/support/trust';
import { attachments, ledgerEntries, messages, orders, roomAccessLog, rooms, services } from './schema';

const PNG_1x1 = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);
const ELF = Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01, 0x00, 0x00, 0x00]);

describeOnDatabases('marketplace pages', (ctx) => {
  const loggedIn = async (member: { email: string }) => {
    const client = new TestClient(ctx());
    await client.logIn(member.email, DEFAULT_PASSWORD);
    return client;
  };
  const attachmentsOf = (orderId: string) =>
    ctx()
      .deps.db.select({ id: attachments.id })
      .from(attachments)
      .innerJoin(messages, eq(messages.id, attachments.messageId))
      .innerJoin(rooms, eq(rooms.id, messages.roomId))
      .where(eq(rooms.orderId, orderId));

  it('shows every service-form mistake next to its field, keeps what was typed, and saves nothing', async () => {
    const seller = await createMember(ctx());
    const client = await loggedIn(seller);
    const res = await client.post('/services/new', {
      title: '',
      categoryId: '',
      description: '説明文です',
      priceYen: '千円',
      deliveryDays: '0',
      intent: 'publish',
    });
    expect(res.status).toBe(422);
    expect(res.text).toContain('入力してください。');
    expect(res.text).toContain('カテゴリを選んでください。');
    expect(res.text).toContain('金額は半角数字の整数（円）で入力してください。');
    expect(res.text).toContain('納期は1〜90日の整数で入力してください。');
    expect(res.text).toContain('説明文です');
    expect(res.text).toContain('value="千円"');
    const tooCheap = await client.post('/services/new', {
      title: 'テスト',
      categoryId: String(await categoryId(ctx())),
      description: 'x',
      priceYen: '100',
      deliveryDays: '3',
      intent: 'publish',
    });
    expect(tooCheap.text).toContain('500円から1,000,000円');
    const [{ n }] = await ctx().deps.db.select({ n: count() }).from(services).where(eq(services.sellerId, seller.id));
    expect(n).toBe(0);
  });

  it('lists a service, finds it by a Japanese word and by category, and buys it once despite a double submit', async () => {
    const seller = await createMember(ctx());
    const buyer = await createMember(ctx());
    const sellerClient = await loggedIn(seller);
    const created = await sellerClient.post('/services/new', {
      title: '手書き風の筆文字ロゴを書きます',
      categoryId: String(await categoryId(ctx(), 'logo')),
      description: '和風のお店にぴったりの筆文字です。',
      priceYen: '8000',
      deliveryDays: '5',
      intent: 'publish',
    });
    expect(created.status).toBe(303);
    const serviceId = created.location!.split('/')[2].split('?')[0];
    const buyerClient = await loggedIn(buyer);
    expect((await buyerClient.get(`/search?q=${encodeURIComponent('筆文字')}`)).text).toContain(
      `/services/${serviceId}`,
    );
    expect((await buyerClient.get('/categories/design')).text).toContain(`/services/${serviceId}`);
    expect((await buyerClient.get(`/search?q=${encodeURIComponent('存在しない言葉')}`)).text).toContain(
      '見つかりませんでした',
    );
    const page = await buyerClient.get(`/services/${serviceId}`);
    expect(page.text).toContain('テストモード');
    const key = page.text.match(/name="idempotencyKey" value="([^"]+)"/)![1];
    const first = await buyThroughConfirmation(buyerClient, serviceId, {
      idempotencyKey: key,
      expectedPriceYen: '8000',
      pointsToUse: '0',
    });
    const second = await buyThroughConfirmation(buyerClient, serviceId, {
      idempotencyKey: key,
      expectedPriceYen: '8000',
      pointsToUse: '0',
    });
    expect(first.location).toMatch(/^\/orders\//);
    expect(second.location).toBe(first.location);
    const [{ n }] = await ctx().deps.db.select({ n: count() }).from(orders).where(eq(orders.buyerId, buyer.id));
    expect(n).toBe(1);
    expect((await buyerClient.get('/mypage')).text).toContain('手書き風の筆文字ロゴを書きます');
  });

  it('refuses a purchase when the seller changed the price since the page was shown, charging nothing and showing the new price', async () => {
    const seller = await createMember(ctx());
    const buyer = await createMember(ctx());
    const serviceId = await createService(ctx(), seller, { priceYen: 3000 });
    const buyerClient = await loggedIn(buyer);
    const page = await buyerClient.get(`/services/${serviceId}`);
    expect(page.text).toContain('name="expectedPriceYen" value="3000"');
    const key = page.text.match(/name="idempotencyKey" value="([^"]+)"/)![1];
    await ctx().deps.db.update(services).set({ priceYen: 9000 }).where(eq(services.id, serviceId));
    const refused = await buyThroughConfirmation(buyerClient, serviceId, {
      idempotencyKey: key,
      expectedPriceYen: '3000',
      pointsToUse: '0',
    });
    expect(refused.status).toBe(422);
    expect(refused.text).toContain('新しい価格は9,000円です');
    expect(refused.text).toContain('name="expectedPriceYen" value="9000"');
    expect(await ctx().deps.db.select().from(orders).where(eq(orders.buyerId, buyer.id))).toHaveLength(0);
    expect(await ctx().deps.db.select().from(ledgerEntries).where(eq(ledgerEntries.memberId, buyer.id))).toHaveLength(
      0,
    );
    const noPoints = await buyThroughConfirmation(buyerClient, serviceId, {
      idempotencyKey: key,
      expectedPriceYen: '9000',
      pointsToUse: '700',
    });
    expect(noPoints.text).toContain('ポイントが足りません');
    expect(noPoints.text).toContain('value="700"'); // what was typed stays in the field
    const bought = await buyThroughConfirmation(buyerClient, serviceId, {
      idempotencyKey: key,
      expectedPriceYen: '9000',
      pointsToUse: '0',
    });
    expect(bought.location).toMatch(/^\/orders\//);
  });

  it('answers odd query strings with a normal page, never an error', async () => {
    const client = new TestClient(ctx());
    for (const path of [
      '/search?page=abc&sort=evil',
      '/search?q=%27%3B%20drop%20table',
      `/search?q=${'長'.repeat(500)}`,
      '/categories/nope',
      '/services/not-a-uuid',
      '/orders/../../etc',
    ]) {
      const res = await client.get(path);
      expect([200, 303, 404]).toContain(res.status);
      expect(res.text).not.toMatch(/at .*\.tsx?:\d+/);
    }
  });

  it('keeps the order room to its two members: outsiders get nothing; an operator may read after two-step verification, and it is logged', async () => {
    const order = await createOrder(ctx(), { status: 'disputed' });
    const outsider = await loggedIn(await createMember(ctx()));
    expect((await outsider.get(`/orders/${order.orderId}`)).status).toBe(404);
    expect((await outsider.post(`/orders/${order.orderId}/messages`, { body: '覗き見' })).status).toBe(404);
    expect((await outsider.post(`/orders/${order.orderId}/actions/resolveCancel`)).status).toBe(404);
    expect((await new TestClient(ctx()).get(`/orders/${order.orderId}`)).status).toBe(303);
    const [room] = await ctx().deps.db.select().from(rooms).where(eq(rooms.orderId, order.orderId));
    const file = new FormData();
    file.set('body', '資料です');
    file.set('attachment', new File([PNG_1x1], 'logo.png', { type: 'image/png' }));
    await (await loggedIn(order.buyer)).postMultipart(`/orders/${order.orderId}/messages`, file);
    const [attachment] = await attachmentsOf(order.orderId);

    // An operator whose session has not passed a second factor is an outsider here, as in /admin.
    const unverified = await createMember(ctx(), { role: 'operator' });
    const unverifiedClient = await loggedIn(unverified);
    expect((await unverifiedClient.get(`/orders/${order.orderId}`)).status).toBe(404);
    expect((await unverifiedClient.get(`/attachments/${attachment.id}`)).status).toBe(404);
    expect((await unverifiedClient.post(`/orders/${order.orderId}/actions/resolveCancel`)).status).toBe(404);
    const [unchanged] = await ctx().deps.db.select().from(orders).where(eq(orders.id, order.orderId));
    expect(unchanged.status).toBe('disputed');
    expect(
      await ctx().deps.db.select().from(roomAccessLog).where(eq(roomAccessLog.operatorId, unverified.id)),
    ).toHaveLength(0);

    const operator = await operatorClient(ctx());
    const seen = await operator.get(`/orders/${order.orderId}`);
    expect(seen.status).toBe(200);
    expect(seen.text).toContain('この閲覧は記録されます');
    expect((await operator.get(`/attachments/${attachment.id}`)).status).toBe(200);
    const logged = await ctx()
      .deps.db.select()
      .from(roomAccessLog)
      .where(and(eq(roomAccessLog.roomId, room.id), eq(roomAccessLog.operatorId, operator.member.id)));
    expect(logged).toHaveLength(2);
    expect(seen.text).not.toContain('name="body"'); // operators read, they do not write as a party
    expect((await operator.post(`/orders/${order.orderId}/actions/resolveCancel`)).status).toBe(303);
    const [settled] = await ctx().deps.db.select().from(orders).where(eq(orders.id, order.orderId));
    expect(settled.status).toBe('cancelled');
  });

  it('walks delivery with a file, approval and reviews through the pages; the file reaches only the parties', async () => {
    const order = await createOrder(ctx());
    const seller = await loggedIn(order.seller);
    const buyer = await loggedIn(order.buyer);
    const bad = new FormData();
    bad.set('message', '納品です');
    bad.set('attachment', new File([ELF], 'tool.exe'));
    const refused = await seller.postMultipart(`/orders/${order.orderId}/actions/deliver`, bad);
    expect(refused.status).toBe(422);
    expect(refused.text).toMatch(/<textarea[^>]*name="message"[^>]*>納品です<\/textarea>/); // the note as typed
    expect(refused.text).toMatch(/id="f-message-error"[^>]*>このファイル形式は送れません/); // the reason by the note, not at the top
    expect((await seller.post(`/orders/${order.orderId}/actions/deliver`, { message: '   ' })).text).toMatch(
      /id="f-message-error"[^>]*>[^<]+</,
    );
    const good = new FormData();
    good.set('message', '納品です。ご確認ください。');
    good.set('attachment', new File([PNG_1x1], 'logo.png', { type: 'image/png' }));
    expect((await seller.postMultipart(`/orders/${order.orderId}/actions/deliver`, good)).status).toBe(303);
    const [file] = await attachmentsOf(order.orderId);
    const download = await buyer.get(`/attachments/${file.id}`);
    expect(download.status).toBe(200);
    expect(download.headers.get('content-disposition')).toContain('attachment');
    const outsider = await loggedIn(await createMember(ctx()));
    expect((await outsider.get(`/attachments/${file.id}`)).status).toBe(404);
    expect((await buyer.post(`/orders/${order.orderId}/actions/approve`)).status).toBe(303);
    const badReview = await buyer.post(`/orders/${order.orderId}/review`, { rating: '9', comment: 'とても丁寧でした' });
    expect(badReview.text).toMatch(/id="f-rating-error"[^>]*>評価は1〜5から選んでください。/);
    expect(badReview.text).toMatch(/<textarea[^>]*name="comment"[^>]*>とても丁寧でした<\/textarea>/);
    expect(
      (await buyer.post(`/orders/${order.orderId}/review`, { rating: '5', comment: 'とても良かったです' })).location,
    ).toContain('notice=review');
    const profile = await new TestClient(ctx()).get(`/users/${order.seller.username}`);
    expect(profile.text).toContain('とても良かったです');
    expect(profile.text).toContain('★5.0（1件）');
    const sellerPage = await seller.get('/mypage');
    expect(sellerPage.text).toMatch(/data-testid="sales-balance"[^>]*>4,500円/);
  });

  it('refuses payout input that is not whole yen or over the balance, with the reason by the field', async () => {
    const order = await createOrder(ctx(), { status: 'completed', priceYen: 2000 });
    const seller = await loggedIn(order.seller);
    expect((await seller.post('/mypage/payouts', { amountYen: '1800' })).text).toContain(
      '振込先口座」を登録してください',
    );
    const badAccount = await seller.post('/mypage/payouts/account', {
      bankCode: '05',
      branchCode: '１２３',
      accountType: 'ordinary',
      accountNumber: '12345678',
      holderKana: 'Taro',
    });
    expect(badAccount.status).toBe(422);
    expect(badAccount.text).toContain('金融機関コードは4桁');
    expect(badAccount.text).toContain('口座番号は7桁');
    expect(badAccount.text).toContain('全角カタカナ');
    expect(badAccount.text).not.toContain('支店コードは3桁'); // full-width digits are read as digits
    const saved = await seller.post('/mypage/payouts/account', {
      bankCode: '0005',
      branchCode: '１２３',
      accountType: 'ordinary',
      accountNumber: '0012345',
      holderKana: 'ﾔﾏﾀﾞ ﾊﾅｺ',
    });
    expect(saved.location).toBe('/mypage/payouts?notice=account-saved#account');
    expect((await seller.get('/mypage/payouts')).text).toContain('末尾2345・名義 ヤマダ ハナコ');
    expect((await lastMailTo(ctx(), order.seller.email))!.subject).toContain('振込先口座を登録・変更しました');
    expect((await seller.post('/mypage/payouts', { amountYen: '1,000' })).text).toContain('半角数字の整数');
    expect((await seller.post('/mypage/payouts', { amountYen: '5000' })).text).toContain(
      '残高（1,800円）を超えています',
    );
    expect((await seller.post('/mypage/payouts', { amountYen: '1800' })).location).toBe(
      '/mypage/payouts?notice=requested',
    );
  });

  it('opens a direct conversation, counts it unread for the recipient, and refuses messaging oneself', async () => {
    const a = await createMember(ctx());
    const b = await createMember(ctx());
    const clientA = await loggedIn(a);
    const start = await clientA.post('/messages/start', { to: b.username });
    expect(start.location).toMatch(/^\/messages\//);
    expect((await clientA.post(`${start.location}/messages`, { body: 'ロゴの相談をしたいです' })).status).toBe(303);
    const clientB = await loggedIn(b);
    expect((await clientB.get('/messages')).text).toContain('未読 1');
    const room = await clientB.get(start.location!);
    expect(room.text).toContain('ロゴの相談をしたいです');
    expect((await clientB.get('/messages')).text).not.toContain('未読 1');
    expect((await clientA.post('/messages/start', { to: a.username })).status).toBe(422);
    const stranger = await loggedIn(await createMember(ctx()));
    expect((await stranger.get(start.location!)).status).toBe(404);
  });

  it('shows the newest messages for a `before` that is not a message id (1e30, 20 digits), on order and direct rooms', async () => {
    const order = await createOrder(ctx());
    const buyer = await loggedIn(order.buyer);
    await buyer.post(`/orders/${order.orderId}/messages`, { body: '最初のメッセージ' });
    const start = await buyer.post('/messages/start', { to: order.seller.username });
    await buyer.post(`${start.location}/messages`, { body: '直接のメッセージ' });
    for (const before of ['1e30', '12345678901234567890', '1.5', '-3', '0x10']) {
      const orderPage = await buyer.get(`/orders/${order.orderId}?before=${before}`);
      expect(orderPage.status).toBe(200);
      expect(orderPage.text).toContain('最初のメッセージ');
      const direct = await buyer.get(`${start.location}?before=${before}`);
      expect(direct.status).toBe(200);
      expect(direct.text).toContain('直接のメッセージ');
    }
  });

  it('says a cancellation is requested only while the order is open, even for a request left on a finished order', async () => {
    const order = await createOrder(ctx(), { status: 'completed' });
    // A completed order that still carries a request, as orders did before requests were dropped on completion.
    await ctx().deps.db.update(orders).set({ cancelRequestedBy: order.buyer.id }).where(eq(orders.id, order.orderId));
    const page = await (await loggedIn(order.buyer)).get(`/orders/${order.orderId}`);
    expect(page.status).toBe(200);
    expect(page.text).not.toContain('キャンセルを申し出ています');
    const open = await createOrder(ctx());
    const buyer = await loggedIn(open.buyer);
    await buyer.post(`/orders/${open.orderId}/actions/requestCancel`);
    expect((await buyer.get(`/orders/${open.orderId}`)).text).toContain('キャンセルを申し出ています');
  });

  it('keeps a refused message in the box with the reason next to it, in order and direct rooms', async () => {
    const order = await createOrder(ctx());
    const buyer = await loggedIn(order.buyer);
    const start = await buyer.post('/messages/start', { to: order.seller.username });
    for (const path of [`/orders/${order.orderId}/messages`, `${start.location}/messages`]) {
      const form = new FormData();
      form.set('body', '仕様書を添付します');
      form.set('attachment', new File([ELF], 'tool.exe'));
      const refused = await buyer.postMultipart(path, form);
      expect(refused.status).toBe(422);
      expect(refused.text).toMatch(/<textarea[^>]*name="body"[^>]*>仕様書を添付します<\/textarea>/);
      expect(refused.text).toMatch(/id="f-body-error"[^>]*>このファイル形式は送れません/);
    }
    expect(await ctx().deps.db.select().from(messages).where(eq(messages.body, '仕様書を添付します'))).toHaveLength(0);
  });

  it('offers 保存する, not 下書き保存, when editing a published service, and the edit shows at once', async () => {
    const seller = await createMember(ctx());
    const client = await loggedIn(seller);
    const publishedId = await createService(ctx(), seller);
    const form = await client.get(`/services/${publishedId}/edit`);
    expect(form.text).toMatch(/<button[^>]*name="intent" value="publish"[^>]*>\s*保存する\s*</);
    expect(form.text).not.toContain('下書き保存');
    const saved = await client.post(`/services/${publishedId}/edit`, {
      title: '修正したタイトルのロゴ作成',
      categoryId: String(await categoryId(ctx())),
      description: '説明を直しました。',
      priceYen: '6000',
      deliveryDays: '4',
      intent: 'publish',
    });
    expect(saved.status).toBe(303);
    const [row] = await ctx().deps.db.select().from(services).where(eq(services.id, publishedId));
    expect([row.title, row.status]).toEqual(['修正したタイトルのロゴ作成', 'published']);
    const draftId = await createService(ctx(), seller, { publish: false });
    expect((await client.get(`/services/${draftId}/edit`)).text).toContain('下書き保存');
  });

  it('accepts a real small image as avatar and refuses anything else by its content', async () => {
    const member = await createMember(ctx());
    const client = await loggedIn(member);
    const fake = new FormData();
    fake.set('displayName', '新しい名前');
    fake.set('bio', '');
    fake.set('skills', '');
    fake.set('avatar', new File([Buffer.from('<svg onload=alert(1)>')], 'a.png', { type: 'image/png' }));
    const refused = await client.postMultipart('/settings/profile', fake);
    expect(refused.status).toBe(422);
    expect(refused.text).toContain('PNG・JPEG・WebP の画像を選んでください');
    expect(refused.text).toContain('value="新しい名前"');
    const real = new FormData();
    real.set('displayName', '新しい名前');
    real.set('bio', 'よろしくお願いします');
    real.set('skills', 'ロゴ');
    real.set('avatar', new File([PNG_1x1], 'me.png'));
    expect((await client.postMultipart('/settings/profile', real)).status).toBe(303);
    const [row] = await ctx().deps.db.select().from(members).where(eq(members.id, member.id));
    expect(row.displayName).toBe('新しい名前');
    const avatar = await ctx().app.request(`/avatars/${member.id}`);
    expect(avatar.status).toBe(200);
    expect(avatar.headers.get('content-type')).toBe('image/png');
  });

  it('lets a seller pause and delete a service; paused and deleted services vanish from search', async () => {
    const seller = await createMember(ctx());
    const serviceId = await createService(ctx(), seller, { title: '休止テスト用のサービス' });
    const client = await loggedIn(seller);
    expect((await client.post(`/services/${serviceId}/status`, { status: 'paused' })).status).toBe(303);
    expect((await new TestClient(ctx()).get(`/services/${serviceId}`)).status).toBe(404);
    expect((await client.get(`/services/${serviceId}`)).text).toContain('あなたにだけ表示されています');
    expect((await client.post(`/services/${serviceId}/status`, { status: 'deleted' })).location).toBe(
      '/mypage/services',
    );
    expect((await client.post(`/services/${serviceId}/status`, { status: 'published' })).status).toBe(404);
  });
});
