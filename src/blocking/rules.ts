import { and, eq, or } from 'drizzle-orm';
import type { Tx } from '../platform/db/client';
import { blocks } from './schema';

/**
 * The one rule for ブロック: whether either member blocked the other. Every way of reaching a member
 * (direct messages, new rooms, follows and follow requests) asks this, and it works both ways.
 */
export async function blockedBetween(tx: Tx, a: string, b: string): Promise<boolean> {
  const [row] = await tx
    .select({ id: blocks.blockerId })
    .from(blocks)
    .where(
      or(and(eq(blocks.blockerId, a), eq(blocks.blockedId, b)), and(eq(blocks.blockerId, b), eq(blocks.blockedId, a))),
    )
    .limit(1);
  return !!row;
}
