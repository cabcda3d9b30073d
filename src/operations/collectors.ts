import { sql } from 'drizzle-orm';
import { Gauge, type Registry } from 'prom-client';
import type { Deps } from '../platform/deps';

// Figures read from the database at each scrape: every process reports the same shared state, so a
// dashboard takes max() across instances rather than sum().

async function rows(deps: Deps, query: ReturnType<typeof sql>): Promise<any[]> {
  try {
    const result: any = await deps.db.execute(query);
    return result.rows;
  } catch (error) {
    // A scrape during a database outage still answers, with the process figures; /readyz says why.
    deps.log.warn({ err: error }, 'metrics: database figures unavailable');
    return [];
  }
}

export function registerCollectors(registry: Registry, deps: Deps) {
  new Gauge({
    name: 'wazaichi_jobs',
    help: 'Background jobs by queue and state (created and retry are waiting; failed used up their retries)',
    labelNames: ['queue', 'state'],
    registers: [registry],
    async collect() {
      this.reset();
      const found = await rows(
        deps,
        sql`select name, state::text as state, count(*)::int as n from pgboss.job
            where state in ('created', 'retry', 'active', 'failed') group by name, state`,
      );
      for (const row of found) this.set({ queue: row.name, state: row.state }, Number(row.n));
    },
  });
  new Gauge({
    name: 'wazaichi_outbox_mails',
    help: 'Mails in the outbox waiting to be sent (pending) or given up on (failed)',
    labelNames: ['status'],
    registers: [registry],
    async collect() {
      const found = await rows(
        deps,
        sql`select status, count(*)::int as n from mail_outbox where status in ('pending', 'failed') group by status`,
      );
      for (const status of ['pending', 'failed'])
        this.set({ status }, Number(found.find((row) => row.status === status)?.n ?? 0));
    },
  });
  new Gauge({
    name: 'wazaichi_purge_rows',
    help: 'Rows the last purge run removed (or held back under a legal hold), by category',
    labelNames: ['category', 'outcome'],
    registers: [registry],
    async collect() {
      this.reset();
      const found = await rows(
        deps,
        sql`select category, sum(rows)::int as removed, sum(held_back)::int as held from purge_log
            where not dry_run and ran_at = (select max(ran_at) from purge_log where not dry_run) group by category`,
      );
      for (const row of found) {
        this.set({ category: row.category, outcome: 'removed' }, Number(row.removed));
        this.set({ category: row.category, outcome: 'held_back' }, Number(row.held));
      }
    },
  });
  new Gauge({
    name: 'wazaichi_purge_last_run_timestamp_seconds',
    help: 'When the purge last ran (not a dry run), in Unix seconds; 0 if never',
    registers: [registry],
    async collect() {
      const found = await rows(
        deps,
        sql`select extract(epoch from max(ran_at))::float8 as at from purge_log where not dry_run`,
      );
      this.set(Number(found[0]?.at ?? 0));
    },
  });
  new Gauge({
    name: 'wazaichi_search_engine',
    help: 'The search engine answering now: 1 for the one in use (groonga, or postgres also when Groonga is away)',
    labelNames: ['engine', 'state'],
    registers: [registry],
    async collect() {
      const health = await deps.search.health();
      this.reset();
      this.set({ engine: health.state === 'fallback' ? 'postgres' : health.engine, state: health.state }, 1);
    },
  });
}
