import { and, eq } from 'drizzle-orm';
import type { Tx } from '../../platform/db/client';
import { orders, reviews, rooms, services } from '../schema';
import { members } from '../../accounts/schema';

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

/** The terms an order keeps (フリーランス法 §3), with whether its buyer buys as a business; null before they were kept. */
export async function termsOfOrder(tx: Tx, order: typeof orders.$inferSelect) {
  if (!order.dueAt || order.inspectionDays === null || !order.paymentDueAt) return null;
  const [buyer] = await tx
    .select({ buysAsBusiness: members.buysAsBusiness })
    .from(members)
    .where(eq(members.id, order.buyerId));
  return {
    placedAt: order.createdAt,
    priceYen: order.priceYen,
    dueAt: order.dueAt,
    inspectionDays: order.inspectionDays,
    paymentDueAt: order.paymentDueAt,
    businessBuyer: buyer?.buysAsBusiness ?? false,
  };
}
