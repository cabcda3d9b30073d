import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../platform/db/client';
import type { Deps } from '../../platform/deps';
import { members } from '../../accounts/schema';
import { publicServiceCondition } from '../rules';
import { categories, services } from '../schema';
import { cardColumns, toCard, type ServiceCard } from '../services/queries';
import { COUNT_CAP, PAGE_SIZE, SEARCH_MAX_PAGE, type SearchQuery } from '../../platform/searchPort';

/**
 * The cards for a page of ids, in that order, in one query. It applies publicServiceCondition again:
 * an engine with its own index (Groonga) may still hold a service hidden a moment ago.
 */
export async function publicCards(db: Db, ids: string[]): Promise<ServiceCard[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .select(cardColumns)
    .from(services)
    .innerJoin(members, eq(members.id, services.sellerId))
    .innerJoin(categories, eq(categories.id, services.categoryId))
    .where(and(inArray(services.id, ids), publicServiceCondition()));
  const byId = new Map(rows.map((r) => [r.id, toCard(r)]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}

export type SearchResult = {
  items: ServiceCard[];
  /** Matches, counted up to COUNT_CAP; `capped` says there are more. */
  total: number;
  capped: boolean;
  /** Pages that can be shown (never more than SEARCH_MAX_PAGE). */
  pages: number;
};

/** Search and browse, through whichever engine is set up: the one call every listing page makes. */
export async function searchServices(deps: Pick<Deps, 'db' | 'search'>, input: SearchQuery): Promise<SearchResult> {
  const hits = await deps.search.query(input);
  const items = await publicCards(deps.db, hits.ids);
  const capped = hits.total > COUNT_CAP;
  const total = Math.min(hits.total, COUNT_CAP);
  return { items, total, capped, pages: Math.min(SEARCH_MAX_PAGE, Math.ceil(total / PAGE_SIZE)) };
}

/** The newest public services, for the home page. */
export async function newestServices(deps: Pick<Deps, 'db' | 'search'>, limit = 8) {
  return (await searchServices(deps, { sort: 'new', page: 1 })).items.slice(0, limit);
}
