import { sql } from 'drizzle-orm';
import type { Tx } from './db/client';

export type RateLimit = { bucket: string; limit: number; windowMs: number };

/**
 * Counts one attempt against each fixed window, kept in PostgreSQL and shared by every process,
 * in a single statement. Returns false when any window's limit is used up.
 */
export async function consumeRateLimits(
  tx: Tx,
  checks: { rule: RateLimit; key: string }[],
  now: Date,
): Promise<boolean> {
  if (checks.length === 0) return true;
  const rows = sql.join(
    checks.map(
      ({ rule, key }) =>
        sql`(${rule.bucket}, ${key}, ${now}::timestamptz, ${new Date(now.getTime() - rule.windowMs)}::timestamptz)`,
    ),
    sql`, `,
  );
  const expiredBefore = sql`(select expired_before from attempts a where a.bucket = excluded.bucket and a.key = excluded.key)`;
  const result: any = await tx.execute(sql`
    with attempts(bucket, key, window_start, expired_before) as (values ${rows})
    insert into rate_limits (bucket, key, window_start, count)
    select bucket, key, window_start, 1 from attempts
    on conflict (bucket, key) do update set
      count = case when rate_limits.window_start <= ${expiredBefore} then 1 else rate_limits.count + 1 end,
      window_start = case when rate_limits.window_start <= ${expiredBefore} then excluded.window_start else rate_limits.window_start end
    returning bucket, count`);
  const limits = new Map(checks.map(({ rule }) => [rule.bucket, rule.limit]));
  return result.rows.every(
    (row: { bucket: string; count: number | string }) => Number(row.count) <= limits.get(row.bucket)!,
  );
}

export function consumeRateLimit(tx: Tx, rule: RateLimit, key: string, now: Date): Promise<boolean> {
  return consumeRateLimits(tx, [{ rule, key }], now);
}
