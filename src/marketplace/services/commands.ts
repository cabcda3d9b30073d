import { and, eq, ne } from 'drizzle-orm';
import type { Message } from '../../dictionary';
import type { Deps } from '../../platform/deps';
import type { CurrentMember } from '../../platform/web/env';
import type { Result } from '../../accounts/context';
import { tradingBlocker } from '../rules';
import { categories, services, type ServiceStatus } from '../schema';
import { normaliseForSearch, searchTermsOf } from './searchTerms';

export type ServiceInput = { title: string; categoryId: number; description: string; priceYen: number; deliveryDays: number };
type ServiceErrors = Partial<Record<keyof ServiceInput | 'form', Message>>;

async function priceProblem(deps: Deps, input: ServiceInput): Promise<ServiceErrors> {
  const { priceMinYen, priceMaxYen } = deps.config.marketplace;
  const errors: ServiceErrors = {};
  if (input.priceYen < priceMinYen || input.priceYen > priceMaxYen) errors.priceYen = (t) => t.marketplace.errors.priceRange(priceMinYen, priceMaxYen);
  const [category] = await deps.db.select().from(categories).where(eq(categories.id, input.categoryId));
  // Services sit in a sub-category, so browsing a top category finds them under its children.
  if (!category || category.parentId === null) errors.categoryId = (t) => t.marketplace.errors.categoryRequired;
  return errors;
}

/** 出品: creates or edits a service; `publish` makes it visible at once, otherwise it keeps its state (a new one is a draft). */
export async function saveService(
  deps: Deps,
  seller: CurrentMember,
  serviceId: string | null,
  input: ServiceInput,
  publish: boolean,
): Promise<Result<{ serviceId: string }, { errors: ServiceErrors }>> {
  const blocker = tradingBlocker(seller);
  if (blocker) return { ok: false, errors: { form: blocker } };
  const errors = await priceProblem(deps, input);
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  const now = deps.clock.now();
  const text = `${input.title} ${input.description}`;
  const values = { ...input, searchTerms: searchTermsOf(text), searchText: normaliseForSearch(text), updatedAt: now };
  if (serviceId === null) {
    const [row] = await deps.db
      .insert(services)
      .values({ ...values, sellerId: seller.id, status: publish ? 'published' : 'draft', createdAt: now })
      .returning({ id: services.id });
    return { ok: true, serviceId: row.id };
  }
  const updated = await deps.db
    .update(services)
    .set({ ...values, ...(publish ? { status: 'published' as const } : {}) })
    .where(and(eq(services.id, serviceId), eq(services.sellerId, seller.id), ne(services.status, 'deleted')))
    .returning({ id: services.id });
  if (updated.length === 0) return { ok: false, errors: { form: (t) => t.marketplace.errors.serviceNotFound } };
  return { ok: true, serviceId };
}

const allowedStatusChanges: Record<ServiceStatus, ServiceStatus[]> = {
  draft: ['published', 'deleted'],
  published: ['paused', 'deleted'],
  paused: ['published', 'deleted'],
  deleted: [],
};

/** Publish, pause or delete: only the seller, only along the allowed paths. Orders already made go on. */
export async function changeServiceStatus(deps: Deps, seller: CurrentMember, serviceId: string, to: ServiceStatus): Promise<Message | null> {
  if (to === 'published') {
    const blocker = tradingBlocker(seller);
    if (blocker) return blocker;
  }
  const [service] = await deps.db.select().from(services).where(and(eq(services.id, serviceId), eq(services.sellerId, seller.id)));
  if (!service || service.status === 'deleted') return (t) => t.marketplace.errors.serviceNotFound;
  if (!allowedStatusChanges[service.status].includes(to)) return (t) => t.marketplace.errors.invalidServiceChange;
  await deps.db.update(services).set({ status: to, updatedAt: deps.clock.now() }).where(eq(services.id, serviceId));
  return null;
}
