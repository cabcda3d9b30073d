import { createHash } from 'node:crypto';

export type ChargeResult = { ok: true; paymentRef: string } | { ok: false; reason: 'declined' };

/**
 * Where a buyer's money is taken. A real provider (card network) plugs in here; calls carry an
 * idempotency key so a retried purchase is charged once.
 */
export type PaymentProvider = {
  /** Shown on every payment screen: members must know when no real money moves. */
  testMode: boolean;
  charge(input: { amountYen: number; buyerId: string; idempotencyKey: string }): Promise<ChargeResult>;
  refund(input: { paymentRef: string; amountYen: number }): Promise<void>;
};

/**
 * The built-in provider: test mode, no money moves. It accepts every charge and derives the
 * reference from the idempotency key, as a real provider returns the same charge for the same key.
 * The charge itself is recorded in our ledger by the purchase.
 */
export const testModePaymentProvider: PaymentProvider = {
  testMode: true,
  async charge({ buyerId, idempotencyKey }) {
    return { ok: true, paymentRef: `test_${createHash('sha256').update(`${buyerId}:${idempotencyKey}`).digest('hex').slice(0, 24)}` };
  },
  async refund() {},
};
