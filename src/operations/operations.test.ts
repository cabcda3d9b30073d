import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../app';
import { loadConfig } from '../platform/config';
import { createTestContext, type TestContext } from '../../tests/support/context';
import { enabledDatabases } from '../../tests/support/databases';
import { createMember } from '../../tests/support/factories';
import { startTestServer } from '../../tests/support/httpServer';

/** The value of one series in a Prometheus text answer (0 when the series is absent). */
function series(text: string, name: string, labels: Record<string, string>): number {
  const wanted = Object.entries(labels).map(([k, v]) => `${k}="${v}"`);
  for (const line of text.split('\n')) {
    if (!line.startsWith(`${name}{`)) continue;
    const inside = line.slice(name.length + 1, line.indexOf('}'));
    const parts = inside.split(',');
    if (wanted.every((w) => parts.includes(w))) return Number(line.slice(line.lastIndexOf(' ') + 1));
  }
  return 0;
}

for (const kind of enabledDatabases()) {
  describe(`/metrics over HTTP [${kind}]`, () => {
    let server: Awaited<ReturnType<typeof startTestServer>>;
    beforeAll(async () => {
      server = await startTestServer({ kind });
    });
    afterAll(async () => {
      await server?.close();
    });

    it('counts requests by route pattern and status, and moves with each request', async () => {
      const scrape = async () => {
        const res = await fetch(`${server.baseUrl}/metrics`);
        expect(res.status).toBe(200);
        expect(res.headers.get('content-type')).toContain('text/plain');
        return res.text();
      };
      const labels = { route: '/services/:id', method: 'GET', status: '404' };
      const before = series(await scrape(), 'http_requests_total', labels);
      for (const id of ['00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000002'])
        expect((await fetch(`${server.baseUrl}/services/${id}`)).status).toBe(404);
      const after = await scrape();
      expect(series(after, 'http_requests_total', labels)).toBe(before + 2);
      // The address itself never becomes a label: the number of series stays bounded.
      expect(after).not.toContain('00000000-0000-4000-8000-000000000001');
      expect(series(after, 'http_request_duration_seconds_count', labels)).toBe(before + 2);
      expect(series(after, 'http_requests_total', { route: 'unmatched', status: '404' })).toBe(0);
      await fetch(`${server.baseUrl}/no/such/page`);
      expect(series(await scrape(), 'http_requests_total', { route: 'unmatched', status: '404' })).toBe(1);
    });

    it('shows the outbox, the job queues and the search engine from the database', async () => {
      const before = await (await fetch(`${server.baseUrl}/metrics`)).text();
      const pending = series(before, 'wazaichi_outbox_mails', { status: 'pending' });
      const queued = series(before, 'wazaichi_jobs', { queue: 'mail.deliver', state: 'created' });
      // An unverified sign-up leaves its verification mail in the outbox and its delivery job in the queue.
      await createMember({ deps: server.deps } as TestContext, { verified: false });
      const after = await (await fetch(`${server.baseUrl}/metrics`)).text();
      expect(series(after, 'wazaichi_outbox_mails', { status: 'pending' })).toBe(pending + 1);
      expect(series(after, 'wazaichi_outbox_mails', { status: 'failed' })).toBe(0);
      expect(series(after, 'wazaichi_jobs', { queue: 'mail.deliver', state: 'created' })).toBe(queued + 1);
      expect(series(after, 'wazaichi_search_engine', { engine: 'postgres', state: 'up' })).toBe(1);
      expect(after).toContain('wazaichi_purge_last_run_timestamp_seconds 0');
    });

    it('answers 404 to an address outside METRICS_ALLOW, judged by the client-IP rule behind a trusted proxy', async () => {
      const proxied = await startTestServer({ kind, env: { TRUST_PROXY: '1', METRICS_ALLOW: '10.0.0.0/8, ::1' } });
      try {
        // The socket is loopback (the proxy); the visitor is the address the proxy appended.
        const outside = await fetch(`${proxied.baseUrl}/metrics`, { headers: { 'x-forwarded-for': '203.0.113.9' } });
        expect(outside.status).toBe(404);
        expect(await outside.text()).not.toContain('http_requests_total');
        const spoofed = await fetch(`${proxied.baseUrl}/metrics`, {
          headers: { 'x-forwarded-for': '10.1.2.3, 203.0.113.9' },
        });
        expect(spoofed.status).toBe(404);
        const inside = await fetch(`${proxied.baseUrl}/metrics`, { headers: { 'x-forwarded-for': '10.1.2.3' } });
        expect(inside.status).toBe(200);
        expect(await inside.text()).toContain('http_requests_total');
      } finally {
        await proxied.close();
      }
    });
  });

  describe(`/readyz [${kind}]`, () => {
    let ctx: TestContext;
    beforeAll(async () => {
      ctx = await createTestContext(kind, { fileStore: 's3' });
    });
    afterAll(async () => {
      await ctx?.close();
    });

    it('is ready with the database, every migration and the bucket; not while stopping; not with a migration missing', async () => {
      const ready = await ctx.app.request('/readyz');
      expect(ready.status).toBe(200);
      expect(await ready.json()).toEqual({ status: 'ready', database: 'up', migrations: 'up', files: 'up' });

      const stopping = await createApp(ctx.deps, { isStopping: () => true }).request('/readyz');
      expect(stopping.status).toBe(503);
      expect(await stopping.json()).toMatchObject({ process: 'stopping' });
      // Liveness does not change while stopping: the process is alive until it exits.
      expect((await createApp(ctx.deps, { isStopping: () => true }).request('/healthz')).status).toBe(200);

      const [last]: any = (
        (await ctx.deps.db.execute(
          sql`select id, hash, created_at from drizzle.__drizzle_migrations order by id desc limit 1`,
        )) as any
      ).rows;
      await ctx.deps.db.execute(sql`delete from drizzle.__drizzle_migrations where id = ${last.id}`);
      try {
        const pending = await ctx.app.request('/readyz');
        expect(pending.status).toBe(503);
        expect(await pending.json()).toMatchObject({ migrations: 'pending' });
      } finally {
        await ctx.deps.db.execute(
          sql`insert into drizzle.__drizzle_migrations (id, hash, created_at) values (${last.id}, ${last.hash}, ${last.created_at})`,
        );
      }
      expect((await ctx.app.request('/readyz')).status).toBe(200);
    });

    it('answers 503 when the bucket does not answer', async () => {
      const deps = { ...ctx.deps, files: { ...ctx.deps.files, check: () => Promise.reject(new Error('refused')) } };
      const res = await createApp(deps).request('/readyz');
      expect(res.status).toBe(503);
      expect(await res.json()).toMatchObject({ database: 'up', files: 'down' });
    });
  });
}

describe('METRICS_ALLOW and SHUTDOWN_GRACE_S', () => {
  const base = { NODE_ENV: 'test', SECRET_KEY: 'x'.repeat(40) };
  it('defaults to loopback and 20 seconds, takes ranges, and refuses what is not an address', () => {
    expect(loadConfig(base).metricsAllow).toEqual(['127.0.0.1', '::1']);
    expect(loadConfig(base).shutdownGraceSeconds).toBe(20);
    expect(loadConfig({ ...base, METRICS_ALLOW: '10.0.0.0/8, 2001:db8::/32' }).metricsAllow).toEqual([
      '10.0.0.0/8',
      '2001:db8::/32',
    ]);
    expect(() => loadConfig({ ...base, METRICS_ALLOW: '10.0.0.0/33' })).toThrow(/METRICS_ALLOW: not an address/);
    expect(() => loadConfig({ ...base, METRICS_ALLOW: 'localhost' })).toThrow(/localhost/);
    expect(() => loadConfig({ ...base, SHUTDOWN_GRACE_S: '-1' })).toThrow(/SHUTDOWN_GRACE_S/);
  });
});
