import { sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/client';

type Frequencies = { byTerm: Map<string, number>; loadedAt: number };
const cache = new WeakMap<Db, Frequencies>();
const REFRESH_MS = 10 * 60_000;

/**
 * How common each search term is, from PostgreSQL's own statistics (most common array elements).
 * A hint only: kept per process for ten minutes; an empty map when statistics are missing.
 */
export async function termFrequencies(db: Db, now = Date.now()): Promise<Map<string, number>> {
  const cached = cache.get(db);
  if (cached && now - cached.loadedAt < REFRESH_MS) return cached.byTerm;
  const result: any = await db.execute(sql`
    select most_common_elems::text::text[] as terms, most_common_elem_freqs as freqs
    from pg_stats where tablename = 'services' and attname = 'search_terms'`);
  const byTerm = new Map<string, number>();
  const row = result.rows[0];
  if (row?.terms) (row.terms as string[]).forEach((term, i) => byTerm.set(term, Number(row.freqs[i])));
  cache.set(db, { byTerm, loadedAt: now });
  return byTerm;
}

/**
 * The one term per word that narrows the search most: a term the statistics do not list is rare
 * (a short index scan), otherwise the least common one. One term per word keeps the planner's row
 * estimate honest, so it walks the sort index for common words and the term index for rare ones.
 */
export function rarestTerms(termsPerWord: string[][], frequencies: Map<string, number>): string[] {
  if (frequencies.size === 0) return termsPerWord.flat();
  return termsPerWord.map((terms) => [...terms].sort((a, b) => (frequencies.get(a) ?? 0) - (frequencies.get(b) ?? 0))[0]);
}
