import { sql } from 'drizzle-orm';
import type { Tx } from './db/client';

export type RateLimit = { bucket: string; limit: number; windowMs: number };

/**
 * Counts one attempt against a fixed window kept in PostgreSQL, shared by every process.
 * Returns false once the window's limit is used up.
 */
export async function consumeRateLimit(tx: Tx, rule: RateLimit, key: string, now: Date): Promise<boolean> {
  const windowStartedBefore = new Date(now.getTime() - rule.windowMs);
  const result: any = await tx.execute(sql`
    insert into rate_limits (bucket, key, window_start, count) values (${rule.bucket}, ${key}, ${now}, 1)
    on conflict (bucket, key) do update set
      count = case when rate_limits.window_start <= ${windowStartedBefore} then 1 else rate_limits.count + 1 end,
      window_start = case when rate_limits.window_start <= ${windowStartedBefore} then ${now} else rate_limits.window_start end
    returning count`);
  return Number(result.rows[0].count) <= rule.limit;
}
