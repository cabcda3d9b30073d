import { z } from 'zod';
import { SEARCH_MAX_PAGE, searchSorts, type SearchSort } from '../../platform/searchPort';

export const minRatings = [3, 3.5, 4, 4.5] as const;
const yen = z.coerce.number().int().min(0).max(100_000_000);

/** What the query string says, read field by field: a value that cannot be used is dropped and named. */
export type SearchParams = {
  q: string;
  category: string;
  priceMin?: number;
  priceMax?: number;
  days?: number;
  rating?: number;
  sort: SearchSort;
  page: number;
};
export type DroppedField = 'price' | 'days' | 'rating' | 'sort' | 'page' | 'category';

const fields = {
  priceMin: ['price_min', yen, 'price'],
  priceMax: ['price_max', yen, 'price'],
  days: ['days', z.coerce.number().int().min(1).max(365), 'days'],
  rating: ['rating', z.coerce.number().refine((n) => (minRatings as readonly number[]).includes(n)), 'rating'],
  page: ['page', z.coerce.number().int().min(1).max(SEARCH_MAX_PAGE), 'page'],
} as const;

/** Bad values fall back to "no filter" (or the first page, newest first) with a notice, never an error page. */
export function readSearchParams(query: Record<string, string | undefined>): {
  params: SearchParams;
  dropped: DroppedField[];
} {
  const dropped = new Set<DroppedField>();
  const params: SearchParams = {
    q: (query.q ?? '').trim().slice(0, 100),
    category: (query.category ?? '').trim(),
    sort: 'new',
    page: 1,
  };
  const sort = z.enum(searchSorts).safeParse(query.sort);
  if (sort.success) params.sort = sort.data;
  else if (query.sort) dropped.add('sort');
  for (const [key, [name, schema, field]] of Object.entries(fields) as [
    keyof typeof fields,
    (typeof fields)[keyof typeof fields],
  ][]) {
    const raw = query[name]?.trim();
    if (!raw) continue;
    const parsed = schema.safeParse(raw);
    if (parsed.success) (params as Record<string, unknown>)[key] = parsed.data;
    else dropped.add(field);
  }
  if (params.priceMin !== undefined && params.priceMax !== undefined && params.priceMin > params.priceMax) {
    params.priceMin = params.priceMax = undefined;
    dropped.add('price');
  }
  return { params, dropped: [...dropped] };
}

/** The query string for these params (defaults left out), so links and forms say the same thing. */
export function searchQueryString(params: SearchParams, change: Partial<SearchParams> = {}): string {
  const p = { ...params, ...change };
  const out = new URLSearchParams();
  if (p.q) out.set('q', p.q);
  if (p.category) out.set('category', p.category);
  if (p.priceMin !== undefined) out.set('price_min', String(p.priceMin));
  if (p.priceMax !== undefined) out.set('price_max', String(p.priceMax));
  if (p.days !== undefined) out.set('days', String(p.days));
  if (p.rating !== undefined) out.set('rating', String(p.rating));
  if (p.sort !== 'new') out.set('sort', p.sort);
  if (p.page > 1) out.set('page', String(p.page));
  const qs = out.toString();
  return qs ? `?${qs}` : '';
}
