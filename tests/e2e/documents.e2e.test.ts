import { describe, expect, it } from 'vitest';
import {
  browserSuite,
  hasChromium,
  japaneseContext,
  logInThroughPage,
  screenshotOnFailure,
} from '../support/chromiumBrowser';
import type { TestContext } from '../support/context';
import { createOrder } from '../support/marketplace';

describe.skipIf(!hasChromium)('the receipt of a completed order in Chromium', () => {
  const suite = browserSuite();

  it('offers the buyer a 領収書 PDF on the completed order page, downloaded as application/pdf', async () => {
    const ctx = { deps: suite.server.deps } as TestContext;
    const order = await createOrder(ctx, { status: 'completed' });
    const page = await (await japaneseContext(suite.browser, suite.server.baseUrl)).newPage();
    await screenshotOnFailure(page, 'documents-receipt', async () => {
      await logInThroughPage(page, order.buyer.email);
      await page.getByTestId('account-menu').waitFor();
      await page.goto(`/orders/${order.orderId}`);
      const link = page.getByRole('link', { name: '領収書（PDF）' });
      const href = await link.getAttribute('href');
      expect(href).toBe(`/mypage/documents/receipt/${order.orderId}.pdf`);
      const [download] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), link.click()]);
      expect(download.suggestedFilename()).toMatch(/^R\d{4}-\d{6}\.pdf$/);
      // The same address answered with the session's cookies: a PDF, private to the buyer.
      const again = await page.request.get(href!);
      expect(again.status()).toBe(200);
      expect(again.headers()['content-type']).toBe('application/pdf');
      expect((await again.body()).subarray(0, 5).toString()).toBe('%PDF-');
    });
  }, 120_000);
});
