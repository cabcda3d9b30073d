import { and, eq } from 'drizzle-orm';
import type { Message } from '../../dictionary';
import type { Deps } from '../../platform/deps';
import type { CurrentMember } from '../../platform/web/env';
import type { Result } from '../../platform/context';
import { tradingBlocker } from '../rules';
import { categories, services, type ServiceStatus } from '../schema';
import {
  appendServiceImages,
  deleteImageFiles,
  deleteServiceImageRows,
  imageCount,
  lockOwnService,
  serviceImagesProblem,
  storeServiceImages,
  tooManyImages,
} from './images';
import { normaliseForSearch, serviceTermsOf } from './searchTerms';
import { queueSearchSync } from '../../platform/searchPort';

export type ServiceInput = {
  title: string;
  categoryId: number;
  description: string;
  priceYen: number;
  deliveryDays: number;
};
type ServiceErrors = Partial<Record<keyof ServiceInput | 'images' | 'form', Message>>;

async function priceProblem(deps: Deps, input: ServiceInput): Promise<ServiceErrors> {
  const { priceMinYen, priceMaxYen } = deps.config.marketplace;
  const errors: ServiceErrors = {};
  if (input.priceYen < priceMinYen || input.priceYen > priceMaxYen)
    errors.priceYen = (t) => t.marketplace.errors.priceRange(priceMinYen, priceMaxYen);
  const [category] = await deps.db.select().from(categories).where(eq(categories.id, input.categoryId));
  // Services sit in a sub-category, so browsing a top category finds them under its children.
  if (!category || category.parentId === null) errors.categoryId = (t) => t.marketplace.errors.categoryRequired;
  return errors;
}

/**
 * 出品: creates or edits a service; `publish` makes it visible at once, otherwise it keeps its state (a new one is a draft).
 * New images are added after those it has. Their files are written first and deleted again if the rows are not.
 */
export async function saveService(
  deps: Deps,
  seller: CurrentMember,
  serviceId: string | null,
  input: ServiceInput,
  publish: boolean,
  images: Uint8Array[] = [],
): Promise<Result<{ serviceId: string }, { errors: ServiceErrors }>> {
  const blocker = tradingBlocker(seller);
  if (blocker) return { ok: false, errors: { form: blocker } };
  const errors = await priceProblem(deps, input);
  const imagesProblem = serviceImagesProblem(images, 0);
  if (imagesProblem) errors.images = imagesProblem;
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  const stored = await storeServiceImages(deps, images);
  const result = await writeService(deps, seller, serviceId, input, publish, stored).catch(async (error: unknown) => {
    await deleteImageFiles(
      deps,
      stored.map((s) => s.path),
    );
    throw error;
  });
  if (!result.ok)
    await deleteImageFiles(
      deps,
      stored.map((s) => s.path),
    );
  return result;
}

function writeService(
  deps: Deps,
  seller: CurrentMember,
  serviceId: string | null,
  input: ServiceInput,
  publish: boolean,
  stored: Awaited<ReturnType<typeof storeServiceImages>>,
) {
  const now = deps.clock.now();
  const text = `${input.title} ${input.description}`;
  const values = {
    ...input,
    searchTerms: serviceTermsOf(text, input.categoryId),
    searchText: normaliseForSearch(text),
    updatedAt: now,
  };
  return deps.db.transaction(async (tx): Promise<Result<{ serviceId: string }, { errors: ServiceErrors }>> => {
    if (serviceId === null) {
      const [row] = await tx
        .insert(services)
        .values({ ...values, sellerId: seller.id, status: publish ? 'published' : 'draft', createdAt: now })
        .returning({ id: services.id });
      await appendServiceImages(tx, row.id, 0, stored, now);
      await queueSearchSync(tx, deps, { serviceIds: [row.id] });
      return { ok: true, serviceId: row.id };
    }
    if (!(await lockOwnService(tx, seller.id, serviceId)))
      return { ok: false, errors: { form: (t) => t.marketplace.errors.serviceNotFound } };
    // Counted under the lock: two saves at once cannot pass the limit together.
    const existing = await imageCount(tx, serviceId);
    const tooMany = tooManyImages(existing + stored.length);
    if (tooMany) return { ok: false, errors: { images: tooMany } };
    await tx
      .update(services)
      .set({ ...values, ...(publish ? { status: 'published' as const } : {}) })
      .where(eq(services.id, serviceId));
    await appendServiceImages(tx, serviceId, existing, stored, now);
    await queueSearchSync(tx, deps, { serviceIds: [serviceId] });
    return { ok: true, serviceId };
  });
}

const allowedStatusChanges: Record<ServiceStatus, ServiceStatus[]> = {
  draft: ['published', 'deleted'],
  published: ['paused', 'deleted'],
  paused: ['published', 'deleted'],
  deleted: [],
};

/** Publish, pause or delete: only the seller, only along the allowed paths. Orders already made go on. */
export async function changeServiceStatus(
  deps: Deps,
  seller: CurrentMember,
  serviceId: string,
  to: ServiceStatus,
): Promise<Message | null> {
  if (to === 'published') {
    const blocker = tradingBlocker(seller);
    if (blocker) return blocker;
  }
  const [service] = await deps.db
    .select()
    .from(services)
    .where(and(eq(services.id, serviceId), eq(services.sellerId, seller.id)));
  if (!service || service.status === 'deleted') return (t) => t.marketplace.errors.serviceNotFound;
  if (!allowedStatusChanges[service.status].includes(to)) return (t) => t.marketplace.errors.invalidServiceChange;
  const files = await deps.db.transaction(async (tx) => {
    await tx.update(services).set({ status: to, updatedAt: deps.clock.now() }).where(eq(services.id, serviceId));
    await queueSearchSync(tx, deps, { serviceIds: [serviceId] });
    // A deleted service's images go with it: the rows here, the files once that has committed.
    return to === 'deleted' ? deleteServiceImageRows(tx, eq(services.id, serviceId)) : [];
  });
  await deleteImageFiles(deps, files);
  return null;
}
