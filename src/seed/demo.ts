import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { eq, sql } from 'drizzle-orm';
import type { Deps } from '../platform/deps';
import { DAY } from '../platform/clock';
import { hashPassword } from '../accounts/password';
import { currentTerms, recordConsent } from '../legal/terms';
import { members } from '../accounts/schema';
import type { CurrentMember } from '../platform/web/env';
import { grantPoints } from '../marketplace/money/ledger';
import { requestPayout } from '../marketplace/money/payouts';
import { savePayoutAccount } from '../marketplace/money/payoutAccounts';
import { purchaseService } from '../marketplace/orders/purchase';
import { transitionOrder } from '../marketplace/orders/transitions';
import type { OrderAction } from '../marketplace/orders/stateMachine';
import { follow } from '../privacy/follows';
import { leaveReview } from '../marketplace/reviews';
import { categories } from '../marketplace/schema';
import { saveService } from '../marketplace/services/commands';
import { demoCoverPng, type CoverKind } from './demoImage';
import type { Rgb } from './demoCanvas';
import { postMessage } from '../messages/messaging';
import { findOrCreateDirectRoom, orderRoomId } from '../messages/rooms';
import { totpFactors } from '../security/schema';
import { generateTotpSecret, sealSecret } from '../security/factors/totp';
import { openInquiry } from '../support/inquiries';
import { queueDuplicates } from '../trust/duplicates';
import { recordSignals } from '../trust/signals';

export type DemoLogin = { role: string; email: string; password: string; totpSecret?: string };

// Demo passwords follow the same rules as everyone's: 15 characters or more.
const DEMO_PASSWORD = 'tea-garden-sunrise-2026';

const people = [
  {
    key: 'buyer',
    email: 'buyer@demo.wazaichi.test',
    username: 'demo_buyer',
    displayName: '山田 花子',
    bio: '小さなカフェを営んでいます。',
  },
  {
    key: 'seller',
    email: 'seller@demo.wazaichi.test',
    username: 'demo_seller',
    displayName: '佐藤デザイン',
    bio: 'ロゴとイラストを描いて10年になります。',
  },
  { key: 'admin', email: 'admin@demo.wazaichi.test', username: 'demo_admin', displayName: '技市 運営', bio: '' },
  {
    key: 'translator',
    email: 'translator@demo.wazaichi.test',
    username: 'demo_translator',
    displayName: 'Emily 翻訳',
    bio: '日英・英日の翻訳をしています。',
  },
  {
    key: 'coder',
    email: 'coder@demo.wazaichi.test',
    username: 'demo_coder',
    displayName: '鈴木エンジニア',
    bio: 'Webサイト制作が得意です。',
  },
  { key: 'buyer2', email: 'buyer2@demo.wazaichi.test', username: 'demo_buyer2', displayName: '田中 一郎', bio: '' },
  // The seller's second account, used from the same browser: shows the operators' duplicate queue and a held review.
  {
    key: 'sockPuppet',
    email: 'sato.design.fan@demo.wazaichi.test',
    username: 'demo_fan',
    displayName: 'デザイン好き',
    bio: '',
  },
] as const;

const catalogue: {
  seller: (typeof people)[number]['key'];
  category: string;
  title: string;
  description: string;
  priceYen: number;
  days: number;
  /** What the cover pictures, and its colour; a service without one shows the text cover. */
  cover?: [CoverKind, Rgb];
}[] = [
  {
    seller: 'seller',
    category: 'logo',
    title: 'シンプルで覚えやすいロゴを作成します',
    description: 'お店や会社のロゴを3案ご提案します。修正は3回まで無料。',
    priceYen: 15000,
    days: 7,
    cover: ['logo', [37, 99, 235]],
  },
  {
    seller: 'seller',
    category: 'illustration',
    title: 'やさしいタッチの似顔絵イラストを描きます',
    description: 'SNSのアイコンや名刺に使える似顔絵です。',
    priceYen: 3000,
    days: 5,
    cover: ['illustration', [219, 39, 119]],
  },
  {
    seller: 'translator',
    category: 'translation',
    title: '英語の翻訳（日→英）を丁寧に行います',
    description: 'ビジネスメール、Webサイト、資料の翻訳。1000文字まで。',
    priceYen: 4000,
    days: 3,
    cover: ['document', [22, 163, 74]],
  },
  {
    seller: 'translator',
    category: 'proofreading',
    title: '英文の校正・添削をします',
    description: 'ネイティブの目で自然な英語に直します。',
    priceYen: 2500,
    days: 2,
  },
  {
    seller: 'coder',
    category: 'web-dev',
    title: 'お店のホームページを制作します',
    description: 'スマホ対応のシンプルなサイトを作ります。',
    priceYen: 50000,
    days: 20,
    cover: ['website', [14, 116, 144]],
  },
  {
    seller: 'coder',
    category: 'it-support',
    title: 'パソコンの困りごとをオンラインで解決します',
    description: '設定、トラブル、買い替えの相談など。',
    priceYen: 2000,
    days: 1,
    cover: ['chat', [13, 148, 136]],
  },
  {
    seller: 'seller',
    category: 'video-editing',
    title: 'YouTube動画のカット編集・テロップ入れ',
    description: '10分までの動画を見やすく編集します。',
    priceYen: 6000,
    days: 4,
    cover: ['video', [234, 88, 12]],
  },
  {
    seller: 'coder',
    category: 'startup',
    title: '個人事業の始め方を相談にのります',
    description: '開業届、会計ソフト、集客の基本まで。',
    priceYen: 3000,
    days: 3,
  },
  {
    seller: 'translator',
    category: 'language-lessons',
    title: '初心者向け英会話レッスン（30分）',
    description: 'ゆっくり話す練習から始めましょう。',
    priceYen: 1500,
    days: 7,
    cover: ['chat', [124, 58, 237]],
  },
  {
    seller: 'seller',
    category: 'counselling',
    title: 'お仕事の悩み、聞きます',
    description: 'ただ話を聞いてほしいときにどうぞ。',
    priceYen: 1000,
    days: 2,
  },
];

/** Fills an empty database with a small living marketplace, through the same commands members use. */
export async function seedDemoIfEmpty(deps: Deps): Promise<DemoLogin[] | null> {
  // The demo password is in the README: never on a production site, whatever SEED_DEMO says.
  if (deps.config.env === 'production') throw new Error('demo data is never created with NODE_ENV=production');
  const result: any = await deps.db.execute(sql`select count(*)::int as n from members`);
  if (Number(result.rows[0].n) > 0) return null;
  const now = deps.clock.now();
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const who: Record<string, CurrentMember> = {};
  const terms = (await currentTerms(deps.db, now))!;
  for (const p of people) {
    const [row] = await deps.db
      .insert(members)
      .values({
        email: p.email,
        username: p.username,
        displayName: p.displayName,
        bio: p.bio,
        passwordHash,
        emailVerifiedAt: now,
        role: p.key === 'admin' ? 'operator' : 'member',
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    who[p.key] = {
      id: row.id,
      email: row.email,
      username: row.username,
      displayName: row.displayName,
      role: row.role,
      status: row.status,
      emailVerified: true,
      locale: 'ja',
      termsPending: false,
    };
    // Demo members agreed to the terms at sign-up like anyone else (the demo's people are adults).
    await recordConsent(deps.db, {
      memberId: row.id,
      termsVersionId: terms.id,
      kind: 'signup',
      age: 'adult',
      origin: { ip: null, userAgent: 'demo seed' },
      now,
    });
  }
  // The console needs two-step verification: the demo operator gets an authenticator-app secret, printed once.
  const totpSecret = generateTotpSecret();
  await deps.db.insert(totpFactors).values({
    memberId: who.admin.id,
    secretEncrypted: sealSecret(deps.config.secretKey, totpSecret),
    createdAt: now,
    confirmedAt: now,
  });
  const listed: { id: string; priceYen: number }[] = [];
  for (const s of catalogue) {
    const [category] = await deps.db.select().from(categories).where(eq(categories.slug, s.category));
    const saved = await saveService(
      deps,
      who[s.seller],
      null,
      {
        title: s.title,
        description: s.description,
        priceYen: s.priceYen,
        deliveryDays: s.days,
        categoryId: category.id,
      },
      true,
      s.cover ? [demoCoverPng(...s.cover)] : [],
    );
    if (saved.ok) listed.push({ id: saved.serviceId, priceYen: s.priceYen });
  }
  // Points: some that expire soon, some later.
  await deps.db.transaction(async (tx) => {
    await grantPoints(
      tx,
      {
        memberId: who.buyer.id,
        amount: 500,
        expiresAt: new Date(now.getTime() + 14 * DAY),
        note: '新規登録キャンペーン',
      },
      now,
    );
    await grantPoints(
      tx,
      {
        memberId: who.buyer.id,
        amount: 1000,
        expiresAt: new Date(now.getTime() + 120 * DAY),
        note: '春のキャンペーン',
      },
      now,
    );
  });

  const order = async (buyer: string, serviceIndex: number, steps: [OrderAction, string][], message?: string) => {
    const bought = await purchaseService(deps, who[buyer], {
      serviceId: listed[serviceIndex].id,
      expectedPriceYen: listed[serviceIndex].priceYen,
      pointsToUse: 0,
      idempotencyKey: randomUUID(),
    });
    if (!bought.ok) throw new Error('demo purchase failed');
    if (message) await postMessage(deps, who[buyer], await roomOf(deps, bought.orderId), { body: message });
    for (const [action, actor] of steps) {
      await transitionOrder(
        deps,
        bought.orderId,
        action,
        { kind: 'member', id: who[actor].id },
        { message: action === 'deliver' ? '納品します。ご確認をお願いします。' : undefined },
      );
    }
    return bought.orderId;
  };
  // One completed order with messages and reviews both ways.
  const completed = await order(
    'buyer',
    0,
    [
      ['deliver', 'seller'],
      ['approve', 'buyer'],
    ],
    'はじめまして。カフェのロゴをお願いしたいです。温かい雰囲気が希望です。',
  );
  await postMessage(deps, who.seller, await roomOf(deps, completed), {
    body: 'ご購入ありがとうございます！3案お作りしますね。',
  });
  await leaveReview(deps, who.buyer.id, completed, {
    rating: 5,
    comment: 'イメージ通りのロゴを作っていただきました。',
  });
  await leaveReview(deps, who.seller.id, completed, { rating: 5, comment: 'やりとりがとてもスムーズでした。' });
  // Orders in every other state.
  await order('buyer', 2, [], '資料の翻訳をお願いします。');
  await order('buyer2', 1, [['deliver', 'seller']]);
  await order('buyer2', 5, [
    ['requestCancel', 'buyer2'],
    ['agreeCancel', 'coder'],
  ]);
  await order('buyer2', 4, [['reportProblem', 'buyer2']]);
  const sold = await order('buyer2', 6, [
    ['deliver', 'seller'],
    ['approve', 'buyer2'],
  ]);
  await leaveReview(deps, who.buyer2.id, sold, { rating: 4, comment: '早く仕上げてくださいました。' });
  // A payout waiting for an operator, and some sales balance left over.
  await savePayoutAccount(
    deps,
    who.seller,
    {
      bankCode: '0005',
      branchCode: '001',
      accountType: 'ordinary',
      accountNumber: '1234567',
      holderKana: 'サトウ デザイン',
    },
    { ip: null, userAgent: 'demo' },
  );
  await requestPayout(deps, who.seller, 10000);
  await follow(deps, who.buyer.id, who.seller.id);
  await follow(deps, who.buyer2.id, who.seller.id);
  const room = await deps.db.transaction((tx) =>
    findOrCreateDirectRoom(tx, who.buyer.id, who.translator.id, deps.clock.now()),
  );
  await postMessage(deps, who.buyer, room, { body: 'メニューの英訳もお願いできますか？' });
  await seedTrustAndSafety(deps, who, order);
  return [
    { role: 'buyer', email: people[0].email, password: DEMO_PASSWORD },
    { role: 'seller', email: people[1].email, password: DEMO_PASSWORD },
    { role: 'operator', email: people[2].email, password: DEMO_PASSWORD, totpSecret },
  ];
}

/** A seller and their second account on one browser (a duplicate case, a held 5-star review) and a visitor's inquiry. */
async function seedTrustAndSafety(
  deps: Deps,
  who: Record<string, CurrentMember>,
  order: (buyer: string, serviceIndex: number, steps: [OrderAction, string][]) => Promise<string>,
) {
  const now = deps.clock.now();
  const sharedBrowser = [
    { kind: 'device' as const, value: 'demo-shared-browser' },
    { kind: 'ip' as const, value: '203.0.113.50' },
  ];
  await deps.db.transaction(async (tx) => {
    await recordSignals(tx, deps.config.secretKey, who.seller.id, sharedBrowser, now);
    await recordSignals(tx, deps.config.secretKey, who.sockPuppet.id, sharedBrowser, now);
    await queueDuplicates(tx, who.sockPuppet.id, now);
  });
  const selfDealt = await order('sockPuppet', 1, [
    ['deliver', 'seller'],
    ['approve', 'sockPuppet'],
  ]);
  await leaveReview(deps, who.sockPuppet.id, selfDealt, { rating: 5, comment: '最高の出品者です！絶対おすすめ！' });
  await openInquiry(
    deps,
    { memberId: null, locale: 'ja', ip: null },
    {
      category: 'privacy',
      name: '元会員 太郎',
      email: 'former.member@demo.wazaichi.test',
      body: '退会前の取引の記録を開示していただけますか。',
    },
  );
}

function roomOf(deps: Deps, orderId: string) {
  return orderRoomId(deps.db, orderId);
}

/** The demo operator's authenticator secret goes to a file only its owner reads, never to the console or a log. */
export function writeDemoSecret(dataDir: string, secret: string): string {
  mkdirSync(dataDir, { recursive: true });
  const file = join(dataDir, 'demo-operator-totp.txt');
  writeFileSync(file, `${secret}\n(a code now: oathtool --totp -b $(head -1 ${file}))\n`, { mode: 0o600 });
  return file;
}
