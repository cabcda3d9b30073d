import { and, asc, eq, sql } from 'drizzle-orm';
import type { Message } from '../../dictionary';
import type { Db, Tx } from '../../platform/db/client';
import type { Deps } from '../../platform/deps';
import type { CurrentMember } from '../../platform/web/env';
import type { Result } from '../../platform/context';
import { tradingBlocker } from '../rules';
import { orderOptions, serviceOptions } from '../schema';
import { lockOwnService } from './images';

/** How many 有料オプション one service may offer, and the most days one option may add. */
export const SERVICE_OPTIONS_MAX = 10;
export const OPTION_EXTRA_DAYS_MAX = 30;

export type ServiceOption = { id: string; title: string; priceYen: number; extraDays: number };
export type OptionInput = { title: string; priceYen: number; extraDays: number };
type OptionErrors = Partial<Record<keyof OptionInput | 'form', Message>>;

export async function optionsOfService(db: Db | Tx, serviceId: string): Promise<ServiceOption[]> {
  return db
    .select({
      id: serviceOptions.id,
      title: serviceOptions.title,
      priceYen: serviceOptions.priceYen,
      extraDays: serviceOptions.extraDays,
    })
    .from(serviceOptions)
    .where(eq(serviceOptions.serviceId, serviceId))
    .orderBy(asc(serviceOptions.position), asc(serviceOptions.createdAt));
}

/** Adds an option to the seller's own service: priced within the same limits as a service. */
export async function addServiceOption(
  deps: Deps,
  seller: CurrentMember,
  serviceId: string,
  input: OptionInput,
): Promise<Result<object, { errors: OptionErrors }>> {
  const blocker = tradingBlocker(seller);
  if (blocker) return { ok: false, errors: { form: blocker } };
  const { priceMinYen, priceMaxYen } = deps.config.marketplace;
  if (input.priceYen < priceMinYen || input.priceYen > priceMaxYen)
    return { ok: false, errors: { priceYen: (t) => t.marketplace.errors.priceRange(priceMinYen, priceMaxYen) } };
  return deps.db.transaction(async (tx) => {
    if (!(await lockOwnService(tx, seller.id, serviceId)))
      return { ok: false as const, errors: { form: ((t) => t.marketplace.errors.serviceNotFound) as Message } };
    const [{ count, last }] = await tx
      .select({
        count: sql<number>`count(*)::int`,
        last: sql<number>`coalesce(max(${serviceOptions.position}), -1)::int`,
      })
      .from(serviceOptions)
      .where(eq(serviceOptions.serviceId, serviceId));
    if (count >= SERVICE_OPTIONS_MAX)
      return {
        ok: false as const,
        errors: { form: ((t) => t.marketplace.options.tooMany(SERVICE_OPTIONS_MAX)) as Message },
      };
    await tx
      .insert(serviceOptions)
      .values({ serviceId, position: last + 1, ...input, createdAt: deps.clock.now() })
      .onConflictDoNothing();
    return { ok: true as const };
  });
}

/** Removes one option of the seller's own service; orders already bought with it keep their copy. */
export async function removeServiceOption(
  deps: Deps,
  seller: CurrentMember,
  serviceId: string,
  optionId: string,
): Promise<boolean> {
  return deps.db.transaction(async (tx) => {
    if (!(await lockOwnService(tx, seller.id, serviceId))) return false;
    const removed = await tx
      .delete(serviceOptions)
      .where(and(eq(serviceOptions.id, optionId), eq(serviceOptions.serviceId, serviceId)))
      .returning({ id: serviceOptions.id });
    return removed.length > 0;
  });
}

/**
 * The options a buyer ticked, checked against what the service offers now: `seen` maps each ticked option
 * to the price the page showed, so an option whose price changed (or that went) is refused, never charged.
 */
export function chosenOptions(
  offered: ServiceOption[],
  seen: Record<string, number>,
): Result<{ options: ServiceOption[] }, { problem: Message }> {
  const options: ServiceOption[] = [];
  for (const [id, price] of Object.entries(seen)) {
    const option = offered.find((o) => o.id === id);
    if (!option || option.priceYen !== price) return { ok: false, problem: (t) => t.marketplace.options.changed };
    options.push(option);
  }
  return { ok: true, options: offered.filter((o) => options.includes(o)) };
}

export async function recordOrderOptions(tx: Tx, orderId: string, options: ServiceOption[]) {
  if (options.length === 0) return;
  await tx.insert(orderOptions).values(
    options.map((o, position) => ({
      orderId,
      position,
      title: o.title,
      priceYen: o.priceYen,
      extraDays: o.extraDays,
    })),
  );
}

export async function optionsOfOrder(db: Db | Tx, orderId: string) {
  return db
    .select({ title: orderOptions.title, priceYen: orderOptions.priceYen, extraDays: orderOptions.extraDays })
    .from(orderOptions)
    .where(eq(orderOptions.orderId, orderId))
    .orderBy(asc(orderOptions.position));
}
