import { and, desc, eq, or, type Column } from 'drizzle-orm';
import type { Tx } from '../platform/db/client';
import type { Deps } from '../platform/deps';
import { members } from '../accounts/schema';
import { followRequests, follows } from '../privacy/schema';
import { blocks } from './schema';
import { lapseOffersBetween } from '../trading/offers';
import { lapseProposalsBetween } from '../trading/requests';

/**
 * ブロックする: idempotent (a double submit keeps one row). Follows, follow requests, open offers and open
 * proposals between the two end in the same transaction, both ways. Nothing is sent to the blocked member. False for oneself or nobody.
 */
export async function blockMember(deps: Deps, blockerId: string, blockedId: string): Promise<boolean> {
  if (blockerId === blockedId) return false;
  return deps.db.transaction(async (tx) => {
    const [target] = await tx.select({ id: members.id }).from(members).where(eq(members.id, blockedId));
    if (!target) return false;
    await tx.insert(blocks).values({ blockerId, blockedId, createdAt: deps.clock.now() }).onConflictDoNothing();
    const pair = (x: Column, y: Column) =>
      or(and(eq(x, blockerId), eq(y, blockedId)), and(eq(x, blockedId), eq(y, blockerId)));
    await tx.delete(follows).where(pair(follows.followerId, follows.followeeId));
    await tx.delete(followRequests).where(pair(followRequests.requesterId, followRequests.followeeId));
    await lapseOffersBetween(tx, blockerId, blockedId, deps.clock.now());
    await lapseProposalsBetween(tx, blockerId, blockedId);
    return true;
  });
}

/** ブロックを解除: idempotent. What ended with the block (follows) does not come back. */
export async function unblockMember(deps: Deps, blockerId: string, blockedId: string) {
  await deps.db.delete(blocks).where(and(eq(blocks.blockerId, blockerId), eq(blocks.blockedId, blockedId)));
}

export async function hasBlocked(tx: Tx, blockerId: string, blockedId: string): Promise<boolean> {
  const [row] = await tx
    .select({ id: blocks.blockedId })
    .from(blocks)
    .where(and(eq(blocks.blockerId, blockerId), eq(blocks.blockedId, blockedId)));
  return !!row;
}

/** The members this member blocked, newest first (for the settings page and the export). */
export async function blockedBy(tx: Tx, blockerId: string) {
  return tx
    .select({
      username: members.username,
      displayName: members.displayName,
      status: members.status,
      createdAt: blocks.createdAt,
    })
    .from(blocks)
    .innerJoin(members, eq(members.id, blocks.blockedId))
    .where(eq(blocks.blockerId, blockerId))
    .orderBy(desc(blocks.createdAt))
    .limit(500);
}
