import type { Message } from '../../dictionary';
import type { Tx } from '../../platform/db/client';
import type { Deps } from '../../platform/deps';
import { createOrderRoom, appendMessage } from '../../messages/rooms';
import { lockMemberMoney } from '../money/ledger';
import { ledgerEntries, orders } from '../schema';
import { notifyOrderEvent } from './notify';
import { orderTerms, termColumns } from './orderTerms';

export type AgreedOrderInput = {
  buyerId: string;
  sellerId: string;
  serviceId: string;
  title: string;
  scope: string;
  priceYen: number;
  deliveryDays: number;
  /** The price the buyer saw on the card they accepted: any other price is refused, never charged. */
  expectedPriceYen: number;
  /** Derived from what was accepted (offer:ID, proposal:ID), so accepting twice makes one order. */
  idempotencyKey: string;
};

export type Charged = { paymentRef: string; amountYen: number };

/**
 * The order a 見積り提案 or a 公開依頼 proposal becomes: charged at the agreed price through the same
 * provider, ledger and room as a purchase, inside the caller's transaction (which also closes what was
 * accepted). `onCharged` tells the caller what to refund if its transaction fails after the charge.
 */
export async function placeAgreedOrder(
  tx: Tx,
  deps: Deps,
  input: AgreedOrderInput,
  onCharged: (charged: Charged) => void,
): Promise<{ ok: true; orderId: string } | { ok: false; problem: Message }> {
  if (input.priceYen !== input.expectedPriceYen)
    return { ok: false, problem: (t) => t.marketplace.errors.priceChanged(input.priceYen) };
  const now = deps.clock.now();
  await lockMemberMoney(tx, input.buyerId);
  const charge = await deps.paymentProvider.charge({
    amountYen: input.priceYen,
    buyerId: input.buyerId,
    idempotencyKey: input.idempotencyKey,
  });
  if (!charge.ok) return { ok: false, problem: (t) => t.marketplace.errors.paymentDeclined };
  onCharged({ paymentRef: charge.paymentRef, amountYen: input.priceYen });
  const [order] = await tx
    .insert(orders)
    .values({
      serviceId: input.serviceId,
      buyerId: input.buyerId,
      sellerId: input.sellerId,
      titleSnapshot: input.title,
      scopeSnapshot: input.scope,
      priceYen: input.priceYen,
      pointsUsed: 0,
      chargedYen: input.priceYen,
      paymentRef: charge.paymentRef,
      status: 'in_progress',
      idempotencyKey: input.idempotencyKey,
      ...termColumns(orderTerms(now, input.deliveryDays, deps.config.marketplace.autoApproveDays)),
      createdAt: now,
    })
    .returning();
  await tx.insert(ledgerEntries).values({
    memberId: input.buyerId,
    account: 'payments',
    kind: 'charge',
    amountYen: input.priceYen,
    orderId: order.id,
    note: charge.paymentRef,
    createdAt: now,
  });
  const roomId = await createOrderRoom(tx, order, now);
  await appendMessage(tx, { roomId, senderId: null, kind: 'system', body: 'order.purchased' }, now);
  await notifyOrderEvent(tx, deps, order, 'purchased', [order.sellerId]);
  return { ok: true, orderId: order.id };
}
