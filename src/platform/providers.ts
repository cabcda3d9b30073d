import type { Tx } from './db/client';

// The outside services a real deployment plugs in. Only test modes exist so far (a real card network
// or SMS gateway cannot run here); each says so, and the screens tell members.

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

/** Where SMS goes. A real gateway plugs in here. */
export type SmsProvider = {
  testMode: boolean;
  send(tx: Tx, message: { memberId: string; to: string; body: string; at: Date }): Promise<void>;
};
