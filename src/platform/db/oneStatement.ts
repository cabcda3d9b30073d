import { sql, type SQLWrapper } from 'drizzle-orm';
import type { Tx } from './client';

/**
 * Sends several writes as one statement (each a data-modifying CTE), because on PGlite every statement costs
 * milliseconds of the one JavaScript thread. The writes must not touch the same row twice nor read each other's
 * effects: PostgreSQL runs them on one snapshot, in no promised order.
 */
export async function writeTogether(tx: Tx, writes: SQLWrapper[]): Promise<void> {
  if (writes.length === 0) return;
  // drizzle puts an embedded query in parentheses, which is what a CTE needs.
  const parts = writes.map((write, i) => sql`${sql.raw(`w${i}`)} as ${write}`);
  await tx.execute(sql`with ${sql.join(parts, sql`, `)} select 1`);
}
