import { and, eq } from 'drizzle-orm';
import type { Tx } from '../../platform/db/client';
import { orders, reviews, rooms, services } from '../schema';

/** An order with its message room, in one read (the order page needs both). */
export async function orderWithRoom(tx: Tx, orderId: string) {
  const [row] = await tx
    .select({ order: orders, room: rooms })
    .from(orders)
    .innerJoin(rooms, eq(rooms.orderId, orders.id))
    .where(eq(orders.id, orderId));
  return row ?? null;
}

/** The service's お届け日数, from which an order's due date is counted (orders keep no copy of it). */
export async function serviceDeliveryDays(tx: Tx, serviceId: string): Promise<number> {
  const [row] = await tx.select({ days: services.deliveryDays }).from(services).where(eq(services.id, serviceId));
  return row.days;
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
