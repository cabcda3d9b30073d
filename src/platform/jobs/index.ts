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
  /**
   * How long one run may take before the queue takes its worker for dead and runs the job again. Short for quick
   * steps, so a killed worker delays its job by about this much, never by the queue's 15-minute default.
   */
  expireSeconds: number;
  /** First retry after about this long, doubling each time (default: the queue setting). */
  retryDelaySeconds?: number;
  /** Runs once when the job has failed for good: its last retry threw, or the worker of its last run died. */
  failed?: (data: T) => Promise<void>;
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
  /** Seconds between polls of an idle queue (default 1); scheduled: of a queue whose jobs come from a cron schedule. */
  pollingSeconds?: number;
  scheduledPollingSeconds?: number;
  /** Every expiry and retry delay in percent of its definition's (tests of crash recovery shorten them). */
  timePercent?: number;
};

/** Where a job goes when it has failed for good, for its `failed` step. */
const deadLetterOf = (name: string) => `${name}.failed`;

export function createJobs(database: Database, log: Logger, settings: JobSettings): Jobs {
  const scaled = (seconds: number) => Math.max(1, Math.round((seconds * (settings.timePercent ?? 100)) / 100));
  const definitions = new Map<string, JobDefinition<any>>();
  let boss: PgBoss | null = null;
  const queue = () => boss ?? (boss = createBoss());
  function createBoss() {
    const shortest = Math.min(...[...definitions.values()].map((d) => scaled(d.expireSeconds)), 300);
    const created = new PgBoss({
      db: database.executor as PgBoss.Db,
      supervise: settings.work,
      schedule: settings.work,
      // Expiry is only noticed by this sweep: it runs several times within the shortest expiry.
      maintenanceIntervalSeconds: Math.max(1, Math.floor(shortest / 4)),
      // Schedules are checked as often as their queues are polled (pg-boss's default is every 5 s; it takes 1–45).
      cronWorkerIntervalSeconds: Math.min(45, Math.max(1, Math.round(settings.scheduledPollingSeconds ?? 5))),
    });
    created.on('error', (error) => log.error({ err: error }, 'job queue error'));
    return created;
  }

  const runOf = (job: PgBoss.JobWithMetadata<any>): JobRun => ({ lastTry: job.retryCount >= job.retryLimit });

  async function runOne(name: string, run: (job: PgBoss.JobWithMetadata<any>) => Promise<void>, job: any) {
    try {
      await run(job);
      await queue().complete(name, job.id);
    } catch (error) {
      log.warn({ err: error, job: name, id: job.id, lastTry: runOf(job).lastTry }, 'job failed');
      await queue().fail(name, job.id, { message: String(error) });
    }
  }

  /** Each queue's runner and the queue a worker fetches it from: the job itself, and its dead letters. */
  function runners() {
    const list: { name: string; run: (job: PgBoss.JobWithMetadata<any>) => Promise<void>; idleMs: number }[] = [];
    // Polls are timings like expiries: JOB_TIME_PERCENT shortens them too (crash-recovery tests).
    const pollMs = (seconds = 1) => (seconds < 1 ? seconds : scaled(seconds)) * 1000;
    const onDemandMs = pollMs(settings.pollingSeconds);
    for (const definition of definitions.values()) {
      // A job on a schedule is at most every ten minutes: polling it every second costs more than a late start.
      const idleMs = definition.cron ? pollMs(settings.scheduledPollingSeconds) : onDemandMs;
      list.push({ name: definition.name, run: (job) => definition.handler(job.data, runOf(job)), idleMs });
      const failed = definition.failed;
      if (failed)
        list.push({ name: deadLetterOf(definition.name), run: (job) => failed(job.data), idleMs: onDemandMs });
    }
    return list;
  }

  let stopping = false;
  let wake: (() => void)[] = [];
  const loops: Promise<void>[] = [];
  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        wake = wake.filter((w) => w !== done);
        resolve();
      }
      wake.push(done);
    });

  // Queues with nothing to do wait here to be woken: by the poller when a job is due, or by stop().
  const idleQueues = new Map<string, () => void>();

  /** One job at a time per queue; the next at once while any is waiting. */
  async function workLoop(name: string, run: (job: PgBoss.JobWithMetadata<any>) => Promise<void>) {
    while (!stopping) {
      let jobs: PgBoss.JobWithMetadata<any>[] = [];
      try {
        jobs = (await queue().fetch(name, { batchSize: 1, includeMetadata: true })) ?? [];
      } catch (error) {
        if (!stopping) log.error({ err: error, job: name }, 'job fetch failed');
      }
      for (const job of jobs) await runOne(name, run, job);
      if (jobs.length === 0 && !stopping) await new Promise<void>((resolve) => idleQueues.set(name, resolve));
    }
  }

  /**
   * Every idleMs, one statement asks which of these queues' idle loops have a job due, and wakes those:
   * an idle worker costs one query per interval, not a fetch per queue.
   */
  async function pollLoop(names: string[], idleMs: number) {
    while (!stopping) {
      await sleep(idleMs);
      const waiting = names.filter((name) => idleQueues.has(name));
      if (waiting.length === 0 || stopping) continue;
      try {
        const result: any = await database.db.execute(
          sql`select distinct name from pgboss.job where name in ${waiting} and state < 'active' and start_after < now()`,
        );
        for (const { name } of result.rows as { name: string }[]) {
          idleQueues.get(name)?.();
          idleQueues.delete(name);
        }
      } catch (error) {
        if (!stopping) log.error({ err: error }, 'job poll failed');
      }
    }
  }

  async function rerunInterrupted(definition: JobDefinition<any>) {
    const result: any = await database.db.execute(
      sql`select id, data from pgboss.job where name = ${definition.name} and state = 'active'`,
    );
    for (const job of result.rows as { id: string; data: unknown }[]) {
      try {
        await definition.handler(job.data, { lastTry: false });
        await queue().complete(definition.name, job.id);
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
      await queue().send(name, data, { ...options, db: transactionExecutor(tx) as PgBoss.Db });
    },
    async start() {
      const boss = queue();
      await boss.start();
      for (const definition of definitions.values()) {
        const deadLetter = definition.failed ? deadLetterOf(definition.name) : undefined;
        if (deadLetter) await upsertQueue(boss, deadLetter, { retryLimit: 5, expireInSeconds: scaled(60) });
        // Retries back off exponentially: a mail server down for an hour loses nothing.
        await upsertQueue(boss, definition.name, {
          retryLimit: definition.retryLimit ?? 10,
          retryBackoff: true,
          retryDelay: scaled(definition.retryDelaySeconds ?? settings.retryDelaySeconds),
          expireInSeconds: scaled(definition.expireSeconds),
          ...(deadLetter ? { deadLetter } : {}),
        });
        if (!settings.work) continue;
        if (definition.rerunInterrupted) await rerunInterrupted(definition);
        if (definition.cron) await boss.schedule(definition.name, definition.cron, {}, { tz: 'UTC' });
      }
      if (settings.work) {
        const all = runners();
        for (const { name, run } of all) loops.push(workLoop(name, run));
        for (const idleMs of new Set(all.map((r) => r.idleMs)))
          loops.push(
            pollLoop(
              all.filter((r) => r.idleMs === idleMs).map((r) => r.name),
              idleMs,
            ),
          );
      }
    },
    async drain(...names) {
      let ran = 0;
      const all = runners();
      for (const name of names) {
        if (!definitions.has(name)) throw new Error(`unknown job ${name}`);
        for (const runner of all.filter((r) => r.name === name || r.name === deadLetterOf(name))) {
          for (;;) {
            const jobs = await queue().fetch(runner.name, { batchSize: 50, includeMetadata: true });
            if (!jobs || jobs.length === 0) break;
            for (const job of jobs) await runOne(runner.name, runner.run, job);
            ran += jobs.length;
          }
        }
      }
      return ran;
    },
    async stop(timeoutMs = 10_000) {
      stopping = true;
      for (const w of [...wake, ...idleQueues.values()]) w();
      idleQueues.clear();
      // The jobs in hand finish within the grace; one cut short is run again after its expiry.
      await Promise.race([Promise.all(loops), new Promise((r) => setTimeout(r, timeoutMs))]);
      // pg-boss refuses a timeout under one second.
      await queue()
        .stop({ graceful: false, close: false, wait: true, timeout: Math.max(timeoutMs, 1000) })
        .catch(() => {});
    },
  };
}

/** Creates the queue, or brings an existing one's settings (expiry, retries) to these. */
async function upsertQueue(
  boss: PgBoss,
  name: string,
  options: Omit<PgBoss.Queue, 'name'> & { expireInSeconds?: number },
) {
  const queue = { name, ...options } as PgBoss.Queue;
  await boss.createQueue(name, queue);
  await boss.updateQueue(name, queue);
}
