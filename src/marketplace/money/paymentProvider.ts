import { createHash } from 'node:crypto';
import type { PaymentProvider } from '../../platform/providers';

/**
 * The built-in provider: test mode, no money moves. It accepts every charge and derives the
 * reference from the idempotency key, as a real provider returns the same charge for the same key.
 * The charge itself is recorded in our ledger by the purchase.
 */
export const testModePaymentProvider: PaymentProvider = {
  testMode: true,
  async charge({ buyerId, idempotencyKey }) {
    return {
      ok: true,
      paymentRef: `test_${createHash('sha256').update(`${buyerId}:${idempotencyKey}`).digest('hex').slice(0, 24)}`,
    };
  },
  async refund() {},
};
