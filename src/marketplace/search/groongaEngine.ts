import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/client';
import type { Logger } from '../../platform/log';
import { members } from '../../accounts/schema';
import { publicServiceCondition } from '../rules';
import { services } from '../schema';
import { normaliseForSearch, queryTerms } from '../services/searchTerms';
import { countPublic, publicIdBatches } from './rebuild';
import {
  PAGE_SIZE,
  type SearchEngine,
  type SearchHealth,
  type SearchQuery,
  type SearchSort,
  type SyncTarget,
} from '../../platform/searchPort';

const TABLE = 'Services';
/** After a failure, Groonga is tried again after this long; PostgreSQL answers meanwhile. */
const RETRY_AFTER_MS = 10_000;
const TIMEOUT_MS = 3_000;

// Sort keys matching the PostgreSQL orderings exactly, ties broken by id (descending) in both.
const sortKeys: Record<SearchSort, string> = {
  new: '-created,-_key',
  rating: '-rating,-rating_count,-_key',
  price_asc: 'price,-_key',
  price_desc: '-price,-_key',
};

export class GroongaError extends Error {}

/** One command over Groonga's HTTP interface (`groonga --protocol http`); the body is for `load`. */
export async function groongaCommand(baseUrl: string, command: string, params: Record<string, string>, body?: unknown) {
  const url = `${baseUrl}/d/${command}?${new URLSearchParams(params)}`;
  const res = await fetch(url, {
    method: body === undefined ? 'GET' : 'POST',
    headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(TIMEOUT_MS),
  });
  const answer = (await res.json().catch(() => null)) as [[number, number, number, string?], unknown] | null;
  if (!answer || answer[0][0] !== 0) throw new GroongaError(`groonga ${command}: ${answer?.[0][3] ?? res.status}`);
  return answer[1];
}

/** A word as a Groonga phrase: in quotes, so its characters must appear together and in order (like the LIKE). */
function phrase(word: string): string {
  return `"${normaliseForSearch(word).replace(/[\\"]/g, (ch) => `\\${ch}`)}"`;
}

function filterOf(input: SearchQuery): string {
  const parts: string[] = [];
  if (input.categoryIds) parts.push(`in_values(category, ${input.categoryIds.map(Number).join(', ')})`);
  if (input.priceMin !== undefined) parts.push(`price >= ${Number(input.priceMin)}`);
  if (input.priceMax !== undefined) parts.push(`price <= ${Number(input.priceMax)}`);
  if (input.maxDeliveryDays !== undefined) parts.push(`delivery <= ${Number(input.maxDeliveryDays)}`);
  if (input.minRating !== undefined) parts.push(`rating >= ${Number(input.minRating)}`);
  return parts.join(' && ');
}

/** What Groonga keeps of a public service: its normalised text and what filters and sorts read. */
const indexColumns = {
  _key: services.id,
  text: services.searchText,
  category: services.categoryId,
  price: services.priceYen,
  delivery: services.deliveryDays,
  // No reviews sorts last, as NULLS LAST does in PostgreSQL, and fails every minimum-rating filter.
  rating: sql<number>`coalesce(${services.ratingSum}::float / nullif(${services.ratingCount}, 0), -1)`,
  rating_count: services.ratingCount,
  // Microseconds, so the newest-first order is PostgreSQL's to the last digit.
  created: sql<string>`(extract(epoch from ${services.createdAt}) * 1000000)::bigint::text`,
};

/** Groonga as the engine for large catalogues: TokenBigram index with NormalizerAuto; PostgreSQL when it is away. */
export function groongaSearchEngine(baseUrl: string, db: Db, log: Logger, fallback: SearchEngine): SearchEngine {
  let downSince: Date | null = null;
  let schema: Promise<void> | null = null;
  const command = (name: string, params: Record<string, string>, body?: unknown) =>
    groongaCommand(baseUrl, name, params, body);

  async function createSchema() {
    if ((await command('object_exist', { name: TABLE })) === true) return;
    await command('table_create', { name: TABLE, flags: 'TABLE_HASH_KEY', key_type: 'ShortText' });
    const columns = {
      text: 'Text',
      category: 'UInt32',
      price: 'UInt32',
      delivery: 'UInt32',
      rating: 'Float',
      rating_count: 'UInt32',
      created: 'Int64',
      generation: 'UInt32',
    };
    for (const [name, type] of Object.entries(columns))
      await command('column_create', { table: TABLE, name, flags: 'COLUMN_SCALAR', type });
    // SplitSymbolAlphaDigit: latin words are cut into pairs too, so "logo" finds "mylogo" as LIKE does.
    await command('table_create', {
      name: 'Terms',
      flags: 'TABLE_PAT_KEY',
      key_type: 'ShortText',
      default_tokenizer: 'TokenBigramSplitSymbolAlphaDigit',
      normalizer: 'NormalizerAuto',
    });
    await command('column_create', {
      table: 'Terms',
      name: 'services_text',
      flags: 'COLUMN_INDEX|WITH_POSITION',
      type: TABLE,
      source: 'text',
    });
    for (const name of ['category', 'price', 'created']) {
      await command('table_create', {
        name: `${name}_values`,
        flags: 'TABLE_PAT_KEY',
        key_type: name === 'created' ? 'Int64' : 'UInt32',
      });
      await command('column_create', {
        table: `${name}_values`,
        name: 'services',
        flags: 'COLUMN_INDEX',
        type: TABLE,
        source: name,
      });
    }
  }
  function ensureSchema() {
    schema ??= createSchema().catch((error: unknown) => {
      schema = null;
      throw error;
    });
    return schema;
  }

  async function queryGroonga(input: SearchQuery) {
    await ensureSchema();
    const words = queryTerms(input.words ?? '').words;
    const params: Record<string, string> = {
      table: TABLE,
      output_columns: '_key',
      sort_keys: sortKeys[input.sort],
      offset: String((input.page - 1) * PAGE_SIZE),
      limit: String(PAGE_SIZE),
    };
    if (words.length > 0) Object.assign(params, { match_columns: 'text', query: words.map(phrase).join(' ') });
    const filter = filterOf(input);
    if (filter) params.filter = filter;
    const [result] = (await command('select', params)) as [[[number], unknown, ...[string][]]];
    const [[total], , ...rows] = result;
    return { ids: rows.map((r) => r[0]), total };
  }

  async function loadPublic(where: ReturnType<typeof and>, generation: number) {
    const rows = await db
      .select(indexColumns)
      .from(services)
      .innerJoin(members, eq(members.id, services.sellerId))
      .where(and(where, publicServiceCondition()));
    if (rows.length > 0) {
      await ensureSchema();
      await command(
        'load',
        { table: TABLE },
        rows.map((r) => ({ ...r, created: Number(r.created), generation })),
      );
    }
    return rows.map((r) => r._key);
  }

  async function remove(ids: string[]) {
    if (ids.length === 0) return;
    await ensureSchema();
    await command('delete', {
      table: TABLE,
      filter: `in_values(_key, ${ids.map((id) => JSON.stringify(id)).join(', ')})`,
    });
  }

  function markDown(error: unknown) {
    if (!downSince)
      log.error({ err: error, url: baseUrl }, 'search: Groonga is unreachable, PostgreSQL answers instead');
    downSince ??= new Date();
  }
  function markUp() {
    if (downSince) log.info({ since: downSince }, 'search: Groonga answers again');
    downSince = null;
  }
  const retryDue = () => !downSince || Date.now() - downSince.getTime() >= RETRY_AFTER_MS;

  return {
    kind: 'groonga',
    async query(input) {
      if (!retryDue()) return fallback.query(input);
      try {
        const hits = await queryGroonga(input);
        markUp();
        return hits;
      } catch (error) {
        markDown(error);
        return fallback.query(input);
      }
    },
    async sync(target: SyncTarget) {
      const generation = Math.floor(Date.now() / 1000);
      const where =
        'serviceIds' in target ? inArray(services.id, target.serviceIds) : eq(services.sellerId, target.sellerId);
      const loaded = new Set(await loadPublic(where, generation));
      const all = await db.select({ id: services.id }).from(services).where(where);
      await remove(all.map((r) => r.id).filter((id) => !loaded.has(id)));
    },
    async health(): Promise<SearchHealth> {
      if (retryDue()) {
        await command('status', {}).then(markUp, markDown);
      }
      return downSince
        ? { engine: 'groonga', state: 'fallback', since: downSince.toISOString() }
        : { engine: 'groonga', state: 'up' };
    },
    // Loaded again over what is there, stamped with this run's generation; what was not loaded goes at the end.
    // Sync jobs meanwhile stamp a later generation, so nothing they bring in is removed.
    async rebuild(progress) {
      const generation = Math.floor(Date.now() / 1000);
      await ensureSchema();
      const total = await countPublic(db);
      let done = 0;
      for await (const ids of publicIdBatches(db)) {
        done += (await loadPublic(inArray(services.id, ids), generation)).length;
        progress(done, total);
      }
      await command('delete', { table: TABLE, filter: `generation < ${generation}` });
      progress(done, done);
    },
  };
}
