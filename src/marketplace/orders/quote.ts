import { eq } from 'drizzle-orm';
import type { Message } from '../../dictionary';
import type { Tx } from '../../platform/db/client';
import type { Deps } from '../../platform/deps';
import type { CurrentMember } from '../../platform/web/env';
import type { Result } from '../../platform/context';
import { members } from '../../accounts/schema';
import { blockedBetween } from '../../blocking/rules';
import { spendablePoints } from '../money/ledger';
import { includedTaxYen } from '../../platform/tax';
import { tradingBlocker } from '../rules';
import { services } from '../schema';
import { chosenOptions, optionsOfService, type ServiceOption } from '../services/options';
import { orderTerms, type OrderTerms } from './orderTerms';

/**
 * expectedPriceYen: the service's price the buyer saw; optionPrices: the 有料オプション ticked, each with
 * the price shown; expectedTotalYen: the total the 購入確認 screen showed (absent before that screen).
 */
export type QuoteInput = {
  serviceId: string;
  expectedPriceYen: number;
  optionPrices?: Record<string, number>;
  pointsToUse: number;
  expectedTotalYen?: number;
};

export type PurchaseQuote = {
  service: { id: string; title: string; description: string; sellerId: string };
  options: ServiceOption[];
  basePriceYen: number;
  /** 税込 total of the service and its options, and the consumption tax inside it. */
  priceYen: number;
  taxYen: number;
  pointsUsed: number;
  chargeYen: number;
  terms: OrderTerms;
};

/**
 * 購入確認: what the buyer would be charged, checked as the purchase checks it (the service is on sale,
 * the prices are those shown, the points are theirs), without charging. The purchase runs it again under
 * the buyer's money lock, so the confirmation screen and the charge can never disagree.
 */
export async function quotePurchase(
  db: Tx,
  deps: Deps,
  buyer: CurrentMember,
  input: QuoteInput,
): Promise<Result<{ quote: PurchaseQuote }, { problem: Message }>> {
  const blocker = tradingBlocker(buyer);
  if (blocker) return { ok: false, problem: blocker };
  const [row] = await db
    .select({ service: services, sellerStatus: members.status })
    .from(services)
    .innerJoin(members, eq(members.id, services.sellerId))
    .where(eq(services.id, input.serviceId));
  if (!row || row.service.status !== 'published' || row.sellerStatus !== 'active')
    return { ok: false, problem: (t) => t.marketplace.errors.serviceNotAvailable };
  const service = row.service;
  if (service.sellerId === buyer.id) return { ok: false, problem: (t) => t.marketplace.errors.ownService };
  // An order opens a room between the two: a block (either way) stops it, without telling of the block.
  if (await blockedBetween(db, buyer.id, service.sellerId))
    return { ok: false, problem: (t) => t.marketplace.errors.serviceNotAvailable };
  if (service.priceYen !== input.expectedPriceYen)
    return { ok: false, problem: (t) => t.marketplace.errors.priceChanged(service.priceYen) };
  const chosen = chosenOptions(await optionsOfService(db, service.id), input.optionPrices ?? {});
  if (!chosen.ok) return chosen;
  const priceYen = service.priceYen + chosen.options.reduce((sum, o) => sum + o.priceYen, 0);
  if (input.expectedTotalYen !== undefined && input.expectedTotalYen !== priceYen)
    return { ok: false, problem: (t) => t.marketplace.errors.priceChanged(priceYen) };
  const points = input.pointsToUse;
  if (!Number.isInteger(points) || points < 0 || points > priceYen)
    return { ok: false, problem: (t) => t.marketplace.errors.pointsInvalid };
  const now = deps.clock.now();
  if ((await spendablePoints(db, buyer.id, now)) < points)
    return { ok: false, problem: (t) => t.marketplace.errors.notEnoughPoints };
  const deliveryDays = service.deliveryDays + chosen.options.reduce((sum, o) => sum + o.extraDays, 0);
  return {
    ok: true,
    quote: {
      service: { id: service.id, title: service.title, description: service.description, sellerId: service.sellerId },
      options: chosen.options,
      basePriceYen: service.priceYen,
      priceYen,
      taxYen: includedTaxYen(priceYen),
      pointsUsed: points,
      chargeYen: priceYen - points,
      terms: orderTerms(now, deliveryDays, deps.config.marketplace.autoApproveDays),
    },
  };
}
