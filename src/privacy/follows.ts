import { and, asc, count, desc, eq, inArray, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Tx } from '../platform/db/client';
import type { Deps } from '../platform/deps';
import { DAY } from '../platform/clock';
import { queueMail } from '../platform/mail/outbox';
import { consumeRateLimit } from '../platform/rateLimit';
import { members } from '../accounts/schema';
import { privacySettings } from './schema';
import { choicesFrom, privacyOf } from './choices';
import { followRequestMail } from './mails';
import { followNeedsApproval, viewerKind, visibleFields } from './visibility';
import { followRequests, follows } from './schema';
import { mailLinks } from '../platform/mail/links';
import { blockedBetween } from '../blocking/rules';
import { inactiveBlocker } from '../accounts/activity';

/** Where a member stands with another: not following, asked and waiting (フォローリクエスト), or following. */
export type FollowState = 'none' | 'requested' | 'following';

/**
 * フォロー: idempotent; a member cannot follow themselves or someone who is not active. Where the followee's
 * 公開設定 needs approval (followNeedsApproval) the follow becomes a request, and the followee is mailed.
 */
export async function follow(deps: Deps, followerId: string, followeeId: string): Promise<FollowState | null> {
  if (followerId === followeeId) return null;
  return deps.db.transaction(async (tx) => {
    // Locked as savePrivacy locks it, so a request cannot slip in while the member stops needing approval.
    const [target] = await tx.select().from(members).where(eq(members.id, followeeId)).for('update');
    if (!target || target.status !== 'active') return null;
    const [follower] = await tx.select({ status: members.status }).from(members).where(eq(members.id, followerId));
    if (!follower || inactiveBlocker(follower)) return null;
    if (await blockedBetween(tx, followerId, followeeId)) return null;
    const state = await followState(tx, followerId, followeeId);
    if (state !== 'none') return state;
    const now = deps.clock.now();
    if (!followNeedsApproval(await privacyOf(tx, followeeId))) {
      await tx.insert(follows).values({ followerId, followeeId, createdAt: now }).onConflictDoNothing();
      return 'following';
    }
    const added = await tx
      .insert(followRequests)
      .values({ requesterId: followerId, followeeId, createdAt: now })
      .onConflictDoNothing()
      .returning();
    // One mail per requester and day: asking, cancelling and asking again must not flood the followee's inbox.
    const mailAllowed =
      added.length > 0 &&
      (await consumeRateLimit(
        tx,
        { bucket: 'follow-request-mail', limit: 1, windowMs: DAY },
        `${followerId}:${followeeId}`,
        now,
      ));
    if (mailAllowed) {
      const [requester] = await tx
        .select({ displayName: members.displayName })
        .from(members)
        .where(eq(members.id, followerId));
      const url = mailLinks(deps.config.baseUrl).followRequests;
      const content = followRequestMail(target.locale, { name: target.displayName, from: requester.displayName, url });
      await queueMail(tx, deps, {
        to: target.email,
        memberId: target.id,
        template: 'follow_request',
        locale: target.locale,
        content,
      });
    }
    return 'requested';
  });
}

/** フォローをやめる, or 取り消す a request still waiting. */
export async function unfollow(deps: Deps, followerId: string, followeeId: string) {
  await deps.db.transaction(async (tx) => {
    await tx.delete(follows).where(and(eq(follows.followerId, followerId), eq(follows.followeeId, followeeId)));
    await tx
      .delete(followRequests)
      .where(and(eq(followRequests.requesterId, followerId), eq(followRequests.followeeId, followeeId)));
  });
}

/** The followee declines a request, or removes someone who follows them: either way that member is no follower. */
export async function removeFollower(deps: Deps, followeeId: string, followerId: string) {
  await unfollow(deps, followerId, followeeId);
}

/**
 * Turns requests to a member into follows. Only active requesters move: a member who left is cleaned up
 * with their requests, and a paused or suspended one keeps waiting. Returns how many were approved.
 */
export async function approveFollowRequests(
  tx: Tx,
  followeeId: string,
  requesterIds: string[] | 'all',
  now: Date,
): Promise<number> {
  const which = requesterIds === 'all' ? undefined : inArray(followRequests.requesterId, requesterIds);
  const active = tx.select({ id: members.id }).from(members).where(eq(members.status, 'active'));
  const moved = await tx
    .delete(followRequests)
    .where(and(eq(followRequests.followeeId, followeeId), which, inArray(followRequests.requesterId, active)))
    .returning({ requesterId: followRequests.requesterId });
  if (moved.length === 0) return 0;
  await tx
    .insert(follows)
    .values(moved.map((r) => ({ followerId: r.requesterId, followeeId, createdAt: now })))
    .onConflictDoNothing();
  return moved.length;
}

export async function approveFollowRequest(deps: Deps, followeeId: string, requesterId: string): Promise<boolean> {
  return deps.db.transaction(
    async (tx) => (await approveFollowRequests(tx, followeeId, [requesterId], deps.clock.now())) > 0,
  );
}

export async function followState(tx: Tx, followerId: string, followeeId: string): Promise<FollowState> {
  const [following] = await tx
    .select({ n: count() })
    .from(follows)
    .where(and(eq(follows.followerId, followerId), eq(follows.followeeId, followeeId)));
  if (following.n > 0) return 'following';
  const [requested] = await tx
    .select({ n: count() })
    .from(followRequests)
    .where(and(eq(followRequests.requesterId, followerId), eq(followRequests.followeeId, followeeId)));
  return requested.n > 0 ? 'requested' : 'none';
}

/** The requests waiting for a member's answer, oldest first, from live members only. */
export async function followRequestsTo(tx: Tx, memberId: string, limit = 200) {
  return tx
    .select({ username: members.username, displayName: members.displayName, createdAt: followRequests.createdAt })
    .from(followRequests)
    .innerJoin(members, eq(members.id, followRequests.requesterId))
    .where(and(eq(followRequests.followeeId, memberId), eq(members.status, 'active')))
    .orderBy(asc(followRequests.createdAt))
    .limit(limit);
}

export async function followRequestCount(tx: Tx, memberId: string): Promise<number> {
  const [row] = await tx
    .select({ n: count() })
    .from(followRequests)
    .innerJoin(members, eq(members.id, followRequests.requesterId))
    .where(and(eq(followRequests.followeeId, memberId), eq(members.status, 'active')));
  return row.n;
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

/**
 * A member's followers or following, as this viewer may see them: each person listed is left out when
 * their own 公開設定 hides their profile or their follow lists from the viewer (visibleFields), except
 * from the member whose list it is. Read a page at a time, so hidden people cost no query each.
 */
export async function followList(
  tx: Tx,
  memberId: string,
  direction: 'followers' | 'following',
  viewerId: string | null,
  limit = 100,
) {
  const otherColumn = direction === 'followers' ? follows.followerId : follows.followeeId;
  const ownColumn = direction === 'followers' ? follows.followeeId : follows.followerId;
  const viewerFollows = alias(follows, 'viewer_follows');
  const people: { username: string; displayName: string }[] = [];
  for (let offset = 0; people.length < limit; offset += limit) {
    const rows = await tx
      .select({
        id: members.id,
        username: members.username,
        displayName: members.displayName,
        privacy: privacySettings,
        viewerFollows: viewerFollows.followerId,
      })
      .from(follows)
      .innerJoin(members, eq(members.id, otherColumn))
      .leftJoin(privacySettings, eq(privacySettings.memberId, members.id))
      .leftJoin(
        viewerFollows,
        viewerId ? and(eq(viewerFollows.followeeId, members.id), eq(viewerFollows.followerId, viewerId)) : sql`false`,
      )
      .where(and(eq(ownColumn, memberId), eq(members.status, 'active')))
      .orderBy(desc(follows.createdAt), asc(members.id))
      .limit(limit)
      .offset(offset);
    for (const row of rows) {
      const seen = visibleFields(viewerKind(viewerId, row.id, row.viewerFollows !== null), choicesFrom(row.privacy));
      if (viewerId === memberId || (seen.profile && seen.follows))
        people.push({ username: row.username, displayName: row.displayName });
    }
    if (rows.length < limit) break;
  }
  return people.slice(0, limit);
}
