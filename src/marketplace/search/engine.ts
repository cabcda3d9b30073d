import type { Config } from '../../platform/config';
import type { Db } from '../../platform/db/client';
import type { Logger } from '../../platform/log';
import { groongaSearchEngine } from './groongaEngine';
import type { SearchEngine } from '../../platform/searchPort';
import { postgresSearchEngine } from './postgresEngine';

/** PostgreSQL (embedded or server) unless SEARCH_URL names a Groonga server; PostgreSQL stays its fallback. */
export function createSearchEngine(config: Pick<Config, 'searchUrl'>, db: Db, log: Logger): SearchEngine {
  const postgres = postgresSearchEngine(db);
  return config.searchUrl ? groongaSearchEngine(config.searchUrl, db, log, postgres) : postgres;
}
