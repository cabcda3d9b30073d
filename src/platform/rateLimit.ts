import { sql, type SQL } from 'drizzle-orm';
import type { Tx } from './db/client';

export type RateLimit = { bucket: string; limit: number; windowMs: number };
export type RateLimitCheck = { rule: RateLimit; key: string };

/**
 * The counting part of a statement, as common table expressions: `counted(bucket, count, lim)` holds each
 * window's count after this attempt, so a caller can add its own work to the same statement.
 */
export function rateLimitCtes(checks: RateLimitCheck[], now: Date): SQL {
  const rows = sql.join(
    checks.map(
      ({ rule, key }) =>
        sql`(${rule.bucket}, ${key}, ${now}::timestamptz, ${new Date(now.getTime() - rule.windowMs)}::timestamptz, ${rule.limit}::int)`,
    ),
    sql`, `,
  );
  const expiredBefore = sql`(select expired_before from attempts a where a.bucket = excluded.bucket and a.key = excluded.key)`;
  return sql`attempts(bucket, key, window_start, expired_before, lim) as (values ${rows}),
    upserted as (
      insert into rate_limits (bucket, key, window_start, count)
      select bucket, key, window_start, 1 from attempts
      on conflict (bucket, key) do update set
        count = case when rate_limits.window_start <= ${expiredBefore} then 1 else rate_limits.count + 1 end,
        window_start = case when rate_limits.window_start <= ${expiredBefore} then excluded.window_start else rate_limits.window_start end
      returning bucket, key, count),
    counted as (select u.bucket, u.count, a.lim from upserted u join attempts a on a.bucket = u.bucket and a.key = u.key)`;
}

/**
 * Counts one attempt against each fixed window, kept in PostgreSQL and shared by every process,
 * in a single statement. Returns false when any window's limit is used up.
 */
export async function consumeRateLimits(tx: Tx, checks: RateLimitCheck[], now: Date): Promise<boolean> {
  if (checks.length === 0) return true;
  const result: any = await tx.execute(
    sql`with ${rateLimitCtes(checks, now)} select not exists (select 1 from counted where count > lim) as ok`,
  );
  return result.rows[0].ok === true;
}

export function consumeRateLimit(tx: Tx, rule: RateLimit, key: string, now: Date): Promise<boolean> {
  return consumeRateLimits(tx, [{ rule, key }], now);
}
