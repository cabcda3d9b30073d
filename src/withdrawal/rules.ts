import { and, count, eq, inArray, or, sum } from 'drizzle-orm';
import type { Db, Tx } from '../platform/db/client';
import { orders, payouts, reviews, rooms } from '../marketplace/schema';
import { follows } from '../privacy/schema';
import { pointLots, salesBalance, type PointLot } from '../marketplace/money/ledger';
import { openOrderStatuses } from '../marketplace/orders/stateMachine';
import { payoutAccountOf } from '../marketplace/money/payoutAccounts';

export type Blocker =
  | { kind: 'openOrder'; orderId: string; title: string; role: 'buyer' | 'seller' }
  | { kind: 'salesBalance'; amountYen: number }
  | { kind: 'payoutInProgress'; amountYen: number };

/**
 * The one rule for "may this member leave (or pause) now": nothing still open that involves someone
 * else's money or work. Each blocker names what settles it. Empty means yes.
 */
export async function withdrawalBlockers(db: Db | Tx, memberId: string): Promise<Blocker[]> {
  const open = await db
    .select({ id: orders.id, title: orders.titleSnapshot, buyerId: orders.buyerId })
    .from(orders)
    .where(
      and(
        or(eq(orders.buyerId, memberId), eq(orders.sellerId, memberId)),
        inArray(orders.status, [...openOrderStatuses]),
      ),
    );
  const blockers: Blocker[] = open.map((o) => ({
    kind: 'openOrder',
    orderId: o.id,
    title: o.title,
    role: o.buyerId === memberId ? 'buyer' : 'seller',
  }));
  // A balance is paid out in full when the member leaves (finalPayoutOf); only a missing bank account stops that.
  const balance = await salesBalance(db, memberId);
  if (balance > 0 && !(await payoutAccountOf(db, memberId)))
    blockers.push({ kind: 'salesBalance', amountYen: balance });
  const [inProgress] = await db
    .select({ total: sum(payouts.amountYen) })
    .from(payouts)
    .where(and(eq(payouts.memberId, memberId), eq(payouts.status, 'requested')));
  if (Number(inProgress.total ?? 0) > 0)
    blockers.push({ kind: 'payoutInProgress', amountYen: Number(inProgress.total) });
  return blockers;
}

/**
 * What leaving pays out: the whole sales balance, with no transfer fee and no minimum, to the registered account.
 * withdrawMember makes this payout request in the withdrawal's own transaction.
 */
export async function finalPayoutOf(db: Db | Tx, memberId: string): Promise<{ amountYen: number } | null> {
  const balance = await salesBalance(db, memberId);
  return balance > 0 ? { amountYen: balance } : null;
}

/** Pausing is blocked by open orders only: a balance can wait while the member rests. */
export async function pauseBlockers(db: Db | Tx, memberId: string): Promise<Blocker[]> {
  return (await withdrawalBlockers(db, memberId)).filter((b) => b.kind === 'openOrder');
}

export type Forfeits = { pointsYen: number; pointLots: PointLot[] };

/** What leaving gives up for good: unspent points. */
export async function withdrawalForfeits(db: Db | Tx, memberId: string, now: Date): Promise<Forfeits> {
  const lots = await pointLots(db, memberId, now);
  return { pointsYen: lots.reduce((t, l) => t + l.remaining, 0), pointLots: lots };
}

export type Losses = {
  purchases: number;
  sales: number;
  reviewsGiven: number;
  reviewsReceived: number;
  rooms: number;
  followers: number;
  following: number;
};

/** Counted from the member's own data for the confirmation screen: exactly what they will lose access to. */
export async function withdrawalLosses(db: Db | Tx, memberId: string): Promise<Losses> {
  const n = async (query: Promise<{ n: number }[]>) => (await query)[0].n;
  return {
    purchases: await n(db.select({ n: count() }).from(orders).where(eq(orders.buyerId, memberId))),
    sales: await n(db.select({ n: count() }).from(orders).where(eq(orders.sellerId, memberId))),
    reviewsGiven: await n(db.select({ n: count() }).from(reviews).where(eq(reviews.authorId, memberId))),
    reviewsReceived: await n(db.select({ n: count() }).from(reviews).where(eq(reviews.subjectId, memberId))),
    rooms: await n(
      db
        .select({ n: count() })
        .from(rooms)
        .where(or(eq(rooms.memberA, memberId), eq(rooms.memberB, memberId))),
    ),
    followers: await n(db.select({ n: count() }).from(follows).where(eq(follows.followeeId, memberId))),
    following: await n(db.select({ n: count() }).from(follows).where(eq(follows.followerId, memberId))),
  };
}
