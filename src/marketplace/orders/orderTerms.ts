import { DAY } from '../../platform/clock';

/**
 * The terms an order is placed on (フリーランス法 §3 asks a business buyer to state them): the due date from
 * the delivery days, the inspection period (検収: the days a delivery waits for approval before it completes
 * by itself), and the payment date of the seller's money: sales become payable (売上金) when the order
 * completes, so at the latest the inspection period after the due date.
 */
export function orderTerms(placedAt: Date, deliveryDays: number, autoApproveDays: number) {
  const dueAt = new Date(placedAt.getTime() + deliveryDays * DAY);
  return {
    deliveryDays,
    dueAt,
    inspectionDays: autoApproveDays,
    paymentDueAt: new Date(dueAt.getTime() + autoApproveDays * DAY),
  };
}

export type OrderTerms = ReturnType<typeof orderTerms>;

/** The order row's copy of its terms, written in the purchase's transaction. */
export function termColumns(terms: OrderTerms) {
  return { dueAt: terms.dueAt, inspectionDays: terms.inspectionDays, paymentDueAt: terms.paymentDueAt };
}
