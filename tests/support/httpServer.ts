import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve } from '@hono/node-server';
import { createApp } from '../../src/app';
import type { Deps } from '../../src/platform/deps';
import { startRuntime, stopRuntime } from '../../src/runtime';
import { testConfig } from './context';
import { openTestDatabase, type DatabaseKind } from './databases';

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

/** The real app over HTTP on localhost, on a fresh database, with the system clock: what a browser test talks to. */
export async function startTestServer(
  options: { kind?: DatabaseKind; env?: Record<string, string>; work?: boolean; port?: number } = {},
): Promise<{ baseUrl: string; deps: Deps; close(): Promise<void> }> {
  const port = options.port ?? (await freePort());
  const baseUrl = `http://localhost:${port}`;
  const { database, drop } = await openTestDatabase(options.kind ?? 'pglite');
  // With work: true the server also runs background jobs, as `npm start` does.
  const deps = await startRuntime(
    testConfig({
      BASE_URL: baseUrl,
      PORT: String(port),
      DATA_DIR: mkdtempSync(join(tmpdir(), 'wz-e2e-')),
      ...options.env,
    }),
    {
      work: options.work ?? false,
      database,
      mailTransport: null,
      jobPollingSeconds: 0.5,
    },
  );
  const server = serve({ fetch: createApp(deps).fetch, port, hostname: '127.0.0.1' });
  return {
    baseUrl,
    deps,
    close: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await stopRuntime(deps).catch(() => {});
      await drop();
    },
  };
}
