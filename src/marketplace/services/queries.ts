import { and, asc, desc, eq, ne, sql } from 'drizzle-orm';
import type { Tx } from '../../platform/db/client';
import { members } from '../../accounts/schema';
import { publicServiceCondition } from '../rules';
import { categories, serviceImages, services } from '../schema';
import { imagesOfService } from './images';
import { notHidden } from '../../reports/rules';

export { PAGE_SIZE, SEARCH_MAX_PAGE, searchSorts, type SearchSort } from '../../platform/searchPort';

export type ServiceCard = {
  id: string;
  title: string;
  priceYen: number;
  deliveryDays: number;
  ratingAverage: number | null;
  ratingCount: number;
  sellerId: string;
  sellerName: string;
  sellerUsername: string;
  /** The seller's picture may go on the card: they have one and show their profile to everyone. */
  sellerAvatarShown: boolean;
  categoryNameJa: string;
  categoryNameEn: string;
  /** The top-level category, whose colour a card without a picture takes. */
  categoryTopId: number;
  /** The first image (表紙), shown on cards; null when the service has none. */
  coverImageId: string | null;
  /** Set for a signed-in viewer: whether it is in their お気に入り (the heart on the card). */
  favorited?: boolean;
};

export const cardColumns = {
  id: services.id,
  title: services.title,
  priceYen: services.priceYen,
  deliveryDays: services.deliveryDays,
  ratingSum: services.ratingSum,
  ratingCount: services.ratingCount,
  sellerId: members.id,
  sellerName: members.displayName,
  sellerUsername: members.username,
  // The picture shows where the profile is public and not hidden by an operator (as on the profile page).
  sellerAvatarShown: sql<boolean>`(${members.avatarPath} is not null and coalesce((select ps.profile from privacy_settings ps where ps.member_id = ${members.id}), 'public') = 'public' and ${notHidden('profile', members.id)})`,
  categoryNameJa: categories.nameJa,
  categoryNameEn: categories.nameEn,
  categoryTopId: sql<number>`coalesce(${categories.parentId}, ${categories.id})`,
  coverImageId: sql<
    string | null
  >`(select si.id from service_images si where si.service_id = ${services.id} order by si.position, si.created_at limit 1)`,
};

export function toCard(
  row: { ratingSum: number; ratingCount: number } & Omit<ServiceCard, 'ratingAverage'>,
): ServiceCard {
  const { ratingSum, ...rest } = row;
  return { ...rest, ratingAverage: row.ratingCount > 0 ? Math.round((ratingSum / row.ratingCount) * 10) / 10 : null };
}

/** A service page: the service as anyone may see it, or null when it is not public (unless it is the seller's own). */
export async function serviceDetail(tx: Tx, serviceId: string, viewerId: string | null) {
  const [row] = await tx
    .select({
      ...cardColumns,
      description: services.description,
      status: services.status,
      sellerStatus: members.status,
      categoryId: services.categoryId,
      categorySlug: categories.slug,
      categoryParentId: categories.parentId,
      createdAt: services.createdAt,
      updatedAt: services.updatedAt,
      isPublic: sql<boolean>`coalesce(${publicServiceCondition()}, false)`,
    })
    .from(services)
    .innerJoin(members, eq(members.id, services.sellerId))
    .innerJoin(categories, eq(categories.id, services.categoryId))
    .where(eq(services.id, serviceId));
  if (!row || row.status === 'deleted') return null;
  const isOwner = viewerId !== null && row.sellerId === viewerId;
  const isPublic = Boolean(row.isPublic);
  if (!isOwner && !isPublic) return null;
  const images = (await imagesOfService(tx, serviceId)).map(({ id, width, height }) => ({ id, width, height }));
  // The breadcrumbs name the category's parent too (ホーム › デザイン › ロゴ).
  const [parent] = row.categoryParentId
    ? await tx
        .select({ slug: categories.slug, nameJa: categories.nameJa, nameEn: categories.nameEn })
        .from(categories)
        .where(eq(categories.id, row.categoryParentId))
    : [];
  return {
    ...toCard(row),
    description: row.description,
    status: row.status,
    categoryId: row.categoryId,
    categorySlug: row.categorySlug,
    categoryParent: parent ?? null,
    isOwner,
    isPublic,
    images,
  };
}

/** The file of a service image, for whoever may see the service page (the same rule); null otherwise. */
export async function serviceImageFile(
  tx: Tx,
  serviceId: string,
  imageId: string,
  viewerId: string | null,
): Promise<string | null> {
  if (!(await serviceDetail(tx, serviceId, viewerId))) return null;
  const [image] = await tx
    .select({ path: serviceImages.storagePath })
    .from(serviceImages)
    .where(and(eq(serviceImages.id, imageId), eq(serviceImages.serviceId, serviceId)));
  return image?.path ?? null;
}

/** The seller's own list (every state but deleted), or the public list of another member's services. */
export async function servicesOfSeller(tx: Tx, sellerId: string, options: { own: boolean }) {
  const rows = await tx
    .select({ ...cardColumns, status: services.status })
    .from(services)
    .innerJoin(members, eq(members.id, services.sellerId))
    .innerJoin(categories, eq(categories.id, services.categoryId))
    .where(
      and(eq(services.sellerId, sellerId), options.own ? ne(services.status, 'deleted') : publicServiceCondition()),
    )
    .orderBy(desc(services.createdAt))
    .limit(100);
  return rows.map((r) => ({ ...toCard(r), status: r.status }));
}

/**
 * The categories, top level with their children. Only migrations write them, and a process migrates before
 * it serves, so each process reads them once per database.
 */
export function categoryTree(tx: Tx): Promise<CategoryTree> {
  let tree = categoryTrees.get(tx);
  if (!tree) {
    categoryTrees.set(tx, (tree = readCategoryTree(tx)));
    tree.catch(() => categoryTrees.delete(tx));
  }
  return tree;
}

const categoryTrees = new WeakMap<Tx, Promise<CategoryTree>>();
type CategoryTree = Awaited<ReturnType<typeof readCategoryTree>>;

async function readCategoryTree(tx: Tx) {
  const rows = await tx.select().from(categories).orderBy(asc(categories.position), asc(categories.id));
  return rows
    .filter((c) => c.parentId === null)
    .map((top) => ({ ...top, children: rows.filter((c) => c.parentId === top.id) }));
}

/** A category and the ids to browse under it (itself and its children). */
export async function categoryBySlug(tx: Tx, slug: string) {
  const [category] = await tx.select().from(categories).where(eq(categories.slug, slug));
  if (!category) return null;
  const children = await tx
    .select()
    .from(categories)
    .where(eq(categories.parentId, category.id))
    .orderBy(asc(categories.position));
  return { category, children, browseIds: [category.id, ...children.map((c) => c.id)] };
}
