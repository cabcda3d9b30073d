import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { TestContext } from '../support/context';
import {
  browserSuite,
  hasChromium,
  japaneseContext,
  logInThroughPage,
  screenshotOnFailure,
} from '../support/chromiumBrowser';
import { createOrder } from '../support/marketplace';
import { postMessage } from '../../src/messages/messaging';
import { orderRoomId } from '../../src/messages/rooms';
import { asCurrent } from '../support/marketplace';

describe.skipIf(!hasChromium)('data export in Chromium', () => {
  const suite = browserSuite({ work: true });

  it('asks for the export, watches the progress bar finish, downloads the ZIP and opens the messages page', async () => {
    const ctx = { deps: suite.server.deps } as TestContext;
    const order = await createOrder(ctx, { status: 'completed' });
    const room = await orderRoomId(suite.server.deps.db, order.orderId);
    for (let i = 0; i < 300; i++)
      await postMessage(suite.server.deps, asCurrent(order.buyer), room, { body: `保存したいメッセージ ${i}` });
    const context = await japaneseContext(suite.browser, suite.server.baseUrl);
    const page = await context.newPage();
    await screenshotOnFailure(page, 'export', async () => {
      await logInThroughPage(page, order.buyer.email);
      await page.getByTestId('account-menu').waitFor();
      await page.goto('/settings');
      await page.getByRole('link', { name: 'データのダウンロード' }).click();
      await page.getByRole('button', { name: 'データをまとめる' }).click();
      // The page refreshes itself while the job runs; the bar gives way to the link at 100%.
      const link = page.getByRole('link', { name: /ダウンロードする/ });
      await link.waitFor({ timeout: 30_000 });
      const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
      const dir = mkdtempSync(join(tmpdir(), 'wz-e2e-export-'));
      const zip = join(dir, 'data.zip');
      await download.saveAs(zip);
      expect(execFileSync('unzip', ['-t', zip]).toString()).toContain('No errors detected');
      execFileSync('unzip', ['-q', zip, '-d', join(dir, 'x')]);
      const html = readdirSync(join(dir, 'x', 'messages')).find((f) => f.endsWith('.html'))!;
      const viewer = await context.newPage();
      await viewer.goto(`file://${join(dir, 'x', 'messages', html)}`);
      await viewer.getByText('保存したいメッセージ 299').waitFor();
      expect(await viewer.getByRole('heading', { name: '取引メッセージ' }).count()).toBe(1);
    });
    await context.close();
  });
});
