import { and, asc, count, desc, eq, gte, inArray, lte, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../platform/db/client';
import { members } from '../../accounts/schema';
import { publicServiceCondition } from '../rules';
import { services } from '../schema';
import { categoryTerm, normaliseForSearch, queryTerms } from '../services/searchTerms';
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

/** The filters on the services row itself: published, category, price, days, rating. */
function serviceFilters(input: SearchQuery): SQL[] {
  const conditions: SQL[] = [eq(services.status, 'published')];
  if (input.categoryIds) conditions.push(inArray(services.categoryId, input.categoryIds));
  if (input.priceMin !== undefined) conditions.push(gte(services.priceYen, input.priceMin));
  if (input.priceMax !== undefined) conditions.push(lte(services.priceYen, input.priceMax));
  if (input.maxDeliveryDays !== undefined) conditions.push(lte(services.deliveryDays, input.maxDeliveryDays));
  if (input.minRating !== undefined) {
    conditions.push(
      sql`${services.ratingCount} > 0 and ${services.ratingSum} >= ${input.minRating} * ${services.ratingCount}`,
    );
  }
  return conditions;
}

/** A LIKE per word on the normalised text: the words, in this order. It implies the word's terms. */
function wordLikes(words: string[]): SQL[] {
  return words.map((word) => sql`${services.searchText} like ${'%' + escapeLike(normaliseForSearch(word)) + '%'}`);
}

/** The words for the term index (bigrams say the characters are there) and the LIKE that confirms them. */
function wordConditions(input: SearchQuery, frequencies: Map<string, number>): SQL[] {
  const query = queryTerms(input.words ?? '');
  if (query.terms.length === 0) return [];
  const terms = indexTerms(query.words, query.termsPerWord, frequencies);
  // The category's terms too: the index meets words and category in one scan (categoryId says it exactly).
  const inCategory = input.categoryIds
    ? [sql`${services.searchTerms} && ${sql.param(input.categoryIds.map(categoryTerm))}::text[]`]
    : [];
  return [sql`${services.searchTerms} @> ${sql.param(terms)}::text[]`, ...inCategory, ...wordLikes(query.words)];
}

/** Everything a service must satisfy to match (the visibility rule included). */
export function matchConditions(input: SearchQuery, frequencies: Map<string, number>): SQL {
  return and(publicServiceCondition(), ...serviceFilters(input), ...wordConditions(input, frequencies))!;
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

/** A tenth more than the count shows, so that a few hidden sellers among them still leave COUNT_CAP + 1. */
const CANDIDATE_CAP = Math.ceil((COUNT_CAP + 1) * 1.1);

/**
 * Words, first step: at most CANDIDATE_CAP candidates from the services row alone (term index, filters,
 * LIKE; the scan stops at the cap), then the visibility rule's joins for those only, then sorted and
 * paged among themselves. Under the cap that is the exact answer and its count, in one statement, and the
 * planner's estimate (the terms of one word are correlated) cannot lead it astray.
 */
async function cappedCandidates(db: Db, input: SearchQuery, frequencies: Map<string, number>) {
  const candidates = db
    .select({ id: services.id, sellerId: services.sellerId })
    .from(services)
    .where(and(...serviceFilters(input), ...wordConditions(input, frequencies)))
    .limit(CANDIDATE_CAP);
  const result: any = await db.execute(sql`
    with candidates as materialized (${candidates}),
    visible as (
      select ${services.id}, ${services.createdAt}, ${services.ratingSum}, ${services.ratingCount}, ${services.priceYen}
      from candidates join ${services} on ${services.id} = candidates.id
      join ${members} on ${members.id} = candidates.seller_id
      where ${publicServiceCondition()})
    select (select count(*) from candidates) as candidates, (select count(*) from visible) as visible,
      array(select id::text from visible as services order by ${sql.join(orderings[input.sort], sql`, `)}
            limit ${PAGE_SIZE} offset ${(input.page - 1) * PAGE_SIZE}) as ids`);
  const [row] = result.rows as { ids: string[]; visible: string | number; candidates: string | number }[];
  return {
    ids: row.ids,
    visible: Number(row.visible),
    capped: Number(row.candidates) >= CANDIDATE_CAP,
  };
}

/**
 * Words, second step, when more than COUNT_CAP services hold them (at least 1% of a 100k catalogue):
 * walk the sort order and test each row's text. The LIKE sits inside a CASE, which the planner estimates
 * as true for half the rows and cannot answer from an index, so it walks the order and stops after a page.
 */
function commonWordsStatement(db: Db, input: SearchQuery) {
  const likes = and(...wordLikes(queryTerms(input.words ?? '').words));
  return db
    .select({ id: services.id })
    .from(services)
    .innerJoin(members, eq(members.id, services.sellerId))
    .where(and(publicServiceCondition(), ...serviceFilters(input), sql`case when ${likes} then true else false end`))
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

async function wordsQuery(db: Db, input: SearchQuery) {
  const frequencies = await termFrequencies(db);
  const first = await cappedCandidates(db, input, frequencies);
  if (!first.capped) return { ids: first.ids, total: first.visible };
  const rows = await commonWordsStatement(db, input);
  const total = first.visible > COUNT_CAP ? COUNT_CAP + 1 : await countMatches(db, input, frequencies);
  return { ids: rows.map((r) => r.id), total };
}

async function browseQuery(db: Db, input: SearchQuery) {
  const none = new Map<string, number>();
  const rows = await idsStatement(db, input, none);
  // A full first page says the count already; otherwise count (capped).
  const total = input.page === 1 && rows.length < PAGE_SIZE ? rows.length : await countMatches(db, input, none);
  return { ids: rows.map((r) => r.id), total };
}

/** The default engine, on PGlite and PostgreSQL alike: the index is the services row's own search_terms. */
export function postgresSearchEngine(db: Db): SearchEngine {
  return {
    kind: 'postgres',
    query: (input) => (queryTerms(input.words ?? '').terms.length > 0 ? wordsQuery(db, input) : browseQuery(db, input)),
    // The command writes search_terms in its own transaction: nothing follows.
    sync: async () => {},
    health: async () => ({ engine: 'postgres', state: 'up' }),
    rebuild: (progress) => rewriteSearchColumns(db, progress),
  };
}
