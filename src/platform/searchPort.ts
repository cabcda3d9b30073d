import type { Tx } from './db/client';
import type { Jobs } from './jobs';

export const searchSorts = ['new', 'rating', 'price_asc', 'price_desc'] as const;
export type SearchSort = (typeof searchSorts)[number];
export const PAGE_SIZE = 20;
/** Search goes no deeper than this page (an offset beyond it costs more than anyone reads); no link leads past it. */
export const SEARCH_MAX_PAGE = 50;
/** Counting stops here: "1,000件以上" is as useful to a buyer as the exact number, and far cheaper. */
export const COUNT_CAP = SEARCH_MAX_PAGE * PAGE_SIZE;

/** What a buyer asks for: words (Japanese included), categories, filters, sort and page. */
export type SearchQuery = {
  words?: string;
  categoryIds?: number[];
  priceMin?: number;
  priceMax?: number;
  /** At most this many days to delivery. */
  maxDeliveryDays?: number;
  /** An average rating of at least this (services without reviews are left out). */
  minRating?: number;
  sort: SearchSort;
  page: number;
};

/** One page of matching service ids in display order, and how many match (up to COUNT_CAP). */
export type SearchHits = { ids: string[]; total: number };

export type SearchHealth = { engine: 'postgres' | 'groonga'; state: 'up' | 'fallback'; since?: string };

/**
 * The one search interface every listing page uses. PostgreSQL keeps its index in the services row
 * (written by the command itself); Groonga keeps its own, brought in step by the sync job.
 */
export type SearchEngine = {
  kind: 'postgres' | 'groonga';
  query(input: SearchQuery): Promise<SearchHits>;
  /** Brings the index in step with the database for these services (public ones in, the rest out). */
  sync(target: SyncTarget): Promise<void>;
  /** Asks the engine (a short probe for Groonga), so /healthz tells the truth before a buyer searches. */
  health(): Promise<SearchHealth>;
  /** Rebuilds the whole index from the database (npm run search:reindex) while search goes on answering. */
  rebuild(progress: (done: number, total: number) => void): Promise<void>;
};

/** Which services changed: some by id, or all of one seller's (withdrawal, suspension, pause). */
export type SyncTarget = { serviceIds: string[] } | { sellerId: string };

export const SEARCH_SYNC_JOB = 'search.sync';

/**
 * Called inside the transaction that changes what search shows: the index follows once it commits.
 * The job reads the database when it runs, so running it twice, or late, leaves the same index.
 */
export async function queueSearchSync(tx: Tx, deps: { jobs: Jobs; search: SearchEngine }, target: SyncTarget) {
  if (deps.search.kind === 'postgres') return;
  await deps.jobs.enqueue(tx, SEARCH_SYNC_JOB, target);
}
