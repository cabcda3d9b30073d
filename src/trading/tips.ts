import { and, eq, isNull, sum } from 'drizzle-orm';
import type { Message } from '../dictionary';
import type { Db, Tx } from '../platform/db/client';
import type { Deps } from '../platform/deps';
import type { CurrentMember } from '../platform/web/env';
import { isUniqueViolation } from '../accounts/signUp';
import { appendMessage, orderRoomId } from '../messages/rooms';
import { lockMemberMoney } from '../marketplace/money/ledger';
import { notifyOrderEvent } from '../marketplace/orders/notify';
import { sellerProceeds } from '../marketplace/money/fees';
import { tradingBlocker } from '../marketplace/rules';
import { ledgerEntries, orders, type OrderStatus } from '../marketplace/schema';
import { orderTips } from './schema';

type Order = typeof orders.$inferSelect;
const tippable: readonly OrderStatus[] = ['in_progress', 'delivered', 'completed'];

/** Who may tip: the buyer, on an order that is open or done (not cancelled or in dispute). */
export function tipRefusal(order: Pick<Order, 'buyerId' | 'status'>, memberId: string): Message | null {
  return order.buyerId === memberId && tippable.includes(order.status) ? null : (t) => t.trading.errors.tipNotAllowed;
}

/**
 * おひねり: charges the buyer and records the tip. On a completed order it reaches the seller's sales at
 * once (after the platform fee, as the price did); on an open one it waits for the order's outcome
 * (settleTips). The idempotency key makes a double submit one tip and one charge.
 */
export async function addTip(
  deps: Deps,
  buyer: CurrentMember,
  orderId: string,
  input: { amountYen: number; idempotencyKey: string },
): Promise<{ ok: true } | { ok: false; problem: Message }> {
  const blocker = tradingBlocker(buyer);
  if (blocker) return { ok: false, problem: blocker };
  const { tipMinYen, tipMaxYen } = deps.config.marketplace;
  if (!Number.isInteger(input.amountYen) || input.amountYen < tipMinYen || input.amountYen > tipMaxYen)
    return { ok: false, problem: (t) => t.trading.errors.tipRange(tipMinYen, tipMaxYen) };
  const key = `tip:${input.idempotencyKey}`;
  let charged: { paymentRef: string; amountYen: number } | null = null;
  try {
    return await deps.db.transaction(async (tx) => {
      await lockMemberMoney(tx, buyer.id);
      const [done] = await tx
        .select({ id: orderTips.id })
        .from(orderTips)
        .where(and(eq(orderTips.buyerId, buyer.id), eq(orderTips.idempotencyKey, key)));
      if (done) return { ok: true as const };
      const [order] = await tx.select().from(orders).where(eq(orders.id, orderId)).for('update');
      const refusal = order ? tipRefusal(order, buyer.id) : (((t) => t.marketplace.errors.orderNotFound) as Message);
      if (refusal) return { ok: false as const, problem: refusal };
      const charge = await deps.paymentProvider.charge({
        amountYen: input.amountYen,
        buyerId: buyer.id,
        idempotencyKey: key,
      });
      if (!charge.ok) return { ok: false as const, problem: ((t) => t.marketplace.errors.paymentDeclined) as Message };
      charged = { paymentRef: charge.paymentRef, amountYen: input.amountYen };
      const now = deps.clock.now();
      const [tip] = await tx
        .insert(orderTips)
        .values({
          orderId,
          buyerId: buyer.id,
          amountYen: input.amountYen,
          paymentRef: charge.paymentRef,
          idempotencyKey: key,
          createdAt: now,
        })
        .returning();
      await tx.insert(ledgerEntries).values({
        memberId: buyer.id,
        account: 'payments',
        kind: 'tip_charge',
        amountYen: input.amountYen,
        orderId,
        note: charge.paymentRef,
        createdAt: now,
      });
      if (order.status === 'completed') await creditTip(tx, deps, order, tip, now);
      await appendMessage(
        tx,
        { roomId: await orderRoomId(tx, orderId), senderId: null, kind: 'system', body: 'order.tipped' },
        now,
      );
      await notifyOrderEvent(tx, deps, order, 'tipped', [order.sellerId]);
      return { ok: true as const };
    });
  } catch (error) {
    const paid = charged as { paymentRef: string; amountYen: number } | null;
    if (paid) await deps.paymentProvider.refund(paid);
    if (isUniqueViolation(error, 'order_tips_idempotency_key')) return { ok: true };
    throw error;
  }
}

async function creditTip(tx: Tx, deps: Deps, order: Order, tip: typeof orderTips.$inferSelect, now: Date) {
  const { feeYen, proceedsYen } = sellerProceeds(tip.amountYen, deps.config.marketplace.platformFeePercent);
  await tx.insert(ledgerEntries).values({
    memberId: order.sellerId,
    account: 'sales',
    kind: 'tip_credit',
    amountYen: proceedsYen,
    orderId: order.id,
    note: `fee ${feeYen}`,
    createdAt: now,
  });
  await tx.update(orderTips).set({ settledAt: now }).where(eq(orderTips.id, tip.id));
}

/** Tips follow their order: credited to the seller when it completes, refunded to the buyer when it is cancelled. */
export async function settleTips(tx: Tx, deps: Deps, order: Order, status: OrderStatus, now: Date) {
  if (status !== 'completed' && status !== 'cancelled') return;
  const open = await tx
    .select()
    .from(orderTips)
    .where(and(eq(orderTips.orderId, order.id), isNull(orderTips.settledAt)));
  for (const tip of open) {
    if (status === 'completed') {
      await creditTip(tx, deps, order, tip, now);
      continue;
    }
    await deps.paymentProvider.refund({ paymentRef: tip.paymentRef, amountYen: tip.amountYen });
    await tx.insert(ledgerEntries).values({
      memberId: tip.buyerId,
      account: 'payments',
      kind: 'tip_refund',
      amountYen: -tip.amountYen,
      orderId: order.id,
      note: tip.paymentRef,
      createdAt: now,
    });
    await tx.update(orderTips).set({ settledAt: now }).where(eq(orderTips.id, tip.id));
  }
}

export async function tipTotal(db: Db, orderId: string): Promise<number> {
  const [row] = await db
    .select({ total: sum(orderTips.amountYen) })
    .from(orderTips)
    .where(eq(orderTips.orderId, orderId));
  return Number(row.total ?? 0);
}
