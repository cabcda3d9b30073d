import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Tx } from '../platform/db/client';
import type { Deps } from '../platform/deps';
import { members } from '../accounts/schema';
import { categories, services } from '../marketplace/schema';
import { publicServiceCondition } from '../marketplace/rules';
import { cardColumns, toCard, type ServiceCard } from '../marketplace/services/queries';
import { favoriteSellers, favoriteServices } from './schema';

export type FavoriteKind = 'service' | 'seller';
export const FAVORITES_LIST_MAX = 200;

/**
 * お気に入りに追加: idempotent (a double submit makes one row). Only what the member may see now can be
 * added: a public service (publicServiceCondition), an active seller other than themselves. False otherwise.
 */
export async function addFavorite(
  deps: Deps,
  memberId: string,
  kind: FavoriteKind,
  targetId: string,
): Promise<boolean> {
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    if (kind === 'service') {
      const [visible] = await tx
        .select({ id: services.id })
        .from(services)
        .innerJoin(members, eq(members.id, services.sellerId))
        .where(and(eq(services.id, targetId), publicServiceCondition()));
      if (!visible) return false;
      await tx.insert(favoriteServices).values({ memberId, serviceId: targetId, createdAt: now }).onConflictDoNothing();
      return true;
    }
    const [seller] = await tx.select({ status: members.status }).from(members).where(eq(members.id, targetId));
    if (!seller || seller.status !== 'active' || targetId === memberId) return false;
    await tx.insert(favoriteSellers).values({ memberId, sellerId: targetId, createdAt: now }).onConflictDoNothing();
    return true;
  });
}

/** お気に入りから外す: idempotent; also works for a service that is no longer public (公開終了). */
export async function removeFavorite(deps: Deps, memberId: string, kind: FavoriteKind, targetId: string) {
  if (kind === 'service') {
    await deps.db
      .delete(favoriteServices)
      .where(and(eq(favoriteServices.memberId, memberId), eq(favoriteServices.serviceId, targetId)));
  } else {
    await deps.db
      .delete(favoriteSellers)
      .where(and(eq(favoriteSellers.memberId, memberId), eq(favoriteSellers.sellerId, targetId)));
  }
}

/** Which of these services the member has favourited, for the hearts on a page of cards. */
export async function favoritedServiceIds(tx: Tx, memberId: string | null, serviceIds: string[]): Promise<Set<string>> {
  if (!memberId || serviceIds.length === 0) return new Set();
  const rows = await tx
    .select({ id: favoriteServices.serviceId })
    .from(favoriteServices)
    .where(and(eq(favoriteServices.memberId, memberId), inArray(favoriteServices.serviceId, serviceIds)));
  return new Set(rows.map((r) => r.id));
}

export async function isFavoriteSeller(tx: Tx, memberId: string | null, sellerId: string): Promise<boolean> {
  if (!memberId) return false;
  const [row] = await tx
    .select({ id: favoriteSellers.sellerId })
    .from(favoriteSellers)
    .where(and(eq(favoriteSellers.memberId, memberId), eq(favoriteSellers.sellerId, sellerId)));
  return !!row;
}

export type FavoriteServiceItem = ServiceCard & {
  /** False once the service is paused, deleted or hidden, or its seller left: shown as 公開終了, without a link. */
  available: boolean;
  favoritedAt: Date;
};

/** A member's お気に入り, newest first. A service that stopped being public stays listed as 公開終了. */
export async function favoritesOf(tx: Tx, memberId: string) {
  const serviceRows = await tx
    .select({
      ...cardColumns,
      available: sql<boolean>`coalesce(${publicServiceCondition()}, false)`,
      favoritedAt: favoriteServices.createdAt,
    })
    .from(favoriteServices)
    .innerJoin(services, eq(services.id, favoriteServices.serviceId))
    .innerJoin(members, eq(members.id, services.sellerId))
    .innerJoin(categories, eq(categories.id, services.categoryId))
    .where(eq(favoriteServices.memberId, memberId))
    .orderBy(desc(favoriteServices.createdAt))
    .limit(FAVORITES_LIST_MAX);
  const sellerRows = await tx
    .select({
      username: members.username,
      displayName: members.displayName,
      status: members.status,
      favoritedAt: favoriteSellers.createdAt,
    })
    .from(favoriteSellers)
    .innerJoin(members, eq(members.id, favoriteSellers.sellerId))
    .where(eq(favoriteSellers.memberId, memberId))
    .orderBy(desc(favoriteSellers.createdAt))
    .limit(FAVORITES_LIST_MAX);
  const services_: FavoriteServiceItem[] = serviceRows.map(({ favoritedAt, available, ...card }) => ({
    ...toCard(card),
    favorited: true,
    available: Boolean(available),
    favoritedAt,
  }));
  return { services: services_, sellers: sellerRows.map((r) => ({ ...r, active: r.status === 'active' })) };
}

/** For the export: what the member favourited, with dates. */
export async function favoritesForExport(tx: Tx, memberId: string) {
  const list = await favoritesOf(tx, memberId);
  return {
    services: list.services.map((s) => ({
      serviceId: s.id,
      title: s.title,
      available: s.available,
      favoritedAt: s.favoritedAt,
    })),
    sellers: list.sellers.map((s) => ({ username: s.username, favoritedAt: s.favoritedAt })),
  };
}

/** Cards with their hearts set for a signed-in viewer (one query per page); a visitor's cards carry none. */
export async function withFavorites<T extends { id: string }>(tx: Tx, viewer: { id: string } | null, cards: T[]) {
  if (!viewer) return cards;
  const on = await favoritedServiceIds(
    tx,
    viewer.id,
    cards.map((s) => s.id),
  );
  return cards.map((s) => ({ ...s, favorited: on.has(s.id) }));
}
