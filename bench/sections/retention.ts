import { performance } from 'node:perf_hooks';
import { sql } from 'drizzle-orm';
import { hashPassword } from '../../src/accounts/password';
import { members } from '../../src/accounts/schema';
import { buildExport } from '../../src/export/build';
import { dataExports } from '../../src/export/schema';
import { manualClock } from '../../src/platform/clock';
import { loadConfig } from '../../src/platform/config';
import { openDatabase } from '../../src/platform/db/client';
import { startRuntime, stopRuntime } from '../../src/runtime';
import { purgeExpired } from '../../src/retention/purge';
import { round, type Row, type Target } from '../lib';

const WITHDRAWN_MEMBERS = Number(process.env.BENCH_PURGE_MEMBERS ?? 10_000);

async function runtimeFor(target: Target, now?: Date) {
  const database = await openDatabase({ url: target.env.DATABASE_URL, dataDir: target.env.DATA_DIR });
  const config = loadConfig({
    NODE_ENV: 'production',
    SECRET_KEY: 'bench-secret-key-bench-secret-key-0123456789',
    DATA_DIR: target.env.DATA_DIR,
    LOG_LEVEL: 'silent',
  });
  return startRuntime(config, {
    work: false,
    database,
    mailTransport: null,
    clock: now ? manualClock(now) : undefined,
  });
}

/** A member whose rooms hold `count` messages (1,000 per room), made with SQL so seeding stays quick. */
async function memberWithMessages(deps: Awaited<ReturnType<typeof runtimeFor>>, name: string, count: number) {
  const now = new Date();
  const hash = await hashPassword('bench tea garden at sunrise');
  const [member] = await deps.db
    .insert(members)
    .values({
      email: `${name}@example.test`,
      username: name,
      displayName: name,
      passwordHash: hash,
      createdAt: now,
      updatedAt: now,
    })
    .returning();
  const [other] = await deps.db
    .insert(members)
    .values({
      email: `${name}_o@example.test`,
      username: `${name}_o`,
      displayName: `${name}相手`,
      passwordHash: hash,
      createdAt: now,
      updatedAt: now,
    })
    .returning();
  const roomCount = Math.max(1, Math.ceil(count / 1000));
  await deps.db.execute(
    sql`insert into rooms (kind, member_a, member_b, created_at) select 'direct', ${member.id}, ${other.id}, now() from generate_series(1, 1)`,
  );
  for (let r = 1; r < roomCount; r++) {
    // Direct rooms are one per pair: the other rooms belong to further counterparts.
    const [extra] = await deps.db
      .insert(members)
      .values({
        email: `${name}_${r}@example.test`,
        username: `${name}_${r}`,
        displayName: `相手${r}`,
        passwordHash: hash,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    await deps.db.execute(
      sql`insert into rooms (kind, member_a, member_b, created_at) values ('direct', ${member.id}, ${extra.id}, now())`,
    );
  }
  await deps.db.execute(sql`
    insert into messages (room_id, sender_id, kind, body, created_at)
    select r.id, ${member.id}, 'message', 'エクスポートのベンチ用メッセージ本文です。' || g, now()
    from rooms r cross join generate_series(1, ${Math.min(count, 1000)}) g where r.member_a = ${member.id}`);
  return member.id;
}

/** Builds one export while sampling the process's resident memory; returns seconds and the peak growth. */
async function timedExport(deps: Awaited<ReturnType<typeof runtimeFor>>, memberId: string) {
  global.gc?.();
  const baseline = process.memoryUsage().rss;
  let peak = baseline;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
  const now = deps.clock.now();
  const [job] = await deps.db
    .insert(dataExports)
    .values({ memberId, createdAt: now, expiresAt: new Date(now.getTime() + 86400_000) })
    .returning();
  const started = performance.now();
  await buildExport(deps, job.id);
  const seconds = (performance.now() - started) / 1000;
  clearInterval(sampler);
  return { seconds, peakGrowthMb: (peak - baseline) / 1024 / 1024 };
}

async function seedWithdrawnMembers(deps: Awaited<ReturnType<typeof runtimeFor>>, count: number, withdrawnAt: Date) {
  const hash = await hashPassword('bench tea garden at sunrise');
  const [seller] = await deps.db
    .insert(members)
    .values({
      email: 'purge_seller@example.test',
      username: 'purge_seller',
      displayName: 'purge',
      passwordHash: hash,
      createdAt: withdrawnAt,
      updatedAt: withdrawnAt,
    })
    .returning();
  const categoryRows: any = await deps.db.execute(sql`select id from categories where parent_id is not null limit 1`);
  const category = categoryRows.rows[0] as { id: number };
  await deps.db
    .execute(sql`insert into services (seller_id, category_id, title, description, price_yen, delivery_days, status, created_at, updated_at)
    values (${seller.id}, ${category.id}, 'purge', 'purge', 1000, 1, 'published', ${withdrawnAt}, ${withdrawnAt})`);
  await deps.db.execute(sql`
    insert into members (email, username, display_name, password_hash, status, created_at, updated_at, withdrawn_at)
    select 'purged' || g || '@example.test', 'purged_' || g, '退会者' || g, null, 'withdrawn', ${withdrawnAt}, ${withdrawnAt}, ${withdrawnAt} from generate_series(1, ${count}) g`);
  await deps.db.execute(sql`
    insert into orders (service_id, buyer_id, seller_id, title_snapshot, price_yen, charged_yen, payment_ref, status, idempotency_key, created_at, completed_at)
    select (select id from services limit 1), m.id, ${seller.id}, 'purge', 1000, 1000, 'purge-bench', 'completed', m.id::text, ${withdrawnAt}, ${withdrawnAt}
    from members m where m.username like 'purged\\_%'`);
  await deps.db.execute(
    sql`insert into rooms (kind, order_id, member_a, member_b, created_at) select 'order', o.id, o.buyer_id, o.seller_id, ${withdrawnAt} from orders o where o.payment_ref = 'purge-bench'`,
  );
  await deps.db.execute(
    sql`insert into messages (room_id, sender_id, kind, body, created_at) select r.id, r.member_a, 'message', '退会者のメッセージ' || g, ${withdrawnAt} from rooms r cross join generate_series(1, 10) g`,
  );
  await deps.db.execute(
    sql`insert into ledger_entries (member_id, account, kind, amount_yen, order_id, created_at) select o.buyer_id, 'payments', 'charge', 1000, o.id, ${withdrawnAt} from orders o where o.payment_ref = 'purge-bench'`,
  );
  await deps.db.execute(
    sql`insert into security_events (member_id, kind, at) select m.id, 'login', ${withdrawnAt} from members m where m.username like 'purged\\_%'`,
  );
  await deps.db.execute(sql`analyze`);
}

export async function benchRetention(target: Target, database: string) {
  let deps = await runtimeFor(target);
  const small = await memberWithMessages(deps, 'exp_small', 1_000);
  const large = await memberWithMessages(deps, 'exp_large', 100_000);
  const exportSmall = await timedExport(deps, small);
  const exportLarge = await timedExport(deps, large);
  await stopRuntime(deps);

  // Purge: members who left more than nine years ago, each with an order, a room of 10 messages, a ledger line and a log entry.
  const longAgo = new Date(Date.now() - 9 * 366 * 86400_000);
  deps = await runtimeFor(target);
  await seedWithdrawnMembers(deps, WITHDRAWN_MEMBERS, longAgo);
  const started = performance.now();
  await purgeExpired(deps, { batchSize: 2000 });
  const purgeSeconds = (performance.now() - started) / 1000;
  const left: any = await deps.db.execute(sql`select count(*)::int as n from orders where payment_ref = 'purge-bench'`);
  await stopRuntime(deps);

  const figures = {
    exportSeconds1k: round(exportSmall.seconds, 2),
    exportSeconds100k: round(exportLarge.seconds, 2),
    exportMessagesPerSec: Math.round(100_000 / exportLarge.seconds),
    exportPeakGrowthMb1k: round(exportSmall.peakGrowthMb, 1),
    exportPeakGrowthMb100k: round(exportLarge.peakGrowthMb, 1),
    exportPeakDifferenceMb: round(exportLarge.peakGrowthMb - exportSmall.peakGrowthMb, 1),
    purgeMembersPerSec: Math.round(WITHDRAWN_MEMBERS / purgeSeconds),
    purgeLeftOver: Number(left.rows[0].n),
  };
  const rows: Row[] = [
    {
      database,
      measure: 'export, 1,000 messages: s (peak RSS growth MB)',
      value: `${figures.exportSeconds1k} (${figures.exportPeakGrowthMb1k})`,
      target: '',
    },
    {
      database,
      measure: 'export, 100,000 messages: s (peak RSS growth MB)',
      value: `${figures.exportSeconds100k} (${figures.exportPeakGrowthMb100k})`,
      target: '',
    },
    { database, measure: 'export messages/s (100k)', value: String(figures.exportMessagesPerSec), target: '≥ 20,000' },
    {
      database,
      measure: 'export peak growth, 100k minus 1k (MB)',
      value: String(figures.exportPeakDifferenceMb),
      target: '< 50',
    },
    {
      database,
      measure: `purge: withdrawn members/s (${WITHDRAWN_MEMBERS.toLocaleString('en-US')}, with history)`,
      value: String(figures.purgeMembersPerSec),
      target: '',
    },
  ];
  if (figures.purgeLeftOver > 0)
    rows.push({ database, measure: 'purge left orders behind', value: String(figures.purgeLeftOver), target: '0' });
  return { figures, rows };
}
