import { sellerProceeds } from '../money/fees';
import { and, eq, lte } from 'drizzle-orm';
import type { Message } from '../../dictionary';
import type { Tx } from '../../platform/db/client';
import type { Deps } from '../../platform/deps';
import { DAY } from '../../platform/clock';
import type { Result } from '../../platform/context';
import { appendMessage, orderRoomId } from '../../messages/rooms';
import { refundPoints } from '../money/ledger';
import { ledgerEntries, orders } from '../schema';
import type { OrderEvent } from '../mails';
import { notifyOrderEvent } from './notify';
import { logOperatorAction } from '../../trust/operatorLog';
import { settleTips } from '../../trading/tips';
import { cancelRequestStatuses, checkTransition, nextStatus, type OrderAction, type OrderActor } from './stateMachine';

type Order = typeof orders.$inferSelect;

const events: Record<OrderAction, OrderEvent> = {
  deliver: 'delivered',
  approve: 'completed',
  sendBack: 'sentBack',
  autoApprove: 'autoCompleted',
  requestCancel: 'cancelRequested',
  withdrawCancel: 'cancelWithdrawn',
  agreeCancel: 'cancelled',
  reportProblem: 'disputed',
  resolveComplete: 'completed',
  resolveCancel: 'cancelled',
  resolveResume: 'resumed',
};

/**
 * Applies one state-machine action to an order, in one transaction with the row locked: checks who
 * may do it from which state, writes the new state, the money, a notice in the room and the mails.
 * A refused action changes nothing and says why.
 */
export async function transitionOrder(
  deps: Deps,
  orderId: string,
  action: OrderAction,
  actor: OrderActor,
  options: { message?: string } = {},
): Promise<Result<{ order: Order }, { problem: Message }>> {
  return deps.db.transaction(async (tx) => {
    const [order] = await tx.select().from(orders).where(eq(orders.id, orderId)).for('update');
    if (!order) return { ok: false as const, problem: ((t) => t.marketplace.errors.orderNotFound) as Message };
    const refusal = checkTransition(order, action, actor);
    if (refusal) return { ok: false as const, problem: refusal };
    const updated = await applyTransition(tx, deps, order, action, actor, options);
    return { ok: true as const, order: updated };
  });
}

async function applyTransition(
  tx: Tx,
  deps: Deps,
  order: Order,
  action: OrderAction,
  actor: OrderActor,
  options: { message?: string },
): Promise<Order> {
  const now = deps.clock.now();
  const status = nextStatus(order, action);
  const changes: Partial<Order> = { status };
  // Resumed to 納品済み, the buyer gets a full approval window again, counted from now.
  if (action === 'deliver' || (action === 'resolveResume' && status === 'delivered')) changes.deliveredAt = now;
  if (action === 'requestCancel') changes.cancelRequestedBy = (actor as { id: string }).id;
  // A cancellation request lives only while one may be made: withdrawn, or gone when the order moves on.
  if (action === 'withdrawCancel' || !cancelRequestStatuses.includes(status)) changes.cancelRequestedBy = null;
  if (action === 'reportProblem') {
    changes.statusBeforeDispute = order.status;
    changes.disputedAt = now;
  }
  if (status === 'completed') changes.completedAt = now;
  if (status === 'cancelled') changes.cancelledAt = now;
  const [updated] = await tx.update(orders).set(changes).where(eq(orders.id, order.id)).returning();

  if (status === 'completed') {
    const { feeYen, proceedsYen } = sellerProceeds(order.priceYen, deps.config.marketplace.platformFeePercent);
    await tx.insert(ledgerEntries).values({
      memberId: order.sellerId,
      account: 'sales',
      kind: 'sale_credit',
      amountYen: proceedsYen,
      orderId: order.id,
      note: `fee ${feeYen}`,
      createdAt: now,
    });
  }
  if (status === 'cancelled') {
    await refundPoints(tx, order.id, now);
    if (order.chargedYen > 0) {
      await deps.paymentProvider.refund({ paymentRef: order.paymentRef, amountYen: order.chargedYen });
      await tx.insert(ledgerEntries).values({
        memberId: order.buyerId,
        account: 'payments',
        kind: 'refund',
        amountYen: -order.chargedYen,
        orderId: order.id,
        note: order.paymentRef,
        createdAt: now,
      });
    }
  }
  await settleTips(tx, deps, order, status, now);

  if (actor.kind === 'operator') {
    for (const memberId of [order.buyerId, order.sellerId])
      await logOperatorAction(tx, actor, `order_${action}`, memberId, `order ${order.id}`, now);
  }

  const roomId = await orderRoomId(tx, order.id);
  const senderId = actor.kind === 'member' ? actor.id : null;
  if (action === 'deliver' || (options.message && actor.kind === 'member')) {
    await appendMessage(
      tx,
      { roomId, senderId, kind: action === 'deliver' ? 'delivery' : 'message', body: options.message ?? '' },
      now,
    );
  }
  await appendMessage(tx, { roomId, senderId: null, kind: 'system', body: `order.${events[action]}` }, now);
  const parties = [order.buyerId, order.sellerId];
  const recipients = actor.kind === 'member' ? parties.filter((id) => id !== actor.id) : parties;
  await notifyOrderEvent(tx, deps, order, events[action], recipients);
  return updated;
}

/** 自動承認: delivered orders nobody approved within the configured days complete by themselves. */
export async function autoApproveDeliveredOrders(deps: Deps, limit = 200): Promise<number> {
  const cutoff = new Date(deps.clock.now().getTime() - deps.config.marketplace.autoApproveDays * DAY);
  const due = await deps.db
    .select({ id: orders.id })
    .from(orders)
    .where(and(eq(orders.status, 'delivered'), lte(orders.deliveredAt, cutoff)))
    .limit(limit);
  let approved = 0;
  for (const { id } of due) {
    // Each order in its own transaction: one failure does not hold back the rest, and a re-run skips what is done.
    const result = await transitionOrder(deps, id, 'autoApprove', { kind: 'system' });
    if (result.ok) approved += 1;
  }
  return approved;
}
