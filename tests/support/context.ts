import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createApp } from '../../src/app';
import { manualClock } from '../../src/platform/clock';
import { loadConfig, type Config } from '../../src/platform/config';
import type { Deps } from '../../src/platform/deps';
import type { MailTransport } from '../../src/platform/mail/deliver';
import { startRuntime, stopRuntime } from '../../src/runtime';
import { openTestDatabase, type DatabaseKind } from './databases';
import { startS3Server } from './s3Server';

export type TestContext = {
  kind: DatabaseKind;
  deps: Deps;
  app: ReturnType<typeof createApp>;
  clock: ReturnType<typeof manualClock>;
  config: Config;
  databaseUrl?: string;
  close(): Promise<void>;
};

export function testConfig(overrides: Record<string, string> = {}): Config {
  return loadConfig({
    NODE_ENV: 'test',
    SECRET_KEY: 'test-secret-key-test-secret-key-0123456789',
    BASE_URL: 'http://localhost:3000',
    DATA_DIR: '.test-artifacts/data',
    ...overrides,
  });
}

/** The whole app on a fresh database, with a clock the test moves and jobs run by drain(). */
export type TestContextOptions = {
  env?: Record<string, string>;
  mailTransport?: MailTransport | null;
  /** Where files go: the context's folder, or a real S3 server started for it (default: TEST_FILE_STORE, else local). */
  fileStore?: 'local' | 's3';
};

export async function createTestContext(kind: DatabaseKind, options: TestContextOptions = {}): Promise<TestContext> {
  const { database, url, drop } = await openTestDatabase(kind);
  // Each context gets its own upload folder, so a test can look at exactly the files it made.
  mkdirSync('.test-artifacts', { recursive: true });
  const dataDir = mkdtempSync(join(resolve('.test-artifacts'), 'data-'));
  const s3 = (options.fileStore ?? process.env.TEST_FILE_STORE) === 's3' ? await startS3Server() : null;
  const config = testConfig({ DATA_DIR: dataDir, ...s3?.env, ...options.env });
  const clock = manualClock(new Date('2026-04-01T00:00:00Z'));
  const deps = await startRuntime(config, {
    work: false,
    clock,
    database,
    mailTransport: options.mailTransport ?? null,
    jobRetryDelaySeconds: 1,
  });
  return {
    kind,
    deps,
    app: createApp(deps),
    clock,
    config,
    databaseUrl: url,
    close: async () => {
      await stopRuntime(deps).catch(() => {});
      await drop();
      rmSync(dataDir, { recursive: true, force: true });
      await s3?.close();
    },
  };
}
