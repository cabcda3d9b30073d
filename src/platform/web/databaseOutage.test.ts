import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../app';
import { openDatabase } from '../db/client';
import { startRuntime, stopRuntime } from '../../runtime';
import type { Deps } from '../deps';
import { testConfig } from '../../../tests/support/context';
import { openTestDatabase } from '../../../tests/support/databases';

/** A TCP proxy in front of the PostgreSQL server that the test can pull the plug on. */
function startProxy(target: { host: string; port: number }) {
  const sockets = new Set<net.Socket>();
  let server: net.Server | null = null;
  let port = 0;
  const listen = () =>
    new Promise<number>((resolve) => {
      server = net.createServer((client) => {
        const upstream = net.connect(target.port, target.host);
        sockets.add(client).add(upstream);
        client.pipe(upstream).pipe(client);
        const drop = () => {
          client.destroy();
          upstream.destroy();
        };
        client.on('error', drop).on('close', drop);
        upstream.on('error', drop).on('close', drop);
      });
      server.listen(port, '127.0.0.1', () => {
        port = (server!.address() as net.AddressInfo).port;
        resolve(port);
      });
    });
  const cut = () =>
    new Promise<void>((resolve) => {
      for (const s of sockets) s.destroy();
      sockets.clear();
      server!.close(() => resolve());
    });
  return { listen, cut };
}

describe.skipIf(!process.env.TEST_DATABASE_URL)('database outage [postgres]', () => {
  let deps: Deps;
  let drop: () => Promise<void>;
  let proxy: ReturnType<typeof startProxy>;

  beforeAll(async () => {
    const created = await openTestDatabase('postgres');
    drop = created.drop;
    const real = new URL(created.url!);
    proxy = startProxy({ host: real.hostname, port: Number(real.port || 5432) });
    const port = await proxy.listen();
    const viaProxy = new URL(created.url!);
    viaProxy.host = `127.0.0.1:${port}`;
    const database = await openDatabase({ url: viaProxy.toString() });
    deps = await startRuntime(testConfig(), { work: false, database, mailTransport: null });
  });
  afterAll(async () => {
    await stopRuntime(deps).catch(() => {});
    await drop();
  });

  it('answers 503 with a plain page while the database is away, and recovers by itself when it returns', async () => {
    const app = createApp(deps);
    expect((await app.request('/login')).status).toBe(200);
    await proxy.cut();
    const health = await app.request('/healthz');
    expect(health.status).toBe(503);
    expect(await health.json()).toEqual({
      status: 'degraded',
      database: 'down',
      search: { engine: 'postgres', state: 'up' },
    });
    const page = await app.request('/login', { headers: { cookie: 'wz_session=' + 'x'.repeat(43) } });
    expect(page.status).toBe(503);
    const html = await page.text();
    expect(html).toContain('ただいま混み合っています');
    expect(html).not.toMatch(/at .*\.ts:\d+/);
    await proxy.listen();
    expect((await app.request('/healthz')).status).toBe(200);
    expect((await app.request('/login')).status).toBe(200);
  });
});
