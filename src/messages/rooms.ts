import { and, eq, or, sql } from 'drizzle-orm';
import type { Tx } from '../platform/db/client';
import { messages, orders, rooms } from '../marketplace/schema';

/** 取引メッセージ: the room every order gets at purchase. */
export async function createOrderRoom(
  tx: Tx,
  order: { id: string; buyerId: string; sellerId: string },
  now: Date,
): Promise<string> {
  const [room] = await tx
    .insert(rooms)
    .values({ kind: 'order', orderId: order.id, memberA: order.buyerId, memberB: order.sellerId, createdAt: now })
    .returning({ id: rooms.id });
  return room.id;
}

/** 見積もり相談: one direct room per pair of members, whoever opens it first. */
export async function findOrCreateDirectRoom(tx: Tx, a: string, b: string, now: Date): Promise<string> {
  const [memberA, memberB] = a < b ? [a, b] : [b, a];
  await tx.insert(rooms).values({ kind: 'direct', memberA, memberB, createdAt: now }).onConflictDoNothing();
  const [room] = await tx
    .select({ id: rooms.id })
    .from(rooms)
    .where(and(eq(rooms.kind, 'direct'), eq(rooms.memberA, memberA), eq(rooms.memberB, memberB)));
  return room.id;
}

export async function orderRoomId(tx: Tx, orderId: string): Promise<string> {
  const [room] = await tx.select({ id: rooms.id }).from(rooms).where(eq(rooms.orderId, orderId));
  return room.id;
}

/** Adds a message (or a system notice, with no sender) and moves the room up in both members' lists. */
export async function appendMessage(
  tx: Tx,
  input: { roomId: string; senderId: string | null; kind: 'message' | 'delivery' | 'system'; body: string },
  now: Date,
): Promise<number> {
  const [row] = await tx
    .insert(messages)
    .values({ ...input, createdAt: now })
    .returning({ id: messages.id });
  await tx.update(rooms).set({ lastMessageAt: now }).where(eq(rooms.id, input.roomId));
  return row.id;
}

/** A member's rooms, most recently active first, with the order title for order rooms. */
export async function roomsOfMember(tx: Tx, memberId: string, limit = 200) {
  const rows = await tx
    .select({ room: rooms, orderTitle: orders.titleSnapshot })
    .from(rooms)
    .leftJoin(orders, eq(orders.id, rooms.orderId))
    .where(or(eq(rooms.memberA, memberId), eq(rooms.memberB, memberId)))
    .orderBy(sql`${rooms.lastMessageAt} desc nulls last`)
    .limit(limit);
  return rows.map((r) => ({ ...r.room, orderTitle: r.orderTitle }));
}
