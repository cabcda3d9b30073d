import { and, count, desc, eq } from 'drizzle-orm';
import type { Tx } from '../platform/db/client';
import type { Deps } from '../platform/deps';
import { members } from '../accounts/schema';
import { follows } from './schema';

/** フォロー: idempotent both ways; a member cannot follow themselves or someone who is not active. */
export async function follow(deps: Deps, followerId: string, followeeId: string): Promise<boolean> {
  if (followerId === followeeId) return false;
  const [target] = await deps.db.select({ status: members.status }).from(members).where(eq(members.id, followeeId));
  if (!target || target.status !== 'active') return false;
  await deps.db.insert(follows).values({ followerId, followeeId, createdAt: deps.clock.now() }).onConflictDoNothing();
  return true;
}

export async function unfollow(deps: Deps, followerId: string, followeeId: string) {
  await deps.db.delete(follows).where(and(eq(follows.followerId, followerId), eq(follows.followeeId, followeeId)));
}

export async function isFollowing(tx: Tx, followerId: string, followeeId: string): Promise<boolean> {
  const [row] = await tx.select({ n: count() }).from(follows).where(and(eq(follows.followerId, followerId), eq(follows.followeeId, followeeId)));
  return row.n > 0;
}

/** Counts only live members, so a withdrawn follower stops counting. */
export async function followCounts(tx: Tx, memberId: string) {
  const [followers] = await tx
    .select({ n: count() })
    .from(follows)
    .innerJoin(members, eq(members.id, follows.followerId))
    .where(and(eq(follows.followeeId, memberId), eq(members.status, 'active')));
  const [following] = await tx
    .select({ n: count() })
    .from(follows)
    .innerJoin(members, eq(members.id, follows.followeeId))
    .where(and(eq(follows.followerId, memberId), eq(members.status, 'active')));
  return { followers: followers.n, following: following.n };
}

export async function followList(tx: Tx, memberId: string, direction: 'followers' | 'following', limit = 100) {
  const otherColumn = direction === 'followers' ? follows.followerId : follows.followeeId;
  const ownColumn = direction === 'followers' ? follows.followeeId : follows.followerId;
  return tx
    .select({ username: members.username, displayName: members.displayName })
    .from(follows)
    .innerJoin(members, eq(members.id, otherColumn))
    .where(and(eq(ownColumn, memberId), eq(members.status, 'active')))
    .orderBy(desc(follows.createdAt))
    .limit(limit);
}
