import PgBoss from 'pg-boss';
import { sql } from 'drizzle-orm';
import type { Database, Tx } from '../db/client';
import { transactionExecutor } from '../db/client';
import type { Logger } from '../log';

/** lastTry: this run is the job's last (no retry follows if it throws), so the handler can record the failure. */
export type JobRun = { lastTry: boolean };

export type JobDefinition<T> = {
  name: string;
  handler: (data: T, run: JobRun) => Promise<void>;
  /** Cron schedule (UTC) for recurring jobs. */
  cron?: string;
  retryLimit?: number;
  /**
   * For idempotent jobs: a worker starting up runs again the jobs left active by a worker that died mid-run,
   * instead of waiting for them to expire (pg-boss's default is 15 minutes).
   */
  rerunInterrupted?: boolean;
};

export type Jobs = {
  define<T>(definition: JobDefinition<T>): void;
  /** Enqueue inside the caller's transaction: the job exists only if the transaction commits. */
  enqueue<T extends object>(
    tx: Tx,
    name: string,
    data: T,
    options?: { singletonKey?: string; startAfter?: Date },
  ): Promise<void>;
  start(): Promise<void>;
  /** Runs every due job of these queues now, in this process (tests, CLI). Returns how many ran. */
  drain(...names: string[]): Promise<number>;
  /** Stops taking jobs; a worker waits up to timeoutMs (default 10 s) for the ones it is running. */
  stop(timeoutMs?: number): Promise<void>;
};

export type JobSettings = {
  /** Worker processes fetch and run jobs and keep schedules; web processes only enqueue. */
  work: boolean;
  retryDelaySeconds: number;
  pollingSeconds?: number;
};

export function createJobs(database: Database, log: Logger, settings: JobSettings): Jobs {
  const boss = new PgBoss({
    db: database.executor as PgBoss.Db,
    supervise: settings.work,
    schedule: settings.work,
    maintenanceIntervalSeconds: 300,
  });
  boss.on('error', (error) => log.error({ err: error }, 'job queue error'));
  const definitions = new Map<string, JobDefinition<any>>();

  const runOf = (job: PgBoss.JobWithMetadata<any>): JobRun => ({ lastTry: job.retryCount >= job.retryLimit });

  async function runOne(definition: JobDefinition<any>, job: PgBoss.JobWithMetadata<any>) {
    try {
      await definition.handler(job.data, runOf(job));
      await boss.complete(definition.name, job.id);
    } catch (error) {
      log.warn({ err: error, job: definition.name, id: job.id }, 'job failed, will retry');
      await boss.fail(definition.name, job.id, { message: String(error) });
    }
  }

  async function rerunInterrupted(definition: JobDefinition<any>) {
    const result: any = await database.db.execute(
      sql`select id, data from pgboss.job where name = ${definition.name} and state = 'active'`,
    );
    for (const job of result.rows as { id: string; data: unknown }[]) {
      try {
        await definition.handler(job.data, { lastTry: false });
        await boss.complete(definition.name, job.id);
      } catch (error) {
        // Left active: pg-boss retries it once it expires.
        log.warn({ err: error, job: definition.name, id: job.id }, 'interrupted job failed again');
      }
    }
  }

  return {
    define(definition) {
      definitions.set(definition.name, definition);
    },
    async enqueue(tx, name, data, options = {}) {
      if (!definitions.has(name)) throw new Error(`unknown job ${name}`);
      await boss.send(name, data, { ...options, db: transactionExecutor(tx) as PgBoss.Db });
    },
    async start() {
      await boss.start();
      for (const definition of definitions.values()) {
        // Retries back off exponentially: a mail server down for an hour loses nothing.
        await boss.createQueue(definition.name, {
          name: definition.name,
          retryLimit: definition.retryLimit ?? 10,
          retryBackoff: true,
          retryDelay: settings.retryDelaySeconds,
        });
        if (!settings.work) continue;
        if (definition.rerunInterrupted) await rerunInterrupted(definition);
        await boss.work(
          definition.name,
          { pollingIntervalSeconds: settings.pollingSeconds ?? 1, batchSize: 1, includeMetadata: true },
          async ([job]) => {
            await definition.handler(job.data, runOf(job));
          },
        );
        if (definition.cron) await boss.schedule(definition.name, definition.cron, {}, { tz: 'UTC' });
      }
    },
    async drain(...names) {
      let ran = 0;
      for (const name of names) {
        const definition = definitions.get(name);
        if (!definition) throw new Error(`unknown job ${name}`);
        for (;;) {
          const jobs = await boss.fetch(name, { batchSize: 50, includeMetadata: true });
          if (!jobs || jobs.length === 0) break;
          for (const job of jobs) await runOne(definition, job);
          ran += jobs.length;
        }
      }
      return ran;
    },
    async stop(timeoutMs = 10_000) {
      // pg-boss refuses a timeout under one second.
      const timeout = Math.max(timeoutMs, 1000);
      await boss.stop({ graceful: settings.work, close: false, wait: true, timeout }).catch(() => {});
    },
  };
}
