import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Deps } from '../../platform/deps';
import { SEARCH_SYNC_JOB } from '../../platform/searchPort';
import { startRuntime, stopRuntime } from '../../runtime';
import { changeServiceStatus } from '../services/commands';
import { testConfig, type TestContext } from '../../../tests/support/context';
import { openTestDatabase } from '../../../tests/support/databases';
import { createMember } from '../../../tests/support/factories';
import { runGroongaSuites, startGroonga, type GroongaServer } from '../../../tests/support/groonga';
import { asCurrent, createService } from '../../../tests/support/marketplace';
import { manualClock } from '../../platform/clock';

const config = (searchUrl: string, dataDir: string) => ({
  NODE_ENV: 'test',
  SECRET_KEY: 'test-secret-key-test-secret-key-0123456789',
  BASE_URL: 'http://localhost:3000',
  DATA_DIR: dataDir,
  SEARCH_URL: searchUrl,
});

/** `npm run worker` as its own process (node with tsx's loader, so a kill reaches the process itself). */
function startWorker(env: Record<string, string>): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', 'src/main.ts', 'worker'], {
    env: { ...process.env, ...env },
    stdio: 'ignore',
  });
}

async function until(check: () => Promise<boolean>, ms: number) {
  for (const deadline = Date.now() + ms; Date.now() < deadline;) {
    if (await check()) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return false;
}

// A real worker process needs the PostgreSQL server (PGlite belongs to one process) and Groonga.
describe.skipIf(!process.env.TEST_DATABASE_URL || !runGroongaSuites)(
  'search index after a worker crash [postgres]',
  () => {
    let deps: Deps;
    let drop: () => Promise<void>;
    let url: string;
    let groonga: GroongaServer;
    let stuck: Server;
    let stuckUrl: string;
    let asked = 0;
    const dataDir = mkdtempSync(join(tmpdir(), 'wz-crash-'));
    const workers: ChildProcess[] = [];

    beforeAll(async () => {
      groonga = await startGroonga();
      const created = await openTestDatabase('postgres');
      drop = created.drop;
      url = created.url!;
      deps = await startRuntime(testConfig({ SEARCH_URL: groonga.url, DATA_DIR: dataDir }), {
        work: false,
        database: created.database,
        mailTransport: null,
        clock: manualClock(new Date('2026-04-01T00:00:00Z')),
      });
      // A Groonga that takes the request and never answers: the worker is caught between commit and index.
      stuck = createServer(() => void (asked += 1));
      await new Promise<void>((resolve) => stuck.listen(0, '127.0.0.1', () => resolve()));
      stuckUrl = `http://127.0.0.1:${(stuck.address() as { port: number }).port}`;
    }, 60_000);
    afterAll(async () => {
      for (const worker of workers) worker.kill('SIGKILL');
      stuck?.closeAllConnections();
      stuck?.close();
      await stopRuntime(deps).catch(() => {});
      await drop?.();
      await groonga?.close();
      rmSync(dataDir, { recursive: true, force: true });
    });

    it('leaves the index right as soon as a new worker starts', async () => {
      const ctx = { deps } as TestContext;
      const seller = await createMember(ctx);
      const serviceId = await createService(ctx, seller, { title: '落ちる作業員のロゴ', description: 'テスト' });
      await deps.jobs.drain(SEARCH_SYNC_JOB);
      const inIndex = async () =>
        (await deps.search.query({ words: '落ちる作業員', sort: 'new', page: 1 })).ids.includes(serviceId);
      expect(await inIndex()).toBe(true);

      const first = startWorker({ ...config(stuckUrl, dataDir), DATABASE_URL: url });
      workers.push(first);
      // Committed with its job; the worker takes the job and hangs talking to the index.
      expect(await changeServiceStatus(deps, asCurrent(seller), serviceId, 'paused')).toBeNull();
      expect(await until(async () => asked > 0, 30_000)).toBe(true);
      first.kill('SIGKILL');
      await new Promise((r) => first.once('exit', r));
      expect(await inIndex()).toBe(true);

      const second = startWorker({ ...config(groonga.url, dataDir), DATABASE_URL: url });
      workers.push(second);
      // Well before the 15 minutes after which pg-boss would expire the interrupted job.
      expect(await until(async () => !(await inIndex()), 30_000)).toBe(true);
      second.kill('SIGTERM');
    }, 90_000);
  },
);
