import { and, eq } from 'drizzle-orm';
import type { Message } from '../../dictionary';
import type { Db, Tx } from '../../platform/db/client';
import type { Deps } from '../../platform/deps';
import type { CurrentMember } from '../../platform/web/env';
import type { Result } from '../../platform/context';
import { isUniqueViolation } from '../../accounts/signUp';
import { createOrderRoom, appendMessage } from '../../messages/rooms';
import { lockMemberMoney, spendPoints } from '../money/ledger';
import { ledgerEntries, orders } from '../schema';
import { recordOrderOptions } from '../services/options';
import { notifyOrderEvent } from './notify';
import { orderTerms, termColumns } from './orderTerms';
import { quotePurchase, type QuoteInput } from './quote';

/** One key per service page view: a double click or a retried request is one order and one charge. */
export type PurchaseInput = QuoteInput & { idempotencyKey: string };

/**
 * 購入: charges the buyer (minus points), opens the order and its message room, and tells the seller.
 * Everything is checked (quotePurchase) under the buyer's money lock before the charge; a charge whose
 * order is not written is refunded. The order keeps the terms it was placed on (フリーランス法 §3):
 * the service's description, its options, the due date, the inspection period and the payment date.
 */
export async function purchaseService(
  deps: Deps,
  buyer: CurrentMember,
  input: PurchaseInput,
): Promise<Result<{ orderId: string }, { problem: Message }>> {
  const existing = await findOrderByKey(deps.db, buyer.id, input.idempotencyKey);
  if (existing) return { ok: true, orderId: existing };
  let charged = null as { paymentRef: string; amountYen: number } | null;
  try {
    return await deps.db.transaction(async (tx) => {
      await lockMemberMoney(tx, buyer.id);
      // A request with the same key that held the lock first has made the order: this one is it.
      const raced = await findOrderByKey(tx, buyer.id, input.idempotencyKey);
      if (raced) return { ok: true as const, orderId: raced };
      const quoted = await quotePurchase(tx, deps, buyer, input);
      if (!quoted.ok) return quoted;
      const { quote } = quoted;
      const now = deps.clock.now();
      const charge = await deps.paymentProvider.charge({
        amountYen: quote.chargeYen,
        buyerId: buyer.id,
        idempotencyKey: input.idempotencyKey,
      });
      if (!charge.ok) return { ok: false as const, problem: ((t) => t.marketplace.errors.paymentDeclined) as Message };
      charged = { paymentRef: charge.paymentRef, amountYen: quote.chargeYen };
      const [order] = await tx
        .insert(orders)
        .values({
          serviceId: quote.service.id,
          buyerId: buyer.id,
          sellerId: quote.service.sellerId,
          titleSnapshot: quote.service.title,
          scopeSnapshot: quote.service.description,
          priceYen: quote.priceYen,
          pointsUsed: quote.pointsUsed,
          chargedYen: quote.chargeYen,
          paymentRef: charge.paymentRef,
          status: 'in_progress',
          idempotencyKey: input.idempotencyKey,
          // Counted from the order's own moment, which is a little after the quote's.
          ...termColumns(orderTerms(now, quote.terms.deliveryDays, quote.terms.inspectionDays)),
          createdAt: now,
        })
        .returning();
      await recordOrderOptions(tx, order.id, quote.options);
      if (quote.pointsUsed > 0) await spendPoints(tx, buyer.id, quote.pointsUsed, order.id, now);
      if (quote.chargeYen > 0) {
        await tx.insert(ledgerEntries).values({
          memberId: buyer.id,
          account: 'payments',
          kind: 'charge',
          amountYen: quote.chargeYen,
          orderId: order.id,
          note: charge.paymentRef,
          createdAt: now,
        });
      }
      const roomId = await createOrderRoom(tx, order, now);
      await appendMessage(tx, { roomId, senderId: null, kind: 'system', body: 'order.purchased' }, now);
      await notifyOrderEvent(tx, deps, order, 'purchased', [order.sellerId]);
      return { ok: true as const, orderId: order.id };
    });
  } catch (error) {
    // The same key raced in from a second request: that request's order is this one, and so is the charge (same key).
    if (isUniqueViolation(error, 'orders_idempotency_key')) {
      const orderId = await findOrderByKey(deps.db, buyer.id, input.idempotencyKey);
      if (orderId) return { ok: true, orderId };
    }
    if (charged && charged.amountYen > 0) await deps.paymentProvider.refund(charged);
    throw error;
  }
}

async function findOrderByKey(db: Db | Tx, buyerId: string, key: string): Promise<string | null> {
  const [row] = await db
    .select({ id: orders.id })
    .from(orders)
    .where(and(eq(orders.buyerId, buyerId), eq(orders.idempotencyKey, key)));
  return row?.id ?? null;
}
