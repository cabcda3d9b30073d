import { expect, it } from 'vitest';
import { dictionaries } from '../../dictionary';
import { HOUR } from '../../platform/clock';
import { TestClient } from '../../../tests/support/client';
import { createMember } from '../../../tests/support/factories';
import { asCurrent, categoryId, createOrder, createService } from '../../../tests/support/marketplace';
import { describeOnDatabases } from '../../../tests/support/suites';
import { editReview, leaveReview, ratingOf } from '../reviews';
import { changeServiceStatus, saveService } from './commands';
import { services } from '../schema';
import { PAGE_SIZE, SEARCH_MAX_PAGE } from './queries';
import { searchServices } from '../search/cards';
import { normaliseForSearch, queryTerms, searchTermsOf, serviceTermsOf } from './searchTerms';

it('makes bigram search terms from Japanese and latin text alike', () => {
  expect(searchTermsOf('ロゴ作成')).toEqual(expect.arrayContaining(['ロゴ', 'ゴ作', '作成', 'ロ']));
  expect(queryTerms('ＬＯＧＯ　翻訳').terms).toEqual(['lo', 'go', '翻訳']);
  expect(queryTerms('和風の名刺').terms).toEqual(['和風', 'の名', '名刺']);
  expect(queryTerms('字').terms).toEqual(['字']);
});

describeOnDatabases('services and reviews', (ctx) => {
  it('finds published services by a Japanese word, in order, and never drafts, paused or deleted ones', async () => {
    const seller = await createMember(ctx());
    const tag = `${Date.now() % 100000}`;
    const visible = await createService(ctx(), seller, {
      title: `英語の翻訳を丁寧に${tag}`,
      description: 'ビジネス文書の翻訳',
      categorySlug: 'translation',
      priceYen: 3000,
    });
    const cheaper = await createService(ctx(), seller, {
      title: `翻訳します${tag}`,
      description: '短い文章を訳します',
      categorySlug: 'translation',
      priceYen: 1000,
    });
    const draft = await createService(ctx(), seller, {
      title: `翻訳の下書き${tag}`,
      description: 'x',
      categorySlug: 'translation',
      publish: false,
    });
    const paused = await createService(ctx(), seller, {
      title: `翻訳停止中${tag}`,
      description: 'x',
      categorySlug: 'translation',
    });
    await changeServiceStatus(ctx().deps, asCurrent(seller), paused, 'paused');
    const byWord = await searchServices(ctx().deps, { words: `翻訳 ${tag}`, sort: 'price_asc', page: 1 });
    expect(byWord.items.map((s) => s.id)).toEqual([cheaper, visible]);
    expect(byWord.items.map((s) => s.id)).not.toContain(draft);
    // Characters that are all there but not in this order do not match.
    expect((await searchServices(ctx().deps, { words: `訳翻${tag}`, sort: 'new', page: 1 })).items).toHaveLength(0);
    const parent = await searchServices(ctx().deps, {
      words: tag,
      categoryIds: [await categoryId(ctx(), 'writing'), await categoryId(ctx(), 'translation')],
      sort: 'new',
      page: 1,
    });
    expect(parent.items.map((s) => s.id)).toEqual([cheaper, visible]);
    await changeServiceStatus(ctx().deps, asCurrent(seller), visible, 'deleted');
    expect(
      (await changeServiceStatus(ctx().deps, asCurrent(seller), visible, 'published'))?.(dictionaries.ja),
    ).toContain('見つかりません');
    expect(
      (await searchServices(ctx().deps, { words: `翻訳 ${tag}`, sort: 'new', page: 1 })).items.map((s) => s.id),
    ).toEqual([cheaper]);
  });

  it('offers no next page beyond the last page search serves', async () => {
    const seller = await createMember(ctx());
    const tag = `深頁${Date.now() % 100000}`;
    const now = ctx().clock.now();
    const text = `${tag}のロゴ 説明`;
    const category = await categoryId(ctx());
    // More services than SEARCH_MAX_PAGE pages hold, in one insert: a thousand saveService calls would only make the test slow.
    await ctx()
      .deps.db.insert(services)
      .values(
        Array.from({ length: SEARCH_MAX_PAGE * PAGE_SIZE + 1 }, () => ({
          sellerId: seller.id,
          title: `${tag}のロゴ`,
          description: '説明',
          priceYen: 5000,
          deliveryDays: 5,
          categoryId: category,
          status: 'published' as const,
          searchTerms: serviceTermsOf(text, category),
          searchText: normaliseForSearch(text),
          createdAt: now,
          updatedAt: now,
        })),
      );
    expect((await searchServices(ctx().deps, { words: tag, sort: 'new', page: SEARCH_MAX_PAGE - 1 })).pages).toBe(
      SEARCH_MAX_PAGE,
    );
    const last = await searchServices(ctx().deps, { words: tag, sort: 'new', page: SEARCH_MAX_PAGE });
    expect(last.items).toHaveLength(PAGE_SIZE);
    expect(last.pages).toBe(SEARCH_MAX_PAGE);
    const page = await new TestClient(ctx()).get(`/search?q=${encodeURIComponent(tag)}&page=${SEARCH_MAX_PAGE}`);
    expect(page.text).not.toContain(`page=${SEARCH_MAX_PAGE + 1}`);
    expect(page.text).toContain(`page=${SEARCH_MAX_PAGE - 1}`);
  });

  it('refuses a price outside the limits, a top-level category, and a stranger editing someone else’s service', async () => {
    const seller = await createMember(ctx());
    const stranger = await createMember(ctx());
    const base = { title: 'x', description: 'y', deliveryDays: 3, categoryId: await categoryId(ctx(), 'logo') };
    const cheap = await saveService(ctx().deps, asCurrent(seller), null, { ...base, priceYen: 100 }, true);
    expect(!cheap.ok && cheap.errors.priceYen?.(dictionaries.ja)).toContain('500円から1,000,000円');
    const top = await saveService(
      ctx().deps,
      asCurrent(seller),
      null,
      { ...base, priceYen: 1000, categoryId: await categoryId(ctx(), 'design') },
      true,
    );
    expect(!top.ok && top.errors.categoryId).toBeTruthy();
    const serviceId = await createService(ctx(), seller);
    const hijack = await saveService(ctx().deps, asCurrent(stranger), serviceId, { ...base, priceYen: 1000 }, true);
    expect(hijack.ok).toBe(false);
    expect(await changeServiceStatus(ctx().deps, asCurrent(stranger), serviceId, 'paused')).not.toBeNull();
  });

  it('lets each side review the other once after completion, edit for 72 hours, and keeps averages in step', async () => {
    const order = await createOrder(ctx(), { status: 'completed' });
    const outsider = await createMember(ctx());
    expect((await leaveReview(ctx().deps, outsider.id, order.orderId, { rating: 1, comment: 'x' })).ok).toBe(false);
    expect(
      (await leaveReview(ctx().deps, order.buyer.id, order.orderId, { rating: 4, comment: '丁寧でした' })).ok,
    ).toBe(true);
    expect((await leaveReview(ctx().deps, order.buyer.id, order.orderId, { rating: 5, comment: 'again' })).ok).toBe(
      false,
    );
    expect(
      (await leaveReview(ctx().deps, order.seller.id, order.orderId, { rating: 5, comment: 'スムーズでした' })).ok,
    ).toBe(true);
    expect(await ratingOf(ctx().deps.db, order.seller.id)).toEqual({ average: 4, count: 1 });
    ctx().clock.advance(71 * HOUR);
    expect(
      (await editReview(ctx().deps, order.buyer.id, order.orderId, { rating: 5, comment: '追記：とても丁寧' })).ok,
    ).toBe(true);
    expect(await ratingOf(ctx().deps.db, order.seller.id)).toEqual({ average: 5, count: 1 });
    const card = (await searchServices(ctx().deps, { sort: 'rating', page: 1 })).items.find(
      (s) => s.id === order.serviceId,
    );
    expect(card?.ratingAverage).toBe(5);
    ctx().clock.advance(2 * HOUR);
    const late = await editReview(ctx().deps, order.buyer.id, order.orderId, { rating: 1, comment: 'changed my mind' });
    expect(!late.ok && late.problem(dictionaries.ja)).toContain('72時間');
    const pending = await createOrder(ctx(), { status: 'delivered' });
    expect((await leaveReview(ctx().deps, pending.buyer.id, pending.orderId, { rating: 3, comment: 'x' })).ok).toBe(
      false,
    );
  });
});
