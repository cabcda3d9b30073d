import { and, eq } from 'drizzle-orm';
import type { Message } from '../../dictionary';
import type { Db, Tx } from '../../platform/db/client';
import type { Deps } from '../../platform/deps';
import type { CurrentMember } from '../../platform/web/env';
import type { Result } from '../../platform/context';
import { members } from '../../accounts/schema';
import { isUniqueViolation } from '../../accounts/signUp';
import { createOrderRoom, appendMessage } from '../../messages/rooms';
import { lockMemberMoney, spendablePoints, spendPoints } from '../money/ledger';
import { tradingBlocker } from '../rules';
import { blockedBetween } from '../../blocking/rules';
import { ledgerEntries, orders, services } from '../schema';
import { chosenOptions, optionsOfService, recordOrderOptions } from '../services/options';
import { notifyOrderEvent } from './notify';

/**
 * expectedPriceYen: the price the buyer saw; if the seller changed it since, nothing is charged.
 * optionPrices: the 有料オプション ticked, each with the price the page showed.
 */
export type PurchaseInput = {
  serviceId: string;
  expectedPriceYen: number;
  optionPrices?: Record<string, number>;
  pointsToUse: number;
  idempotencyKey: string;
};

/**
 * 購入: charges the buyer (minus points), opens the order and its message room, and tells the seller.
 * The idempotency key makes a double click or a retried request one order and one charge. Everything
 * is checked before the charge, under the buyer's money lock; a charge whose order is not written is
 * refunded.
 */
export async function purchaseService(
  deps: Deps,
  buyer: CurrentMember,
  input: PurchaseInput,
): Promise<Result<{ orderId: string }, { problem: Message }>> {
  const existing = await findOrderByKey(deps.db, buyer.id, input.idempotencyKey);
  if (existing) return { ok: true, orderId: existing };
  const blocker = tradingBlocker(buyer);
  if (blocker) return { ok: false, problem: blocker };
  const [service] = await deps.db
    .select({ service: services, sellerStatus: members.status })
    .from(services)
    .innerJoin(members, eq(members.id, services.sellerId))
    .where(eq(services.id, input.serviceId));
  if (!service || service.service.status !== 'published' || service.sellerStatus !== 'active')
    return { ok: false, problem: (t) => t.marketplace.errors.serviceNotAvailable };
  if (service.service.sellerId === buyer.id) return { ok: false, problem: (t) => t.marketplace.errors.ownService };
  // An order opens a room between the two: a block (either way) stops it, without telling of the block.
  if (await blockedBetween(deps.db, buyer.id, service.service.sellerId))
    return { ok: false, problem: (t) => t.marketplace.errors.serviceNotAvailable };
  const basePrice = service.service.priceYen;
  if (basePrice !== input.expectedPriceYen)
    return { ok: false, problem: (t) => t.marketplace.errors.priceChanged(basePrice) };
  const chosen = chosenOptions(await optionsOfService(deps.db, service.service.id), input.optionPrices ?? {});
  if (!chosen.ok) return chosen;
  const price = basePrice + chosen.options.reduce((sum, o) => sum + o.priceYen, 0);
  if (!Number.isInteger(input.pointsToUse) || input.pointsToUse < 0 || input.pointsToUse > price)
    return { ok: false, problem: (t) => t.marketplace.errors.pointsInvalid };

  const chargeYen = price - input.pointsToUse;
  const now = deps.clock.now();
  let charged = null as { paymentRef: string; amountYen: number } | null;
  try {
    return await deps.db.transaction(async (tx) => {
      await lockMemberMoney(tx, buyer.id);
      // A request with the same key that held the lock first has made the order: this one is it.
      const raced = await findOrderByKey(tx, buyer.id, input.idempotencyKey);
      if (raced) return { ok: true as const, orderId: raced };
      if ((await spendablePoints(tx, buyer.id, now)) < input.pointsToUse)
        return { ok: false as const, problem: ((t) => t.marketplace.errors.notEnoughPoints) as Message };
      const charge = await deps.paymentProvider.charge({
        amountYen: chargeYen,
        buyerId: buyer.id,
        idempotencyKey: input.idempotencyKey,
      });
      if (!charge.ok) return { ok: false as const, problem: ((t) => t.marketplace.errors.paymentDeclined) as Message };
      charged = { paymentRef: charge.paymentRef, amountYen: chargeYen };
      const [order] = await tx
        .insert(orders)
        .values({
          serviceId: service.service.id,
          buyerId: buyer.id,
          sellerId: service.service.sellerId,
          titleSnapshot: service.service.title,
          priceYen: price,
          pointsUsed: input.pointsToUse,
          chargedYen: chargeYen,
          paymentRef: charge.paymentRef,
          status: 'in_progress',
          idempotencyKey: input.idempotencyKey,
          createdAt: now,
        })
        .returning();
      await recordOrderOptions(tx, order.id, chosen.options);
      if (input.pointsToUse > 0) await spendPoints(tx, buyer.id, input.pointsToUse, order.id, now);
      if (chargeYen > 0) {
        await tx.insert(ledgerEntries).values({
          memberId: buyer.id,
          account: 'payments',
          kind: 'charge',
          amountYen: chargeYen,
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
