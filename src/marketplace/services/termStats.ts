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
  return termsPerWord.map(
    (terms) => [...terms].sort((a, b) => (frequencies.get(a) ?? 0) - (frequencies.get(b) ?? 0))[0],
  );
}

/** A term the statistics list in more than this share of services narrows too little on its own. */
const COMMON_SHARE = 0.05;

/** Every overlapping pair of a word (its characters, for a one-character word). */
function allPairs(word: string): string[] {
  const chars = [...word];
  if (chars.length < 2) return chars;
  return chars.slice(1).map((ch, i) => chars[i] + ch);
}

/**
 * The terms the index is asked for: per word its rarest term, unless even that is common (ロゴ翻訳's
 * rarest pair is in a fifth of services), when all its overlapping pairs are asked for together:
 * the index intersects them, which narrows far more than any one of them.
 */
export function indexTerms(words: string[], termsPerWord: string[][], frequencies: Map<string, number>): string[] {
  const rarest = rarestTerms(termsPerWord, frequencies);
  if (frequencies.size === 0) return rarest;
  const terms = words.flatMap((word, i) =>
    (frequencies.get(rarest[i]) ?? 0) > COMMON_SHARE ? allPairs(word) : [rarest[i]],
  );
  return [...new Set(terms)];
}
