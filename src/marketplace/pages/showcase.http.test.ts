import { eq } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { TestClient } from '../../../tests/support/client';
import { createMember, DEFAULT_PASSWORD } from '../../../tests/support/factories';
import { asCurrent, categoryId, createOrder, createService } from '../../../tests/support/marketplace';
import { describeOnDatabases } from '../../../tests/support/suites';
import { phoneNumbers } from '../../security/schema';
import { demoCoverPng } from '../../seed/demoImage';
import { transitionOrder } from '../orders/transitions';
import { reviews } from '../schema';
import { saveService } from '../services/commands';

// The cards, the service page's frame and the order room as a chat: what a member sees and can press.
describeOnDatabases('service cards, service page and order room', (ctx) => {
  const loggedIn = async (member: { email: string }) => {
    const client = new TestClient(ctx());
    await client.logIn(member.email, DEFAULT_PASSWORD);
    return client;
  };
  const cardOf = (html: string, serviceId: string) => {
    const cards = html.split('data-testid="service-card"').slice(1);
    return cards.find((c) => c.includes(`/services/${serviceId}"`)) ?? '';
  };

  it('makes each card one link with a cover: the first picture, or the title on the category colour', async () => {
    const seller = await createMember(ctx());
    const plain = await createService(ctx(), seller, { title: '表紙のない筆文字デザイン' });
    const pictured = await saveService(
      ctx().deps,
      asCurrent(seller),
      null,
      {
        title: '表紙のある筆文字デザイン',
        description: '作品の写真つきです。',
        priceYen: 8000,
        deliveryDays: 4,
        categoryId: await categoryId(ctx()),
      },
      true,
      [demoCoverPng('logo', [37, 99, 235])],
    );
    if (!pictured.ok) throw new Error('service with a picture was refused');
    const page = (await new TestClient(ctx()).get('/search?q=筆文字デザイン')).text;
    const noPicture = cardOf(page, plain);
    const withPicture = cardOf(page, pictured.serviceId);
    // One link per card, stretched over it; no second link to the same service.
    expect(noPicture.match(/href="\/services\/[^"]+"/g)).toEqual([`href="/services/${plain}"`]);
    expect(noPicture).toContain('class="card-link"');
    expect(noPicture).toMatch(/data-testid="cover-text"><span>表紙のない筆文字デザイン<\/span>/);
    expect(noPicture).toMatch(/class="cover cover-text cover-hue-\d"/);
    expect(noPicture).toContain('5,000円<small>税込</small>');
    expect(withPicture).toMatch(
      new RegExp(`<img class="cover" src="/services/${pictured.serviceId}/images/[0-9a-f-]+"`),
    );
    expect(withPicture).not.toContain('cover-text');
    // The picture the card points at is served (a real PNG made in code).
    const src = /src="(\/services\/[^"]+\/images\/[^"]+)"/.exec(withPicture)![1];
    const image = await new TestClient(ctx()).get(src);
    expect(image.status).toBe(200);
  });

  it('shows breadcrumbs, the buy box with price and days, the phone bar and the seller card with its badge', async () => {
    const seller = await createMember(ctx());
    const serviceId = await createService(ctx(), seller, { priceYen: 12000, deliveryDays: 6 });
    const buyer = await loggedIn(await createMember(ctx()));
    let page = (await buyer.get(`/services/${serviceId}`)).text;
    expect(page).toMatch(
      /<nav class="breadcrumbs"[^>]*>[\s\S]*href="\/"[\s\S]*href="\/categories\/design"[\s\S]*href="\/categories\/logo"/,
    );
    expect(page).toMatch(/data-testid="buy-price">12,000円<small>税込<\/small>/);
    expect(page).toContain('お届け日数 6日');
    expect(page).toMatch(/class="buy-bar"[\s\S]*href="#buy"/);
    expect(page).toContain('id="buy"');
    expect(page).toMatch(/data-testid="seller-card"[\s\S]*販売実績 0件/);
    expect(page).not.toContain('data-testid="badge-phone"');
    const now = ctx().deps.clock.now();
    await ctx()
      .deps.db.insert(phoneNumbers)
      .values({ memberId: seller.id, phoneE164: '+819012345678', verifiedAt: now, createdAt: now });
    page = (await buyer.get(`/services/${serviceId}`)).text;
    expect(page).toMatch(/data-testid="badge-phone">✓ 電話番号確認済み/);
  });

  it('shows the room oldest first, mine on the right, with the step bar, Japan-time dates and whose turn it is', async () => {
    // 16:00 UTC is 01:00 the next day in Japan: the dates below are Japanese dates.
    ctx().clock.set(new Date('2026-05-10T16:00:00Z'));
    const order = await createOrder(ctx());
    const buyer = await loggedIn(order.buyer);
    const seller = await loggedIn(order.seller);
    await buyer.post(`/orders/${order.orderId}/messages`, { body: 'はじめのご挨拶です' });
    ctx().clock.advance(60_000);
    await seller.post(`/orders/${order.orderId}/messages`, { body: 'お返事いたします' });
    const asBuyer = (await buyer.get(`/orders/${order.orderId}`)).text;
    expect(asBuyer.indexOf('はじめのご挨拶です')).toBeLessThan(asBuyer.indexOf('お返事いたします'));
    expect(asBuyer).toMatch(/class="bubble message message mine"[^>]*>[\s\S]*?はじめのご挨拶です/);
    expect(asBuyer).toMatch(/class="bubble message message theirs"[^>]*>[\s\S]*?お返事いたします/);
    // The composer comes after the messages.
    expect(asBuyer.indexOf('data-testid="messages"')).toBeLessThan(asBuyer.indexOf('class="composer"'));
    expect(asBuyer).toMatch(/<li class="done">購入<\/li><li class="current" aria-current="step">作業中<\/li>/);
    expect(asBuyer).toContain('お届け予定日：2026年5月16日'); // bought on 11 May (Japan) + 5 days
    // The seller's turn: the box is theirs, the buyer is told whom they wait for.
    expect(asBuyer).not.toContain('data-testid="next-step"');
    expect(asBuyer).toMatch(/いまは.+さんの番です/);
    const asSeller = (await seller.get(`/orders/${order.orderId}`)).text;
    expect(asSeller).toMatch(/data-testid="next-step"[\s\S]*2026年5月16日までに「納品する」から納品してください/);

    const delivered = await transitionOrder(
      ctx().deps,
      order.orderId,
      'deliver',
      { kind: 'member', id: order.seller.id },
      { message: '納品します' },
    );
    expect(delivered.ok).toBe(true);
    const afterDelivery = (await buyer.get(`/orders/${order.orderId}`)).text;
    expect(afterDelivery).toMatch(/<li class="done">納品<\/li><li class="current" aria-current="step">承認<\/li>/);
    const autoDate = new Date(
      Date.parse('2026-05-10T16:01:00Z') + ctx().deps.config.marketplace.autoApproveDays * 86_400_000,
    );
    const japanDay = autoDate.toLocaleDateString('ja-JP', { timeZone: 'Asia/Tokyo', month: 'long', day: 'numeric' });
    expect(afterDelivery).toContain(`自動承認日：2026年${japanDay}`);
    expect(afterDelivery).toMatch(/data-testid="next-step"[\s\S]*「承認する」を押してください/);
    expect((await seller.get(`/orders/${order.orderId}`)).text).not.toContain('data-testid="next-step"');
  });

  it('takes a review from the star radios, with the field and values the select had', async () => {
    const order = await createOrder(ctx(), { status: 'completed' });
    const buyer = await loggedIn(order.buyer);
    const page = (await buyer.get(`/orders/${order.orderId}`)).text;
    expect(page).not.toContain('<select');
    expect(page.match(/<input type="radio" id="f-rating-\d" name="rating" value="\d"/g)).toHaveLength(5);
    expect(page).toMatch(/id="f-rating-5" name="rating" value="5" checked/);
    expect(page).toMatch(/data-testid="next-step"[\s\S]*相手の評価を書いてください/);
    const sent = await buyer.post(`/orders/${order.orderId}/review`, { rating: '3', comment: '普通でした' });
    expect(sent.status).toBe(303);
    const [saved] = await ctx().deps.db.select().from(reviews).where(eq(reviews.orderId, order.orderId));
    expect(saved.rating).toBe(3);
    // The buyer has reviewed: now only the seller's turn is left.
    expect((await buyer.get(`/orders/${order.orderId}`)).text).not.toContain('data-testid="next-step"');
  });
});
