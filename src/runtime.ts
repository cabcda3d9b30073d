import { defineJobs } from './jobs';
import type { Clock } from './platform/clock';
import { systemClock } from './platform/clock';
import { startupWarnings, type Config } from './platform/config';
import { openDatabase, type Database } from './platform/db/client';
import type { Deps } from './platform/deps';
import { createJobs } from './platform/jobs';
import { createLogger } from './platform/log';
import { smtpTransport, type MailTransport } from './platform/mail/deliver';
import { testModePaymentProvider } from './marketplace/money/paymentProvider';
import { blocklistSize } from './security/passwordStrength';
import { testModeSmsProvider } from './security/factors/sms';
import { createSearchEngine } from './marketplace/search/engine';
import { createFileStore } from './platform/files';

export type RuntimeOptions = {
  /** Whether this process runs background jobs (worker role) or only enqueues them (web role). */
  work: boolean;
  clock?: Clock;
  /** An already open database (tests share one per file). */
  database?: Database;
  mailTransport?: MailTransport | null;
  jobRetryDelaySeconds?: number;
  /** Overrides both poll intervals of the settings (tests that wait for a worker). */
  jobPollingSeconds?: number;
};

/** Opens the database, applies migrations and wires the job queue: everything but the HTTP server. */
export async function startRuntime(config: Config, options: RuntimeOptions): Promise<Deps> {
  const log = createLogger(config);
  for (const warning of startupWarnings(config)) log.warn(warning);
  const database = options.database ?? (await openDatabase({ url: config.databaseUrl, dataDir: config.dataDir }));
  await database.migrate();
  const jobs = createJobs(database, log, {
    work: options.work,
    retryDelaySeconds: options.jobRetryDelaySeconds ?? 30,
    pollingSeconds: options.jobPollingSeconds ?? config.jobPollSeconds.onDemand,
    scheduledPollingSeconds: options.jobPollingSeconds ?? config.jobPollSeconds.scheduled,
    timePercent: config.jobTimePercent,
  });
  const deps: Deps = {
    config,
    database,
    db: database.db,
    files: createFileStore(config),
    clock: options.clock ?? systemClock,
    jobs,
    log,
    mailTransport:
      options.mailTransport !== undefined
        ? options.mailTransport
        : config.smtpUrl
          ? smtpTransport(config.smtpUrl)
          : null,
    // Only the test-mode provider exists so far; the UI says so on every payment screen.
    paymentProvider: testModePaymentProvider,
    // Likewise only the test-mode SMS provider: texts are kept for /dev/sms, none is sent.
    smsProvider: testModeSmsProvider,
    search: createSearchEngine(config, database.db, log),
  };
  defineJobs(deps);
  await jobs.start();
  // Load the password blocklist now rather than on the first sign-up.
  blocklistSize();
  return deps;
}

export async function stopRuntime(deps: Deps) {
  await deps.jobs.stop();
  await deps.database.close();
}
