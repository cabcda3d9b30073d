import { sql } from 'drizzle-orm';
import { createLogger } from '../../src/platform/log';
import { openDatabase, type Database } from '../../src/platform/db/client';
import type { SearchEngine, SearchQuery } from '../../src/platform/searchPort';
import { searchServices } from '../../src/marketplace/search/cards';
import { groongaSearchEngine } from '../../src/marketplace/search/groongaEngine';
import { postgresSearchEngine } from '../../src/marketplace/search/postgresEngine';
import { groongaPath, startGroonga } from '../../tests/support/groonga';
import { loadAverage } from '../cpu';
import { createTarget, round, type Row, type Target } from '../lib';

// npm run bench (BENCH_ONLY=search): a catalogue of BENCH_SEARCH_SERVICES services (100k) for PGlite and
// PostgreSQL, and one of BENCH_GROONGA_SERVICES (1M) in its own database for Groonga (0 leaves it out);
// every query shape one at a time and then from 10 connections, on each engine present.
const SERVICES = Number(process.env.BENCH_SEARCH_SERVICES ?? 100_000);
const GROONGA_SERVICES = Number(process.env.BENCH_GROONGA_SERVICES ?? 1_000_000);
const LOAD_SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
const PER_SELLER = 20;
const KANJI = 0x4e00;

// The head of the word distribution, most common first; the tail is made-up katakana words (rank > 40).
const head = [
  'ロゴ',
  'デザイン',
  '作成',
  'します',
  'イラスト',
  '翻訳',
  'ホームページ',
  '動画編集',
  '名刺',
  'チラシ',
  'かわいい',
  'シンプルな',
  '高品質な',
  'おしゃれな',
  '和風の',
  '丁寧な',
  '修正無料',
  '商用利用可',
  '即日対応',
  '初心者歓迎',
  'プロが',
  '英会話',
  '似顔絵',
  'ナレーション',
  '作曲',
  '校正',
  'アプリ',
  '占い',
  '写真加工',
  'バナー',
  'スピーディー',
  'ポップな',
  '記事',
  'ブログ',
  'アイコン',
  'キャラクター',
  '相談',
  'レッスン',
  '制作',
  '対応',
];
const TAIL = 20_000;

/** The same word for a rank as the SQL below makes (tail words: three katakana from the rank's digits). */
const katakana = (n: number) => String.fromCharCode(0x30a2 + (n % 80));
const tailWord = (rank: number) => katakana(rank) + katakana(Math.floor(rank / 80)) + katakana(rank * 7);
/** Each service's one rare word: a pair of kanji from its number, as in the SQL. */
const rarePair = (g: number) =>
  String.fromCharCode(KANJI + ((g * 7919) % 2000)) + String.fromCharCode(KANJI + ((g * 104_729) % 1999));

export async function buildCatalogue(database: Database, size = SERVICES) {
  const db = database.db;
  const sellers = Math.ceil(size / PER_SELLER);
  await db.execute(sql`
    insert into members (email, username, display_name, status)
    select 'bench-seller' || g || '@example.test', 'bench_seller_' || g, '出品者' || g,
           case when g % 100 = 0 then 'suspended' else 'active' end
    from generate_series(1, ${sellers}) g`);
  await db.execute(sql`select setseed(0.17)`);
  // A word by Zipf's law over the head and the tail: rank r with probability ~ 1/r.
  const word = sql.raw(`(select case when r <= 40 then (array['${head.join("','")}'])[r]
      else chr(${0x30a2} + r % 80) || chr(${0x30a2} + (r / 80) % 80) || chr(${0x30a2} + (r * 7) % 80) end
      from (select least(${TAIL}, floor(exp(random() * ln(${TAIL})))::int) as r offset 0) z where g > 0)`);
  const chunk = 100_000;
  for (let from = 1; from <= size; from += chunk) {
    const to = Math.min(size, from + chunk - 1);
    await db.execute(sql`
      insert into services (seller_id, category_id, title, description, price_yen, delivery_days, status,
                            rating_sum, rating_count, search_text, created_at, updated_at)
      select s.id, c.ids[1 + g % array_length(c.ids, 1)], t.title, t.description,
             500 * (1 + (g * 31) % 100), 1 + (g * 13) % 30,
             case when g % 50 = 0 then 'paused' else 'published' end,
             case when g % 3 = 0 then (g % 40) * (3 + g % 3) else 0 end, case when g % 3 = 0 then g % 40 else 0 end,
             t.title || ' ' || t.description, now() - g * interval '1 minute', now()
      from generate_series(${from}::int, ${to}::int) g
      cross join (select array_agg(id order by id) ids from categories where parent_id is not null) c
      join lateral (select id from members where username = 'bench_seller_' || (1 + (g - 1) / ${PER_SELLER})) s on true
      cross join lateral (select ${word} || ${word} || ${word} as title,
          ${word} || ${word} || ' ' || ${word} || ${word} || ' ' || ${word} || ${word} || ' '
          || chr(${KANJI} + ((g::bigint * 7919) % 2000)::int) || chr(${KANJI} + ((g::bigint * 104729) % 1999)::int) as description) t`);
  }
  // Every character and neighbouring pair of each space-separated token and the category's term,
  // as serviceTermsOf makes them.
  await db.execute(sql`
    update services set search_terms = array(
      select distinct x from regexp_split_to_table(search_text, '\\s+') tok,
        lateral generate_series(1, char_length(tok)) i,
        lateral (values (substr(tok, i, 1)), (case when i < char_length(tok) then substr(tok, i, 2) end)) v(x)
      where x is not null and tok <> '') || ('c:' || category_id)`);
  // The update left the first versions' pages empty at the head of the table, which a catalogue built by
  // inserts does not have (a scan would cross them before the first row): rewrite it compactly.
  await db.execute(sql`vacuum full services`);
  await db.execute(sql`vacuum analyze services`);
  await db.execute(sql`analyze members`);
}

/** 1, 2, 3 and 6 characters, common and rare, plus two-word queries; each with and without a category, page 1 and 10. */
export function shapes(categoryId: number): { name: string; query: SearchQuery }[] {
  const words: [string, string][] = [
    ...['ロ', '翻', '名'].map((w) => ['1 common', w] as [string, string]),
    ...[1500, 1700, 1900].map((n) => ['1 rare', String.fromCharCode(KANJI + n)] as [string, string]),
    ...['ロゴ', '翻訳', '作成'].map((w) => ['2 common', w] as [string, string]),
    ...[12_345, 777, 4242].map((g) => ['2 rare', rarePair(g)] as [string, string]),
    ...['ホーム', 'イラス', '和風の'].map((w) => ['3 common', w] as [string, string]),
    ...[3000, 8000, 15_000].map((r) => ['3 rare', tailWord(r)] as [string, string]),
    ...['ホームページ', 'ナレーション', 'スピーディー'].map((w) => ['6 common', w] as [string, string]),
    ...[3001, 9001, 15_001].map((r) => ['6 rare', tailWord(r) + tailWord(r + 1)] as [string, string]),
    ['words', 'かわいい 和風の'],
    ['words', 'ロゴ 翻訳'],
  ];
  return words.flatMap(([kind, words]) =>
    [undefined, [categoryId]].flatMap((categoryIds) =>
      [1, 10].map((page) => ({
        name: `${kind} ${words}${categoryIds ? ' +category' : ''} p${page}`,
        query: { words, categoryIds, sort: 'new' as const, page },
      })),
    ),
  );
}

const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];

/** Each shape alone (best of three: the first run warms caches), then 10 connections searching for LOAD_SECONDS. */
async function measure(database: Database, engine: SearchEngine, categoryId: number, inProcess: boolean) {
  const deps = { db: database.db, search: engine };
  const all = shapes(categoryId);
  const single: { name: string; ms: number }[] = [];
  // One pass first, so the figures are a running server's (compiled code, warm caches), not a cold start's.
  for (const shape of all) await searchServices(deps, shape.query);
  for (const shape of all) {
    let best = Infinity;
    for (let i = 0; i < 3; i++) {
      // PGlite runs in this process, so its CPU is this process's; the server's is the wall time of one idle query.
      const cpu = process.cpuUsage();
      const started = performance.now();
      await searchServices(deps, shape.query);
      const used = process.cpuUsage(cpu);
      best = Math.min(best, inProcess ? (used.user + used.system) / 1000 : performance.now() - started);
    }
    single.push({ name: shape.name, ms: best });
  }
  const times = single.map((s) => s.ms).sort((a, b) => a - b);
  const latencies: number[] = [];
  const until = Date.now() + LOAD_SECONDS * 1000;
  await Promise.all(
    Array.from({ length: 10 }, async (_, c) => {
      for (let i = c; Date.now() < until; i += 7) {
        const started = performance.now();
        await searchServices(deps, all[i % all.length].query);
        latencies.push(performance.now() - started);
      }
    }),
  );
  latencies.sort((a, b) => a - b);
  const worst = single.reduce((a, b) => (b.ms > a.ms ? b : a));
  return {
    shapes: all.length,
    median: quantile(times, 0.5),
    p90: quantile(times, 0.9),
    worst: worst.ms,
    worstShape: worst.name,
    over50: times.filter((t) => t > 50).length,
    p99: quantile(latencies, 0.99),
    perSecond: latencies.length / LOAD_SECONDS,
  };
}

type Figures = Awaited<ReturnType<typeof measure>>;

function figureRows(name: string, n: string, m: Figures): Row[] {
  const worstTarget = name === 'pglite' ? 50 : name === 'groonga' ? 10 : 25;
  const cpu = name === 'pglite' ? 'CPU' : 'time';
  return [
    {
      database: name,
      measure: `search ${n}: ${cpu} per query, median (${m.shapes} shapes)`,
      value: `${round(m.median)} ms`,
      target: '',
    },
    { database: name, measure: `search ${n}: ${cpu} per query, p90`, value: `${round(m.p90)} ms`, target: '' },
    {
      database: name,
      measure: `search ${n}: worst (${m.worstShape})`,
      value: `${round(m.worst)} ms`,
      target: `≤ ${worstTarget} ms`,
    },
    { database: name, measure: `search ${n}: shapes over 50 ms`, value: String(m.over50), target: '0' },
    {
      database: name,
      measure: `search ${n}: p99 at 10 connections`,
      value: `${round(m.p99)} ms (${Math.round(m.perSecond)}/s)`,
      target: name === 'pglite' ? '' : '< 50 ms',
    },
    { database: name, measure: `search ${n}: load average after`, value: loadAverage(), target: '' },
  ];
}

/** A catalogue of `size` services in a migrated database; the category the shapes filter by. */
async function catalogue(target: Target, kind: string, size: number, rows: Row[]) {
  const database = await openDatabase({ url: target.env.DATABASE_URL, dataDir: target.env.DATA_DIR });
  await database.migrate();
  const building = Date.now();
  await buildCatalogue(database, size);
  rows.push({
    database: kind,
    measure: `search: build ${size / 1000}k services`,
    value: `${round((Date.now() - building) / 1000, 1)} s`,
    target: '',
  });
  const [{ id: categoryId }] = (
    (await database.db.execute(sql`select id from categories where slug = 'logo'`)) as { rows: { id: number }[] }
  ).rows;
  return { database, categoryId };
}

/** Groonga over its own catalogue (1M by default), loaded from a PostgreSQL database built for it. */
async function benchGroonga(rows: Row[], figures: Record<string, unknown>) {
  const target = await createTarget('postgres');
  if (!target) return;
  const groonga = await startGroonga();
  try {
    const { database, categoryId } = await catalogue(target, 'groonga', GROONGA_SERVICES, rows);
    try {
      const log = createLogger({ logLevel: 'warn', env: 'production' });
      const engine = groongaSearchEngine(groonga.url, database.db, log, postgresSearchEngine(database.db));
      const loading = Date.now();
      await engine.rebuild(() => {});
      const n = `${GROONGA_SERVICES / 1000}k`;
      rows.push({
        database: 'groonga',
        measure: `search: load ${n} into Groonga`,
        value: `${round((Date.now() - loading) / 1000, 1)} s`,
        target: '',
      });
      const m = await measure(database, engine, categoryId, false);
      figures[`search_groonga_${n}`] = m;
      rows.push(...figureRows('groonga', n, m));
    } finally {
      await database.close();
    }
  } finally {
    await groonga.close();
    await target.cleanup();
  }
}

export async function benchSearch(target: Target, kind: 'pglite' | 'postgres') {
  const rows: Row[] = [];
  const figures: Record<string, unknown> = {};
  const { database, categoryId } = await catalogue(target, kind, SERVICES, rows);
  try {
    const n = `${SERVICES / 1000}k`;
    const m = await measure(database, postgresSearchEngine(database.db), categoryId, kind === 'pglite');
    figures[`search_${kind}_${n}`] = m;
    rows.push(...figureRows(kind, n, m));
  } finally {
    await database.close();
  }
  if (kind === 'postgres' && groongaPath() && GROONGA_SERVICES > 0) await benchGroonga(rows, figures);
  return { rows, figures };
}
