import { and, avg, count, desc, eq, sql } from 'drizzle-orm';
import type { Message } from '../dictionary';
import type { Tx } from '../platform/db/client';
import type { Deps } from '../platform/deps';
import { HOUR } from '../platform/clock';
import type { Result } from '../platform/context';
import { members } from '../accounts/schema';
import { orders, reviews, services } from './schema';
import { reviewHoldReason } from '../trust/reviewHolds';
import { queueSearchSync } from '../platform/searchPort';

export type ReviewInput = { rating: number; comment: string };

/** 評価: each side of a completed order rates the other once; only the two parties can. */
export async function leaveReview(
  deps: Deps,
  authorId: string,
  orderId: string,
  input: ReviewInput,
): Promise<Result<{}, { problem: Message }>> {
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    const [order] = await tx.select().from(orders).where(eq(orders.id, orderId));
    if (!order || (order.buyerId !== authorId && order.sellerId !== authorId))
      return { ok: false as const, problem: ((t) => t.marketplace.errors.orderNotFound) as Message };
    if (order.status !== 'completed')
      return { ok: false as const, problem: ((t) => t.marketplace.errors.reviewNotYet) as Message };
    const subjectId = order.buyerId === authorId ? order.sellerId : order.buyerId;
    // Reviews that look self-dealt wait for an operator instead of counting at once.
    const heldReason = await reviewHoldReason(tx, authorId, subjectId, now);
    const inserted = await tx
      .insert(reviews)
      .values({
        orderId,
        authorId,
        subjectId,
        rating: input.rating,
        comment: input.comment,
        status: heldReason ? 'held' : 'published',
        heldReason,
        createdAt: now,
        updatedAt: now,
      })
      .onConflictDoNothing()
      .returning({ id: reviews.id });
    if (inserted.length === 0)
      return { ok: false as const, problem: ((t) => t.marketplace.errors.reviewAlreadyLeft) as Message };
    if (!heldReason) await countInServiceRating(tx, deps, order, subjectId, input.rating, 1);
    return { ok: true as const };
  });
}

/** A review can be corrected for a while (72 hours by default), then it stands. */
export async function editReview(
  deps: Deps,
  authorId: string,
  orderId: string,
  input: ReviewInput,
): Promise<Result<{}, { problem: Message }>> {
  const now = deps.clock.now();
  const limitMs = deps.config.marketplace.reviewEditHours * HOUR;
  return deps.db.transaction(async (tx) => {
    const [review] = await tx
      .select()
      .from(reviews)
      .where(and(eq(reviews.orderId, orderId), eq(reviews.authorId, authorId)))
      .for('update');
    if (!review) return { ok: false as const, problem: ((t) => t.marketplace.errors.orderNotFound) as Message };
    if (now.getTime() - review.createdAt.getTime() > limitMs)
      return { ok: false as const, problem: ((t) => t.marketplace.errors.reviewLocked) as Message };
    await tx
      .update(reviews)
      .set({ rating: input.rating, comment: input.comment, updatedAt: now })
      .where(eq(reviews.id, review.id));
    const [order] = await tx.select().from(orders).where(eq(orders.id, orderId));
    if (review.status === 'published')
      await countInServiceRating(tx, deps, order, review.subjectId, input.rating - review.rating, 0);
    return { ok: true as const };
  });
}

/** Only the buyer's published review rates the service itself; kept in step in the same transaction. */
export async function countInServiceRating(
  tx: Tx,
  deps: Pick<Deps, 'jobs' | 'search'>,
  order: { sellerId: string; serviceId: string },
  subjectId: string,
  ratingDelta: number,
  countDelta: number,
) {
  if (subjectId !== order.sellerId) return;
  const serviceId = order.serviceId;
  await tx
    .update(services)
    .set({
      ratingSum: sql`${services.ratingSum} + ${ratingDelta}`,
      ratingCount: sql`${services.ratingCount} + ${countDelta}`,
    })
    .where(eq(services.id, serviceId));
  await queueSearchSync(tx, deps, { serviceIds: [serviceId] });
}

/** Average and count of the ratings a member received, from the reviews themselves. */
export async function ratingOf(tx: Tx, memberId: string): Promise<{ average: number | null; count: number }> {
  const [row] = await tx
    .select({ average: avg(reviews.rating), count: count() })
    .from(reviews)
    .where(and(eq(reviews.subjectId, memberId), eq(reviews.status, 'published')));
  return { average: row.count > 0 ? Math.round(Number(row.average) * 10) / 10 : null, count: row.count };
}

/** Reviews shown on a profile or service page, newest first, with the author as others may see them. */
export async function reviewsReceived(tx: Tx, filter: { subjectId?: string; serviceId?: string }, limit = 20) {
  const about = filter.serviceId
    ? and(eq(orders.serviceId, filter.serviceId), eq(reviews.subjectId, orders.sellerId))
    : eq(reviews.subjectId, filter.subjectId!);
  const condition = and(about, eq(reviews.status, 'published'));
  return tx
    .select({
      id: reviews.id,
      authorId: reviews.authorId,
      rating: reviews.rating,
      comment: reviews.comment,
      createdAt: reviews.createdAt,
      authorName: members.displayName,
      authorUsername: members.username,
      authorStatus: members.status,
      serviceTitle: orders.titleSnapshot,
    })
    .from(reviews)
    .innerJoin(orders, eq(orders.id, reviews.orderId))
    .innerJoin(members, eq(members.id, reviews.authorId))
    .where(condition)
    .orderBy(desc(reviews.createdAt))
    .limit(limit);
}
