import { eq } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { members } from '../../accounts/schema';
import { createMember } from '../../../tests/support/factories';
import { categoryId } from '../../../tests/support/marketplace';
import { describeOnDatabases } from '../../../tests/support/suites';
import { services } from '../schema';
import { normaliseForSearch, serviceTermsOf } from '../services/searchTerms';
import { COUNT_CAP, PAGE_SIZE } from '../../platform/searchPort';
import { searchServices } from './cards';

// More matches than the first step's cap, so the PostgreSQL engine walks the sort order (its second step).
describeOnDatabases('search with more matches than the count shows', (ctx) => {
  it('walks the order past hidden sellers, and meets words and a category in the index', async () => {
    const seller = await createMember(ctx());
    const suspended = await createMember(ctx());
    const tag = `多数${Date.now() % 100000}`;
    const logo = await categoryId(ctx(), 'logo');
    const translation = await categoryId(ctx(), 'translation');
    const now = ctx().clock.now().getTime();
    const row = (sellerId: string, i: number, category: number) => {
      const text = `${tag}のデザイン ${i}`;
      const at = new Date(now - i * 60_000);
      return {
        sellerId,
        title: `${tag}のデザイン`,
        description: String(i),
        priceYen: 500 + ((i * 37) % 100) * 100,
        deliveryDays: 3,
        categoryId: category,
        status: 'published' as const,
        searchTerms: serviceTermsOf(text, category),
        searchText: normaliseForSearch(text),
        createdAt: at,
        updatedAt: at,
      };
    };
    const db = ctx().deps.db;
    // The suspended seller's services are the newest: a walk that forgot the rule would show them first.
    const hidden = await db
      .insert(services)
      .values(Array.from({ length: 30 }, (_, i) => row(suspended.id, i, logo)))
      .returning({ id: services.id });
    const shown = await db
      .insert(services)
      .values(Array.from({ length: COUNT_CAP + 150 }, (_, i) => row(seller.id, 100 + i, logo)))
      .returning({ id: services.id, priceYen: services.priceYen, createdAt: services.createdAt });
    const translated = await db
      .insert(services)
      .values(Array.from({ length: 5 }, (_, i) => row(seller.id, 5000 + i, translation)))
      .returning({ id: services.id });
    await db.update(members).set({ status: 'suspended' }).where(eq(members.id, suspended.id));
    const search = (query: Parameters<typeof searchServices>[1]) => searchServices(ctx().deps, query);

    const newest = await search({ words: tag, sort: 'new', page: 1 });
    expect(newest.capped).toBe(true);
    expect(newest.items.map((s) => s.id)).toEqual(shown.slice(0, PAGE_SIZE).map((s) => s.id));
    expect(newest.items.some((s) => hidden.some((h) => h.id === s.id))).toBe(false);

    // The engine's order for price_asc: price, then id from the highest.
    const byPrice = [...shown].sort((a, b) => a.priceYen - b.priceYen || (a.id < b.id ? 1 : -1));
    const cheapest = await search({ words: tag, sort: 'price_asc', page: 3, categoryIds: [logo] });
    expect(cheapest.items.map((s) => s.id)).toEqual(byPrice.slice(2 * PAGE_SIZE, 3 * PAGE_SIZE).map((s) => s.id));

    const inTranslation = await search({ words: tag, sort: 'new', page: 1, categoryIds: [translation] });
    expect(inTranslation).toMatchObject({ total: 5, capped: false, pages: 1 });
    expect(inTranslation.items.map((s) => s.id)).toEqual(translated.map((t) => t.id));
  });
});
