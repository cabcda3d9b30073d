import { and, asc, eq, inArray, ne, type SQL } from 'drizzle-orm';
import type { Message } from '../../dictionary';
import type { Tx } from '../../platform/db/client';
import type { Deps } from '../../platform/deps';
import type { CurrentMember } from '../../platform/web/env';
import { checkPicture, deleteUpload, storeUpload } from '../../platform/uploads';
import { serviceImages, services } from '../schema';

export const SERVICE_IMAGES_MAX = 5;
export const SERVICE_IMAGE_MAX_BYTES = 5 * 1024 * 1024;
export const SERVICE_IMAGE_MAX_PIXELS = 4000;

export type StoredImage = { path: string; width: number; height: number };

export function tooManyImages(total: number): Message | null {
  return total > SERVICE_IMAGES_MAX ? (t) => t.marketplace.errors.imagesTooMany(SERVICE_IMAGES_MAX) : null;
}

/** Why these new images cannot be added to a service that already has `existing` of them, or null. */
export function serviceImagesProblem(images: Uint8Array[], existing: number): Message | null {
  const tooMany = tooManyImages(existing + images.length);
  if (tooMany) return tooMany;
  for (const bytes of images) {
    const check = checkPicture(bytes, { maxBytes: SERVICE_IMAGE_MAX_BYTES, maxPixels: SERVICE_IMAGE_MAX_PIXELS });
    if (check.ok) continue;
    if (check.problem === 'tooLarge')
      return (t) => t.marketplace.errors.imageTooLarge(SERVICE_IMAGE_MAX_BYTES / 1024 / 1024);
    if (check.problem === 'type') return (t) => t.marketplace.errors.imageType;
    return (t) => t.marketplace.errors.imageDimensions(SERVICE_IMAGE_MAX_PIXELS);
  }
  return null;
}

/** Writes checked images to disk, before the transaction that records them (which deletes them again if it fails). */
export async function storeServiceImages(deps: Deps, images: Uint8Array[]): Promise<StoredImage[]> {
  const stored: StoredImage[] = [];
  try {
    for (const bytes of images) {
      const check = checkPicture(bytes, { maxBytes: SERVICE_IMAGE_MAX_BYTES, maxPixels: SERVICE_IMAGE_MAX_PIXELS });
      if (!check.ok) throw new Error('storeServiceImages called with an unchecked image');
      stored.push({ path: await storeUpload(deps.files, bytes, check.kind), width: check.width, height: check.height });
    }
  } catch (error) {
    // A full disk on the third file leaves no first and second behind.
    await deleteImageFiles(
      deps,
      stored.map((s) => s.path),
    );
    throw error;
  }
  return stored;
}

export async function deleteImageFiles(deps: Deps, paths: string[]) {
  for (const path of paths) await deleteUpload(deps.files, path);
}

export async function imageCount(tx: Tx, serviceId: string): Promise<number> {
  return (await tx.select({ id: serviceImages.id }).from(serviceImages).where(eq(serviceImages.serviceId, serviceId)))
    .length;
}

/** Adds images after those the service has (`existing`), inside the caller's transaction. */
export async function appendServiceImages(
  tx: Tx,
  serviceId: string,
  existing: number,
  stored: StoredImage[],
  now: Date,
) {
  if (stored.length === 0) return;
  await tx.insert(serviceImages).values(
    stored.map((s, i) => ({
      serviceId,
      position: existing + i,
      storagePath: s.path,
      width: s.width,
      height: s.height,
      createdAt: now,
    })),
  );
}

/** Deletes the image rows of the services `which` selects and returns their files, for the caller to delete after the commit. */
export async function deleteServiceImageRows(tx: Tx, which: SQL): Promise<string[]> {
  const rows = await tx
    .delete(serviceImages)
    .where(inArray(serviceImages.serviceId, tx.select({ id: services.id }).from(services).where(which)))
    .returning({ path: serviceImages.storagePath });
  return rows.map((r) => r.path);
}

/** The images of a service in the order shown; the first is the cover. */
export async function imagesOfService(tx: Tx, serviceId: string) {
  return tx
    .select({
      id: serviceImages.id,
      width: serviceImages.width,
      height: serviceImages.height,
      storagePath: serviceImages.storagePath,
    })
    .from(serviceImages)
    .where(eq(serviceImages.serviceId, serviceId))
    .orderBy(asc(serviceImages.position), asc(serviceImages.createdAt));
}

/** The seller's own service, not deleted, locked so that image changes happen one at a time. */
export async function lockOwnService(tx: Tx, sellerId: string, serviceId: string) {
  const [row] = await tx
    .select({ id: services.id })
    .from(services)
    .where(and(eq(services.id, serviceId), eq(services.sellerId, sellerId), ne(services.status, 'deleted')))
    .for('update');
  return row ?? null;
}

async function renumber(tx: Tx, orderedIds: string[]) {
  for (const [position, id] of orderedIds.entries())
    await tx.update(serviceImages).set({ position }).where(eq(serviceImages.id, id));
}

/** Removes one image of the seller's service; the file goes after the row. */
export async function removeServiceImage(
  deps: Deps,
  seller: CurrentMember,
  serviceId: string,
  imageId: string,
): Promise<Message | null> {
  const removed = await deps.db.transaction(async (tx) => {
    if (!(await lockOwnService(tx, seller.id, serviceId))) return null;
    const [row] = await tx
      .delete(serviceImages)
      .where(and(eq(serviceImages.id, imageId), eq(serviceImages.serviceId, serviceId)))
      .returning({ path: serviceImages.storagePath });
    if (!row) return null;
    await renumber(
      tx,
      (await imagesOfService(tx, serviceId)).map((i) => i.id),
    );
    return row.path;
  });
  if (!removed) return (t) => t.marketplace.errors.imageNotFound;
  await deleteImageFiles(deps, [removed]);
  return null;
}

/** Makes one image the cover (first); the others keep their order after it. */
export async function makeCoverImage(
  deps: Deps,
  seller: CurrentMember,
  serviceId: string,
  imageId: string,
): Promise<Message | null> {
  return deps.db.transaction(async (tx) => {
    if (!(await lockOwnService(tx, seller.id, serviceId))) return (t) => t.marketplace.errors.imageNotFound;
    const ids = (await imagesOfService(tx, serviceId)).map((i) => i.id);
    if (!ids.includes(imageId)) return (t) => t.marketplace.errors.imageNotFound;
    await renumber(tx, [imageId, ...ids.filter((id) => id !== imageId)]);
    return null;
  });
}
