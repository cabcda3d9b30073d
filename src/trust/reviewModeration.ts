import { eq } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db } from '../platform/db/client';
import type { Deps } from '../platform/deps';
import { members } from '../accounts/schema';
import { orders, reviews } from '../marketplace/schema';
import { countInServiceRating } from '../marketplace/reviews';
import { logOperatorAction, type Operator } from './operatorLog';

export type ModerationAction = 'publish' | 'remove';

/**
 * An operator publishes a held review or removes a held or published one. The service's rating is
 * recalculated in the same transaction; a member's average is always computed from published reviews.
 */
export async function moderateReview(
  deps: Deps,
  operator: Operator,
  reviewId: string,
  action: ModerationAction,
): Promise<boolean> {
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    const [review] = await tx.select().from(reviews).where(eq(reviews.id, reviewId)).for('update');
    const allowedFrom = action === 'publish' ? ['held'] : ['held', 'published'];
    if (!review || !allowedFrom.includes(review.status)) return false;
    const [order] = await tx.select().from(orders).where(eq(orders.id, review.orderId));
    await tx
      .update(reviews)
      .set({ status: action === 'publish' ? 'published' : 'removed' })
      .where(eq(reviews.id, reviewId));
    if (action === 'publish') await countInServiceRating(tx, deps, order, review.subjectId, review.rating, 1);
    if (action === 'remove' && review.status === 'published')
      await countInServiceRating(tx, deps, order, review.subjectId, -review.rating, -1);
    await logOperatorAction(
      tx,
      operator,
      `review_${action}`,
      review.subjectId,
      `review ${reviewId} by ${review.authorId}`,
      now,
    );
    return true;
  });
}

/** The operators' queue of held reviews, oldest first, with both parties. */
export async function heldReviews(db: Db) {
  const author = alias(members, 'author');
  const subject = alias(members, 'subject');
  return db
    .select({
      id: reviews.id,
      rating: reviews.rating,
      comment: reviews.comment,
      status: reviews.status,
      heldReason: reviews.heldReason,
      createdAt: reviews.createdAt,
      authorId: author.id,
      authorUsername: author.username,
      subjectId: subject.id,
      subjectUsername: subject.username,
      serviceTitle: orders.titleSnapshot,
    })
    .from(reviews)
    .innerJoin(orders, eq(orders.id, reviews.orderId))
    .innerJoin(author, eq(author.id, reviews.authorId))
    .innerJoin(subject, eq(subject.id, reviews.subjectId))
    .where(eq(reviews.status, 'held'))
    .orderBy(reviews.createdAt)
    .limit(100);
}
