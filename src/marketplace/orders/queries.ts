import { and, desc, eq } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Tx } from '../../platform/db/client';
import { members } from '../../accounts/schema';
import { shownAs } from '../../profiles/shownAs';
import { orders, reviews, rooms } from '../schema';

const counterpart = alias(members, 'counterpart');

/** A member's orders on one side (purchases or sales), newest first, with the other party as they may see them. */
export async function ordersOf(tx: Tx, memberId: string, side: 'buyer' | 'seller', limit = 50) {
  const own = side === 'buyer' ? orders.buyerId : orders.sellerId;
  const other = side === 'buyer' ? orders.sellerId : orders.buyerId;
  const rows = await tx
    .select({ order: orders, other: { status: counterpart.status, displayName: counterpart.displayName, username: counterpart.username } })
    .from(orders)
    .innerJoin(counterpart, eq(counterpart.id, other))
    .where(eq(own, memberId))
    .orderBy(desc(orders.createdAt))
    .limit(limit);
  return rows.map((r) => ({ id: r.order.id, title: r.order.titleSnapshot, status: r.order.status, priceYen: r.order.priceYen, createdAt: r.order.createdAt, counterpartName: shownAs(r.other).name }));
}

/** An order with its message room, in one read (the order page needs both). */
export async function orderWithRoom(tx: Tx, orderId: string) {
  const [row] = await tx.select({ order: orders, room: rooms }).from(orders).innerJoin(rooms, eq(rooms.orderId, orders.id)).where(eq(orders.id, orderId));
  return row ?? null;
}

export async function orderById(tx: Tx, orderId: string) {
  const [order] = await tx.select().from(orders).where(eq(orders.id, orderId));
  return order ?? null;
}

export async function reviewsOfOrder(tx: Tx, orderId: string) {
  return tx.select().from(reviews).where(eq(reviews.orderId, orderId));
}

export async function reviewBy(tx: Tx, orderId: string, authorId: string) {
  const [row] = await tx
    .select()
    .from(reviews)
    .where(and(eq(reviews.orderId, orderId), eq(reviews.authorId, authorId)));
  return row ?? null;
}
