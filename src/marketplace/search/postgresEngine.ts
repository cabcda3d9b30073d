import { and, asc, count, desc, eq, gte, inArray, lte, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../platform/db/client';
import { members } from '../../accounts/schema';
import { publicServiceCondition } from '../rules';
import { services } from '../schema';
import { normaliseForSearch, queryTerms } from '../services/searchTerms';
import { indexTerms, termFrequencies } from '../services/termStats';
import { rewriteSearchColumns } from './rebuild';
import { COUNT_CAP, PAGE_SIZE, type SearchEngine, type SearchQuery, type SearchSort } from '../../platform/searchPort';

const orderings: Record<SearchSort, SQL[]> = {
  new: [desc(services.createdAt), desc(services.id)],
  rating: [
    sql`(${services.ratingSum}::float / nullif(${services.ratingCount}, 0)) desc nulls last`,
    desc(services.ratingCount),
    desc(services.id),
  ],
  price_asc: [asc(services.priceYen), desc(services.id)],
  price_desc: [desc(services.priceYen), desc(services.id)],
};

function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (ch) => `\\${ch}`);
}

/** Everything a service must satisfy to match: visible by the one rule, the words in order, the filters. */
export function matchConditions(input: SearchQuery, frequencies: Map<string, number>): SQL {
  const conditions: (SQL | undefined)[] = [publicServiceCondition()];
  const query = queryTerms(input.words ?? '');
  if (query.terms.length > 0) {
    conditions.push(
      sql`${services.searchTerms} @> ${sql.param(indexTerms(query.words, query.termsPerWord, frequencies))}::text[]`,
    );
    // Bigrams say the characters are there; LIKE says they are there in this order.
    for (const word of query.words) {
      conditions.push(sql`${services.searchText} like ${'%' + escapeLike(normaliseForSearch(word)) + '%'}`);
    }
  }
  if (input.categoryIds) conditions.push(inArray(services.categoryId, input.categoryIds));
  if (input.priceMin !== undefined) conditions.push(gte(services.priceYen, input.priceMin));
  if (input.priceMax !== undefined) conditions.push(lte(services.priceYen, input.priceMax));
  if (input.maxDeliveryDays !== undefined) conditions.push(lte(services.deliveryDays, input.maxDeliveryDays));
  if (input.minRating !== undefined) {
    conditions.push(
      sql`${services.ratingCount} > 0 and ${services.ratingSum} >= ${input.minRating} * ${services.ratingCount}`,
    );
  }
  return and(...conditions)!;
}

/**
 * The page of ids: only services and members (for the visibility rule) are read, so the sort stops after
 * one page; categories, sellers' names and covers are joined for those twenty rows afterwards (cards.ts).
 */
export function idsStatement(db: Db, input: SearchQuery, frequencies: Map<string, number>) {
  return db
    .select({ id: services.id })
    .from(services)
    .innerJoin(members, eq(members.id, services.sellerId))
    .where(matchConditions(input, frequencies))
    .orderBy(...orderings[input.sort])
    .limit(PAGE_SIZE)
    .offset((input.page - 1) * PAGE_SIZE);
}

/** How many match, counting no further than COUNT_CAP + 1 candidates. */
async function countMatches(db: Db, input: SearchQuery, frequencies: Map<string, number>) {
  const capped = db
    .select({ one: sql`1`.as('one') })
    .from(services)
    .innerJoin(members, eq(members.id, services.sellerId))
    .where(matchConditions(input, frequencies))
    .limit(COUNT_CAP + 1)
    .as('capped');
  const [row] = await db.select({ n: count() }).from(capped);
  return Math.min(row.n, COUNT_CAP + 1);
}

/** The default engine, on PGlite and PostgreSQL alike: the index is the services row's own search_terms. */
export function postgresSearchEngine(db: Db): SearchEngine {
  return {
    kind: 'postgres',
    async query(input) {
      const frequencies = input.words ? await termFrequencies(db) : new Map<string, number>();
      const rows = await idsStatement(db, input, frequencies);
      // A full first page says the count already; otherwise count (capped).
      const total =
        input.page === 1 && rows.length < PAGE_SIZE ? rows.length : await countMatches(db, input, frequencies);
      return { ids: rows.map((r) => r.id), total };
    },
    // The command writes search_terms in its own transaction: nothing follows.
    sync: async () => {},
    health: async () => ({ engine: 'postgres', state: 'up' }),
    rebuild: (progress) => rewriteSearchColumns(db, progress),
  };
}
