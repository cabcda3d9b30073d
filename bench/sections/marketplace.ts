import { randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { hashPassword } from '../../src/accounts/password';
import { members } from '../../src/accounts/schema';
import { openDatabase, type Database } from '../../src/platform/db/client';
import { categories, orders, rooms, services } from '../../src/marketplace/schema';
import { normaliseForSearch, serviceTermsOf } from '../../src/marketplace/services/searchTerms';
import type { SearchSort } from '../../src/platform/searchPort';
import { idsStatement } from '../../src/marketplace/search/postgresEngine';
import { termFrequencies } from '../../src/marketplace/services/termStats';
import { load, round, Session, startApp, type Row, type Target } from '../lib';

const SERVICES = Number(process.env.BENCH_SERVICES ?? 100_000);
const ROOM_MESSAGES = 1_000;
const OTHER_MESSAGES = 99_000;
const PASSWORD = 'bench tea garden at sunrise';

// Words the generated catalogue is made of; searches use some of them, alone and together.
const subjects = [
  'ロゴ',
  'イラスト',
  '翻訳',
  'ホームページ',
  '動画編集',
  '英会話',
  '名刺',
  'チラシ',
  '似顔絵',
  'ナレーション',
  '作曲',
  '校正',
  'アプリ',
  '占い',
  '写真加工',
  'バナー',
];
const styles = ['シンプルな', 'かわいい', '高品質な', 'おしゃれな', '和風の', 'ポップな', '丁寧な', 'スピーディーな'];
const extras = ['修正無料', '商用利用可', '即日対応', '初心者歓迎', 'プロが対応', '低価格'];
const queries = [
  'ロゴ',
  '翻訳',
  '動画編集',
  'かわいい イラスト',
  '和風の名刺',
  '英会話',
  '商用利用可 バナー',
  'ナレーション',
  'アプリ',
  '似顔絵',
];
const sorts: SearchSort[] = ['new', 'rating', 'price_asc'];

/** A small integer hash (splitmix-style) for reproducible, uncorrelated test data. */
function mix(i: number, salt: number): number {
  let x = Math.imul(i + 1, 0x9e3779b1) ^ Math.imul(salt, 0x85ebca6b);
  x = Math.imul(x ^ (x >>> 16), 0x7feb352d);
  x = Math.imul(x ^ (x >>> 15), 0x846ca68b);
  return (x ^ (x >>> 16)) >>> 0;
}

async function openTarget(target: Target): Promise<Database> {
  const database = await openDatabase({ url: target.env.DATABASE_URL, dataDir: target.env.DATA_DIR });
  await database.migrate();
  return database;
}

/** 100,000 published services, plus two members and an order whose room holds 1,000 messages. */
export async function seedCatalogue(database: Database) {
  const db = database.db;
  const now = new Date();
  const passwordHash = await hashPassword(PASSWORD);
  const [seller] = await db
    .insert(members)
    .values({
      email: 'bench-seller@example.test',
      username: 'bench_seller',
      displayName: 'ベンチ出品者',
      passwordHash,
      emailVerifiedAt: now,
      createdAt: now,
      updatedAt: now,
    })
    .returning();
  const [buyer] = await db
    .insert(members)
    .values({
      email: 'bench-buyer@example.test',
      username: 'bench_buyer',
      displayName: 'ベンチ購入者',
      passwordHash,
      emailVerifiedAt: now,
      createdAt: now,
      updatedAt: now,
    })
    .returning();
  const leafCategories = (await db.select().from(categories)).filter((c) => c.parentId !== null).map((c) => c.id);
  let firstServiceId = '';
  for (let start = 0; start < SERVICES; start += 1000) {
    const batch = Array.from({ length: Math.min(1000, SERVICES - start) }, (_, k) => {
      const i = start + k;
      // Each attribute from its own hash of i, so words, prices and ratings are not correlated.
      const pick = <T>(list: T[], salt: number) => list[mix(i, salt) % list.length];
      const title = `${pick(styles, 1)}${pick(subjects, 2)}を作ります（${pick(extras, 3)}）No.${i}`;
      const description = `${pick(subjects, 4)}と${pick(subjects, 5)}のご相談もどうぞ。${pick(extras, 6)}。`;
      const text = `${title} ${description}`;
      const created = new Date(now.getTime() - i * 60_000);
      return {
        sellerId: seller.id,
        categoryId: leafCategories[i % leafCategories.length],
        title,
        description,
        priceYen: 500 + (mix(i, 7) % 200) * 100,
        deliveryDays: 1 + (mix(i, 8) % 14),
        status: 'published' as const,
        ratingSum: (1 + (mix(i, 9) % 5)) * (1 + (mix(i, 10) % 7)),
        ratingCount: 1 + (mix(i, 10) % 7),
        searchTerms: serviceTermsOf(text, leafCategories[i % leafCategories.length]),
        searchText: normaliseForSearch(text),
        createdAt: created,
        updatedAt: created,
      };
    });
    const inserted = await db.insert(services).values(batch).returning({ id: services.id });
    firstServiceId ||= inserted[0].id;
  }
  const [order] = await db
    .insert(orders)
    .values({
      serviceId: firstServiceId,
      buyerId: buyer.id,
      sellerId: seller.id,
      titleSnapshot: 'ベンチ用の取引',
      priceYen: 5000,
      chargedYen: 5000,
      paymentRef: 'bench',
      status: 'in_progress',
      idempotencyKey: randomUUID(),
      createdAt: now,
    })
    .returning();
  const [room] = await db
    .insert(rooms)
    .values({ kind: 'order', orderId: order.id, memberA: buyer.id, memberB: seller.id, createdAt: now })
    .returning();
  await insertMessages(db, room.id, [buyer.id, seller.id], ROOM_MESSAGES);
  await db.execute(sql`analyze`);
  return { orderId: order.id };
}

async function insertMessages(db: Database['db'], roomId: string, senders: string[], count: number) {
  await db.execute(sql`
    insert into messages (room_id, sender_id, kind, body, created_at)
    select ${roomId}, (array[${senders[0]}::uuid, ${senders[1]}::uuid])[1 + g % 2], 'message',
           'メッセージ本文 ' || g || ' です。よろしくお願いします。', now() - (${count} - g) * interval '1 minute'
    from generate_series(1, ${count}) g`);
}

/** 99,000 more messages in 99 other rooms: the room page must not slow down because of them. */
async function addOtherMessages(database: Database) {
  const db = database.db;
  const [seller] = await db.select().from(members).where(eq(members.username, 'bench_seller'));
  const [buyer] = await db.select().from(members).where(eq(members.username, 'bench_buyer'));
  for (let r = 0; r < OTHER_MESSAGES / 1000; r++) {
    const [room] = await db
      .insert(rooms)
      .values({
        kind: 'direct',
        memberA: r % 2 ? buyer.id : seller.id,
        memberB: r % 2 ? seller.id : buyer.id,
        createdAt: new Date(),
      })
      .onConflictDoNothing()
      .returning();
    const roomId =
      room?.id ??
      (
        await db
          .insert(rooms)
          .values({ kind: 'order', memberA: buyer.id, memberB: seller.id, createdAt: new Date() })
          .returning()
      )[0].id;
    await insertMessages(db, roomId, [buyer.id, seller.id], 1000);
  }
  await db.execute(sql`analyze`);
}

async function explainSearch(database: Database): Promise<{ usesIndex: boolean; plan: string }> {
  const statement = idsStatement(
    database.db,
    { words: '和風の名刺', sort: 'new', page: 1 },
    await termFrequencies(database.db),
  ).toSQL();
  const text = statement.sql.replace(/\$(\d+)/g, (_, n) => {
    const value = statement.params[Number(n) - 1];
    return Array.isArray(value)
      ? `'{${value.map((v) => `"${v}"`).join(',')}}'`
      : typeof value === 'number'
        ? String(value)
        : `'${String(value).replace(/'/g, "''")}'`;
  });
  const result: any = await database.db.execute(sql.raw(`explain ${text}`));
  const plan = result.rows.map((r: Record<string, string>) => Object.values(r)[0]).join('\n');
  return { usesIndex: plan.includes('services_search_terms_idx'), plan };
}

async function loggedInBuyer(baseUrl: string) {
  const session = new Session(baseUrl);
  await session.request('/login');
  const login = await session.request('/login', { email: 'bench-buyer@example.test', password: PASSWORD });
  if (login.status !== 303) throw new Error(`bench buyer login failed: ${login.status}`);
  return session;
}

export async function benchMarketplace(target: Target, database: string) {
  const seeding = Date.now();
  let db = await openTarget(target);
  const { orderId } = await seedCatalogue(db);
  const seedSeconds = round((Date.now() - seeding) / 1000, 1);
  const explained = await explainSearch(db);
  await db.close();

  let app = await startApp(target);
  const searchPaths = queries.flatMap((q, i) =>
    sorts.map((sort) => ({ path: `/search?q=${encodeURIComponent(q)}&sort=${sort}${i % 3 === 0 ? '&page=2' : ''}` })),
  );
  const search = await load({ url: app.baseUrl, connections: 10, requests: searchPaths });
  let session = await loggedInBuyer(app.baseUrl);
  const roomSmall = await load({
    url: `${app.baseUrl}/orders/${orderId}`,
    connections: 10,
    headers: { cookie: session.cookieHeader },
  });
  await app.stop();

  db = await openTarget(target);
  await addOtherMessages(db);
  await db.close();
  app = await startApp(target);
  session = await loggedInBuyer(app.baseUrl);
  const roomLarge = await load({
    url: `${app.baseUrl}/orders/${orderId}`,
    connections: 10,
    headers: { cookie: session.cookieHeader },
  });
  await app.stop();

  const figures = {
    services: SERVICES,
    seedSeconds,
    searchRps: search.rps,
    searchP99Ms: search.p99,
    searchErrors: search.non2xx + search.errors,
    searchPlanUsesIndex: explained.usesIndex,
    roomPageRps1k: roomSmall.rps,
    roomPageP99Ms1k: roomSmall.p99,
    roomPageRps100k: roomLarge.rps,
    roomPageP99Ms100k: roomLarge.p99,
    roomRatio: round(roomLarge.rps / roomSmall.rps),
  };
  if (process.env.BENCH_PLANS) console.log(`search plan (${database}):\n${explained.plan}`);
  const rows: Row[] = [
    {
      database,
      measure: `search over ${SERVICES.toLocaleString('en-US')} services: req/s (p99 ms)`,
      value: `${search.rps} (${search.p99})`,
      target: 'p99 < 50 ms',
    },
    { database, measure: 'search plan uses the bigram GIN index', value: String(explained.usesIndex), target: 'true' },
    {
      database,
      measure: 'room page (1,000 msgs), 1k msgs in db: req/s (p99)',
      value: `${roomSmall.rps} (${roomSmall.p99})`,
      target: '',
    },
    {
      database,
      measure: 'same page, 100k msgs in db: req/s (p99)',
      value: `${roomLarge.rps} (${roomLarge.p99})`,
      target: '',
    },
    { database, measure: 'room page 100k / 1k req/s', value: String(figures.roomRatio), target: '≈ 1 (no slower)' },
  ];
  if (figures.searchErrors > 0)
    rows.push({ database, measure: 'search unexpected responses', value: String(figures.searchErrors), target: '0' });
  return { figures, rows };
}
