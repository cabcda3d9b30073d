import { performance } from 'node:perf_hooks';
import { eq, sql } from 'drizzle-orm';
import { hashPassword } from '../../src/accounts/password';
import { members } from '../../src/accounts/schema';
import { openDatabase } from '../../src/platform/db/client';
import { matchingAccounts } from '../../src/trust/signals';
import { createTarget, round, SECONDS, Session, startApp, type Row, type Target } from '../lib';

const EXISTING = Number(process.env.BENCH_SIGNUP_EXISTING ?? 1_000_000);
const CONCURRENCY = 4;
// Sign-ups are few per second (each hashes a password): a longer window than the other loads evens out the noise.
const SIGNUP_SECONDS = Number(process.env.BENCH_SIGNUP_SECONDS ?? Math.max(SECONDS, 20));
const PASSWORD = 'bench tea garden at sunrise';

/** Sign-ups over HTTP (form page, then the form), each from a new browser, for SECONDS with CONCURRENCY at once. */
async function signUpsPerSecond(target: Target, tag: string): Promise<{ perSecond: number; emails: string[] }> {
  // One client address for the whole run: the per-IP sign-up limit would answer instead.
  const app = await startApp(target, { SIGNUP_LIMIT_PER_IP: '1000000000' });
  const emails: string[] = [];
  try {
    let n = 0;
    const signUpFor = async (ms: number) => {
      const until = performance.now() + ms;
      let done = 0;
      await Promise.all(
        Array.from({ length: CONCURRENCY }, async () => {
          while (performance.now() < until) {
            const i = n++;
            const session = new Session(app.baseUrl);
            const email = `new-${tag}-${i}@bench.example`;
            const res = await session.signUp({
              email,
              username: `new_${tag}_${i}`,
              displayName: `新規${i}`,
              password: PASSWORD,
            });
            if (res.status !== 200 || !res.text.includes(email)) throw new Error(`sign-up failed: ${res.status}`);
            emails.push(email);
            done += 1;
          }
        }),
      );
      return done;
    };
    // A fresh process: let it warm up (JIT, pools, caches) before counting, as the other sections do.
    await signUpFor(3000);
    const started = performance.now();
    const counted = await signUpFor(SIGNUP_SECONDS * 1000);
    return { perSecond: counted / ((performance.now() - started) / 1000), emails };
  } finally {
    await app.stop();
  }
}

/** The duplicate check alone (what each sign-up runs after its insert), timed on accounts just made. */
async function duplicateCheckMs(target: Target, emails: string[]): Promise<{ median: number; plan: string }> {
  const database = await openDatabase({ url: target.env.DATABASE_URL, dataDir: target.env.DATA_DIR });
  try {
    const times: number[] = [];
    for (const email of emails.slice(0, 200)) {
      const [member] = await database.db.select({ id: members.id }).from(members).where(eq(members.email, email));
      const started = performance.now();
      await matchingAccounts(database.db, member.id, new Date());
      times.push(performance.now() - started);
    }
    times.sort((a, b) => a - b);
    const [one] = await database.db.select({ id: members.id }).from(members).where(eq(members.email, emails[0]));
    const plan: any = await database.db.execute(
      sql`explain select s.member_id from identity_signals s join members m on m.id = s.member_id where s.hash in (select hash from identity_signals where member_id = ${one.id}) and s.member_id <> ${one.id}`,
    );
    return {
      median: times[Math.floor(times.length / 2)],
      plan: plan.rows.map((r: Record<string, string>) => Object.values(r)[0]).join('\n'),
    };
  } finally {
    await database.close();
  }
}

/** EXISTING accounts as sign-up leaves them: a member row and keyed hashes of email, browser and IP (IPs shared ~20 ways). */
async function seedExisting(target: Target) {
  const database = await openDatabase({ url: target.env.DATABASE_URL, dataDir: target.env.DATA_DIR });
  const db = database.db;
  const passwordHash = await hashPassword(PASSWORD);
  const chunk = 100_000;
  for (let from = 1; from <= EXISTING; from += chunk) {
    const to = Math.min(EXISTING, from + chunk - 1);
    await db.execute(sql`
      with m as (
        insert into members (email, username, display_name, password_hash, email_verified_at, created_at, updated_at)
        select 'seed' || g || '@bench.example', 'seed_' || g, '会員' || g, ${passwordHash}, now(), now() - (g % 1000) * interval '1 day', now()
        from generate_series(${from}::int, ${to}::int) g
        returning id, username, created_at
      )
      insert into identity_signals (member_id, kind, hash, first_seen_at, last_seen_at, expires_at)
      select m.id, k.kind, encode(sha256(convert_to(k.kind || ':' || (case k.kind when 'ip' then (substr(m.username, 6)::int % 50000)::text else m.username end), 'UTF8')), 'hex'),
             m.created_at, m.created_at, case k.kind when 'ip' then now() + interval '30 days' end
      from m cross join (values ('email'), ('device'), ('ip')) k(kind)`);
  }
  // Measure the million-account database in its steady state, not while it is still writing back the
  // seed: statistics fresh, visibility map set, dirty pages flushed.
  await db.execute(sql`vacuum analyze members`);
  await db.execute(sql`vacuum analyze identity_signals`);
  await db.execute(sql`checkpoint`);
  const counted: any = await db.execute(
    sql`select (select count(*)::int from members) as members, (select count(*)::int from identity_signals) as signals`,
  );
  await database.close();
  return counted.rows[0] as { members: number; signals: number };
}

export async function benchSignup(kind: 'pglite' | 'postgres') {
  const target = await createTarget(kind);
  if (!target) return { rows: [] as Row[], figures: {} };
  try {
    const empty = await signUpsPerSecond(target, 'a');
    const emptyCheck = await duplicateCheckMs(target, empty.emails);
    const seedStarted = performance.now();
    const seeded = await seedExisting(target);
    console.log(
      `(${kind}: ${seeded.members.toLocaleString()} accounts, ${seeded.signals.toLocaleString()} signals seeded in ${round((performance.now() - seedStarted) / 1000, 0)} s)`,
    );
    const full = await signUpsPerSecond(target, 'b');
    const fullCheck = await duplicateCheckMs(target, full.emails);
    if (process.env.BENCH_PLANS) console.log(fullCheck.plan);
    const ratio = full.perSecond / empty.perSecond;
    const figures = {
      signupsPerSecondEmpty: round(empty.perSecond, 1),
      signupsPerSecondMillion: round(full.perSecond, 1),
      signupRatio: round(ratio),
      duplicateCheckMsEmpty: round(emptyCheck.median),
      duplicateCheckMsMillion: round(fullCheck.median),
      duplicateCheckUsesIndex: fullCheck.plan.includes('identity_signals_hash_idx'),
    };
    const rows: Row[] = [
      {
        database: kind,
        measure: `sign-ups/s, empty → ${(seeded.members / 1e6).toFixed(1)}M accounts`,
        value: `${figures.signupsPerSecondEmpty} → ${figures.signupsPerSecondMillion} (${figures.signupRatio}×)`,
        target: '≥ 0.9×',
      },
      {
        database: kind,
        measure: 'duplicate check median, empty → 1M (ms)',
        value: `${figures.duplicateCheckMsEmpty} → ${figures.duplicateCheckMsMillion}${figures.duplicateCheckUsesIndex ? ' (hash index)' : ' (NO INDEX)'}`,
        target: 'index lookups',
      },
    ];
    return { rows, figures };
  } finally {
    await target.cleanup();
  }
}
