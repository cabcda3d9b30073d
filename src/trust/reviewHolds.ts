import { aliasedTable, and, count, eq, gt, inArray, ne } from 'drizzle-orm';
import type { Tx } from '../platform/db/client';
import { DAY } from '../platform/clock';
import { members } from '../accounts/schema';
import { reviewHoldReasons, reviews } from '../marketplace/schema';
import { identitySignals } from './schema';

/** A seller receiving this many reviews within BURST_WINDOW_MS from accounts younger than NEW_ACCOUNT_DAYS looks staged. */
export const BURST_REVIEWS = 3;
export const BURST_WINDOW_MS = 1 * DAY;
export const NEW_ACCOUNT_DAYS = 7;

export type HoldReason = (typeof reviewHoldReasons)[number];

/**
 * The one rule for "publish this review now or hold it for an operator": held when author and subject
 * share a browser or a strong signal, or when it completes
 * a burst of reviews from brand-new accounts to one member.
 */
export async function reviewHoldReason(
  tx: Tx,
  authorId: string,
  subjectId: string,
  now: Date,
): Promise<HoldReason | null> {
  const mine = aliasedTable(identitySignals, 'author_signal');
  const theirs = aliasedTable(identitySignals, 'subject_signal');
  const [shared] = await tx
    .select({ n: count() })
    .from(mine)
    .innerJoin(theirs, and(eq(theirs.hash, mine.hash), eq(theirs.memberId, subjectId)))
    .where(
      and(
        eq(mine.memberId, authorId),
        // An IP address alone is shared by whole offices and mobile networks: it never holds a review by itself.
        ne(mine.kind, 'ip'),
      ),
    );
  if (shared.n > 0) return 'shared_signals';

  const [author] = await tx.select({ createdAt: members.createdAt }).from(members).where(eq(members.id, authorId));
  const newAccountSince = new Date(now.getTime() - NEW_ACCOUNT_DAYS * DAY);
  if (!author || author.createdAt <= newAccountSince) return null;
  const newAuthors = tx.select({ id: members.id }).from(members).where(gt(members.createdAt, newAccountSince));
  const [recent] = await tx
    .select({ n: count() })
    .from(reviews)
    .where(
      and(
        eq(reviews.subjectId, subjectId),
        gt(reviews.createdAt, new Date(now.getTime() - BURST_WINDOW_MS)),
        inArray(reviews.authorId, newAuthors),
      ),
    );
  return recent.n + 1 >= BURST_REVIEWS ? 'new_account_burst' : null;
}
