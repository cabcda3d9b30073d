import { gzipSync } from 'node:zlib';
import { expect, it } from 'vitest';
import { TestClient } from '../../../tests/support/client';
import { createOrder } from '../../../tests/support/marketplace';
import { describeOnDatabases } from '../../../tests/support/suites';

// Issue 20's budget: what a phone downloads for a page's script and style, gzip-compressed.
const JS_BUDGET = 20 * 1024;
const CSS_BUDGET = 30 * 1024;

/** Compressed bytes of the scripts and stylesheets a page links, each file counted once. */
async function weigh(client: TestClient, path: string) {
  const page = await client.get(path);
  expect(page.status).toBe(200);
  const scripts = [...page.text.matchAll(/<script[^>]* src="([^"]+)"/g)].map((m) => m[1]);
  const styles = [
    ...page.text.matchAll(
      /<link[^>]* rel="stylesheet"[^>]* href="([^"]+)"|<link[^>]* href="([^"]+)"[^>]* rel="stylesheet"/g,
    ),
  ].map((m) => m[1] ?? m[2]);
  const size = async (urls: string[]) => {
    let total = 0;
    for (const url of new Set(urls)) total += gzipSync((await client.get(url)).text).length;
    return total;
  };
  return { path, scripts, js: await size(scripts), css: await size(styles) };
}

describeOnDatabases('page weight', (ctx) => {
  it('keeps the home, service, search and order pages within 20 KB of JS and 30 KB of CSS (gzip)', async () => {
    const { orderId, serviceId, buyer } = await createOrder(ctx());
    const client = new TestClient(ctx());
    await client.post('/login', { email: buyer.email, password: buyer.password });
    const rows = [];
    for (const path of ['/', `/services/${serviceId}`, '/search?q=ロゴ', `/orders/${orderId}`])
      rows.push(await weigh(client, path));
    console.table(
      rows.map((r) => ({ page: r.path.replace(/[0-9a-f-]{36}|\d+$/, ':id'), jsBytes: r.js, cssBytes: r.css })),
    );
    for (const r of rows) {
      expect(r.scripts.length, r.path).toBeGreaterThan(0); // the shared script is counted, not missed
      expect(r.js, r.path).toBeLessThanOrEqual(JS_BUDGET);
      expect(r.css, r.path).toBeLessThanOrEqual(CSS_BUDGET);
    }
  });
});
