import { eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { members } from '../../accounts/schema';
import { reports } from '../../reports/schema';
import { decideReport, fileReport } from '../../reports/reports';
import { liftSuspension, suspendMember } from '../../trust/suspension';
import { pauseMember } from '../../withdrawal/pause';
import { withdrawMember } from '../../withdrawal/withdrawMember';
import { SEARCH_SYNC_JOB, type SearchQuery, type SearchSort } from '../../platform/searchPort';
import { countInServiceRating } from '../reviews';
import { services } from '../schema';
import { changeServiceStatus, saveService } from '../services/commands';
import { normaliseForSearch, queryTerms } from '../services/searchTerms';
import { searchServices } from './cards';
import { groongaCommand } from './groongaEngine';
import { createTestContext, type TestContext } from '../../../tests/support/context';
import { enabledDatabases } from '../../../tests/support/databases';
import { createMember } from '../../../tests/support/factories';
import { runGroongaSuites, startGroonga, type GroongaServer } from '../../../tests/support/groonga';
import { asCurrent, categoryId, createService } from '../../../tests/support/marketplace';

type Catalogue = { visible: string[]; hidden: Record<string, string> };
const origin = { ip: null, userAgent: 'test' };

/** The same catalogue on every engine, made through the real commands: what buyers may see, and what not. */
async function buildCatalogue(ctx: TestContext): Promise<Catalogue> {
  const deps = ctx.deps;
  const seller = await createMember(ctx);
  const make = (title: string, description: string, more: Parameters<typeof createService>[2] = {}) =>
    createService(ctx, seller, { title, description, ...more });
  const visible = [
    await make('シンプルなロゴを作成します', '名刺にも使えるデザイン', { priceYen: 3000, deliveryDays: 3 }),
    await make('高級感のあるロゴ制作', '企業向けのロゴデザイン', { priceYen: 20000, deliveryDays: 10 }),
    await make('英語の翻訳をします', 'ビジネス文書の翻訳', { priceYen: 5000, categorySlug: 'translation' }),
    await make('Logo design in English', 'A clean mylogo for you', { priceYen: 8000, deliveryDays: 7 }),
    await make('ＬＯＧＯ　全角のロゴ', 'ﾊﾝｶｸ ｶﾀｶﾅ も同じ', { priceYen: 7000, deliveryDays: 2 }),
  ];
  // Edited: its old words leave the index, its new words and price come in.
  const edited = await make('カラスの絵を描きます', '鳥のイラスト', { priceYen: 1000, deliveryDays: 2 });
  const editedInput = {
    title: 'ロゴの修正をします',
    description: '既存ロゴを整えます',
    priceYen: 12000,
    deliveryDays: 4,
    categoryId: await categoryId(ctx),
  };
  expect((await saveService(deps, asCurrent(seller), edited, editedInput, false)).ok).toBe(true);
  const republished = await make('ロゴ 再公開', '一度休止したロゴ', { priceYen: 4000, deliveryDays: 6 });
  expect(await changeServiceStatus(deps, asCurrent(seller), republished, 'paused')).toBeNull();
  expect(await changeServiceStatus(deps, asCurrent(seller), republished, 'published')).toBeNull();
  const rated = await make('ロゴ 評価あり', 'レビューのあるロゴ', { priceYen: 6000 });
  await deps.db.transaction(async (tx) => {
    await countInServiceRating(tx, deps, { sellerId: seller.id, serviceId: rated }, seller.id, 5, 1);
    await countInServiceRating(tx, deps, { sellerId: seller.id, serviceId: visible[1] }, seller.id, 4, 1);
  });
  // More than a page of one word, for page 2.
  const paged: string[] = [];
  for (let i = 0; i < 22; i++) paged.push(await make(`まとめ売り${i}`, 'ページ送り', { priceYen: 1000 + i * 10 }));
  visible.push(edited, republished, rated, ...paged);

  const hidden: Record<string, string> = {
    reported: await make('ロゴ 通報済み', '非表示にされたロゴ'),
    paused: await make('ロゴ 休止中', '休止したロゴ'),
    deleted: await make('ロゴ 削除済み', '削除したロゴ'),
    draft: await make('ロゴ 下書き', '下書きのロゴ', { publish: false }),
  };
  expect(await changeServiceStatus(deps, asCurrent(seller), hidden.paused, 'paused')).toBeNull();
  expect(await changeServiceStatus(deps, asCurrent(seller), hidden.deleted, 'deleted')).toBeNull();
  const reporter = await createMember(ctx);
  const operator = await createMember(ctx, { role: 'operator' });
  const reason = { kind: 'service' as const, targetId: hidden.reported, reason: 'spam' as const, detail: '' };
  expect((await fileReport(deps, reporter.id, reason)).ok).toBe(true);
  const [report] = await deps.db.select().from(reports).where(eq(reports.targetId, hidden.reported));
  expect(await decideReport(deps, { id: operator.id }, report.id, 'hide')).toBe(true);

  const withdrawn = await createMember(ctx);
  hidden.withdrawnSeller = await createService(ctx, withdrawn, { title: 'ロゴ 退会者', description: 'ロゴ' });
  const withdrawal = await withdrawMember(deps, asCurrent(withdrawn), { reasons: [], freeText: '' }, origin);
  expect(withdrawal.ok).toBe(true);
  const suspended = await createMember(ctx);
  hidden.suspendedSeller = await createService(ctx, suspended, { title: 'ロゴ 停止者', description: 'ロゴ' });
  await suspendMember(deps, null, suspended.id, { reason: '規約違反', endsAt: null });
  const resting = await createMember(ctx);
  hidden.pausedSeller = await createService(ctx, resting, { title: 'ロゴ 休止会員', description: 'ロゴ' });
  expect(await pauseMember(deps, asCurrent(resting), origin)).toBeNull();

  await deps.jobs.drain(SEARCH_SYNC_JOB);
  return { visible, hidden };
}

/** What a buyer should get, worked out here from the rows themselves: the reference every engine must match. */
async function expected(ctx: TestContext, catalogue: Catalogue, query: SearchQuery) {
  const rows = await ctx.deps.db.select().from(services).where(inArray(services.id, catalogue.visible));
  const words = queryTerms(query.words ?? '').words;
  const rating = (r: (typeof rows)[number]) => (r.ratingCount > 0 ? r.ratingSum / r.ratingCount : null);
  const matching = rows.filter(
    (r) =>
      words.every((w) => r.searchText.includes(normaliseForSearch(w))) &&
      (!query.categoryIds || query.categoryIds.includes(r.categoryId)) &&
      (query.priceMin === undefined || r.priceYen >= query.priceMin) &&
      (query.priceMax === undefined || r.priceYen <= query.priceMax) &&
      (query.maxDeliveryDays === undefined || r.deliveryDays <= query.maxDeliveryDays) &&
      (query.minRating === undefined || (rating(r) ?? -1) >= query.minRating),
  );
  const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);
  const orders: Record<SearchSort, (a: (typeof rows)[number], b: (typeof rows)[number]) => number> = {
    new: (a, b) => b.createdAt.getTime() - a.createdAt.getTime() || byId(a, b),
    rating: (a, b) => (rating(b) ?? -1) - (rating(a) ?? -1) || b.ratingCount - a.ratingCount || byId(a, b),
    price_asc: (a, b) => a.priceYen - b.priceYen || byId(a, b),
    price_desc: (a, b) => b.priceYen - a.priceYen || byId(a, b),
  };
  const sorted = matching.sort(orders[query.sort]).map((r) => r.id);
  return { ids: sorted.slice((query.page - 1) * 20, query.page * 20), total: sorted.length };
}

async function queries(ctx: TestContext): Promise<SearchQuery[]> {
  const logo = await categoryId(ctx, 'logo');
  const translation = await categoryId(ctx, 'translation');
  const sorts = ['new', 'rating', 'price_asc', 'price_desc'] as const;
  return [
    ...sorts.map((sort) => ({ sort, page: 1 })),
    { sort: 'new', page: 2 },
    ...sorts.map((sort) => ({ words: 'ロゴ', sort, page: 1 })),
    { words: 'ロゴ', categoryIds: [logo], sort: 'new', page: 1 },
    { words: 'ロゴ', priceMin: 4000, priceMax: 12000, sort: 'price_asc', page: 1 },
    { words: 'ロゴ', maxDeliveryDays: 5, sort: 'new', page: 1 },
    { words: 'ロゴ', minRating: 4, sort: 'rating', page: 1 },
    { words: '翻訳', categoryIds: [translation], sort: 'new', page: 1 },
    { words: '翻訳', categoryIds: [logo], sort: 'new', page: 1 },
    { words: 'logo', sort: 'new', page: 1 },
    { words: 'ＬＯＧＯ', sort: 'new', page: 1 },
    { words: 'ハンカク', sort: 'new', page: 1 },
    { words: 'カラス', sort: 'new', page: 1 },
    { words: 'ロ', sort: 'new', page: 1 },
    { words: 'ロゴ 修正', sort: 'new', page: 1 },
    { words: '高級感', sort: 'new', page: 1 },
    { words: 'デザイン', sort: 'price_desc', page: 1 },
    { words: 'まとめ売り', sort: 'price_asc', page: 2 },
    { words: '存在しない', sort: 'new', page: 1 },
  ];
}

const engines = runGroongaSuites ? (['postgres', 'groonga'] as const) : (['postgres'] as const);

for (const kind of enabledDatabases()) {
  for (const engine of engines) {
    describe(`search on ${engine} [${kind}]`, () => {
      let ctx: TestContext;
      let groonga: GroongaServer | null = null;
      let catalogue: Catalogue;
      beforeAll(async () => {
        if (engine === 'groonga') groonga = await startGroonga();
        ctx = await createTestContext(kind, { env: groonga ? { SEARCH_URL: groonga.url } : {} });
        expect(ctx.deps.search.kind).toBe(engine);
        catalogue = await buildCatalogue(ctx);
      }, 60_000);
      afterAll(async () => {
        await ctx?.close();
        await groonga?.close();
      });

      it('answers every query with the same services, order and count as the rows say', async () => {
        for (const query of await queries(ctx)) {
          const want = await expected(ctx, catalogue, query);
          // The engine's own answer, before any re-check: hidden services must have left its index.
          const hits = await ctx.deps.search.query(query);
          expect({ query, ids: hits.ids, total: hits.total }).toEqual({ query, ...want });
          const result = await searchServices(ctx.deps, query);
          expect(result.items.map((s) => s.id)).toEqual(want.ids);
          expect(result.total).toBe(want.total);
        }
        expect((await ctx.deps.search.health()).state).toBe('up');
      });

      it('never shows a hidden, paused, deleted, draft, withdrawn, suspended or resting seller’s service', async () => {
        const all = await ctx.deps.search.query({ words: 'ロゴ', sort: 'new', page: 1 });
        for (const id of Object.values(catalogue.hidden)) expect(all.ids).not.toContain(id);
        const browse = await ctx.deps.search.query({ sort: 'new', page: 1 });
        for (const id of Object.values(catalogue.hidden)) expect(browse.ids).not.toContain(id);
      });

      it('re-checks the engine’s answer against the database: a service hidden a moment ago never shows', async () => {
        const [first] = (await ctx.deps.search.query({ words: '高級感', sort: 'new', page: 1 })).ids;
        // Straight to the row, as if the sync job had not run yet.
        await ctx.deps.db.update(services).set({ status: 'paused' }).where(eq(services.id, first));
        try {
          const hits = await ctx.deps.search.query({ words: '高級感', sort: 'new', page: 1 });
          // Groonga still holds it until the job runs; PostgreSQL reads the row itself.
          expect(hits.ids.includes(first)).toBe(engine === 'groonga');
          expect((await searchServices(ctx.deps, { words: '高級感', sort: 'new', page: 1 })).items).toEqual([]);
        } finally {
          await ctx.deps.db.update(services).set({ status: 'published' }).where(eq(services.id, first));
        }
      });

      it('rebuilds a wrong index from the database while search goes on answering', async () => {
        const [lost] = catalogue.visible;
        const stale = catalogue.hidden.paused;
        if (engine === 'groonga') {
          await groongaCommand(groonga!.url, 'delete', { table: 'Services', key: lost });
          const row = { _key: stale, text: 'ロゴ 休止中', category: await categoryId(ctx), price: 1, delivery: 1 };
          await groongaCommand(groonga!.url, 'load', { table: 'Services' }, [row]);
        } else {
          await ctx.deps.db.update(services).set({ searchTerms: [], searchText: '' }).where(eq(services.id, lost));
        }
        const logo = { words: 'ロゴ', sort: 'new' as const, page: 1 };
        const wrong = (await ctx.deps.search.query(logo)).ids;
        expect(wrong).not.toContain(lost);
        if (engine === 'groonga') expect(wrong).toContain(stale);

        const answers: Promise<unknown>[] = [];
        const seen: [number, number][] = [];
        await ctx.deps.search.rebuild((done, total) => {
          seen.push([done, total]);
          answers.push(ctx.deps.search.query(logo));
        });
        expect(seen.at(-1)![0]).toBe(seen.at(-1)![1]);
        expect(seen.at(-1)![0]).toBeGreaterThanOrEqual(catalogue.visible.length);
        for (const answer of await Promise.all(answers)) expect(answer).toHaveProperty('ids');
        expect((await ctx.deps.search.health()).state).toBe('up');
        for (const query of await queries(ctx)) {
          const hits = await ctx.deps.search.query(query);
          expect({ query, ids: hits.ids, total: hits.total }).toEqual({
            query,
            ...(await expected(ctx, catalogue, query)),
          });
        }
      });

      it('brings back a seller’s services when a suspension is lifted', async () => {
        const [member] = await ctx.deps.db
          .select()
          .from(members)
          .innerJoin(services, eq(services.sellerId, members.id))
          .where(eq(services.id, catalogue.hidden.suspendedSeller));
        expect(await liftSuspension(ctx.deps, null, member.members.id)).toBe(true);
        await ctx.deps.jobs.drain(SEARCH_SYNC_JOB);
        expect((await ctx.deps.search.query({ words: '停止者', sort: 'new', page: 1 })).ids).toEqual([
          catalogue.hidden.suspendedSeller,
        ]);
        await suspendMember(ctx.deps, null, member.members.id, { reason: '規約違反', endsAt: null });
        await ctx.deps.jobs.drain(SEARCH_SYNC_JOB);
        expect((await ctx.deps.search.query({ words: '停止者', sort: 'new', page: 1 })).ids).toEqual([]);
      });
    });
  }
}
