import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  browserSuite,
  hasChromium,
  japaneseContext,
  logInThroughPage,
  screenshotOnFailure,
} from '../support/chromiumBrowser';
import { createMember } from '../support/factories';
import { createService } from '../support/marketplace';
import type { TestContext } from '../support/context';

async function logIn(page: Page, email: string) {
  await logInThroughPage(page, email);
  await page.getByTestId('account-menu').waitFor();
}

describe.skipIf(!hasChromium)('everyday trading in Chromium', () => {
  const suite = browserSuite();

  it('asks in a direct room, gets an offer, accepts it, tips, sends the first delivery back and approves the second', async () => {
    const ctx = { deps: suite.server.deps } as TestContext;
    const seller = await createMember(ctx, { displayName: '書道家の鈴木' });
    const buyer = await createMember(ctx, { displayName: '田中一郎' });
    const serviceId = await createService(ctx, seller, { title: '筆文字のロゴを書きます', priceYen: 5000 });
    const sellerPage = await (await japaneseContext(suite.browser, suite.server.baseUrl)).newPage();
    const buyerPage = await (await japaneseContext(suite.browser, suite.server.baseUrl)).newPage();
    let roomUrl = '';
    await screenshotOnFailure(buyerPage, 'trading-buyer-ask', async () => {
      await logIn(buyerPage, buyer.email);
      await buyerPage.goto(`/services/${serviceId}`);
      await buyerPage.getByRole('button', { name: '購入前に相談する（見積もり相談）' }).click();
      await buyerPage.getByLabel('メッセージ', { exact: true }).fill('店名ロゴを2案、12,000円ほどでお願いできますか？');
      await buyerPage.getByRole('button', { name: '送信する' }).click();
      await buyerPage.getByText('店名ロゴを2案').waitFor();
      roomUrl = new URL(buyerPage.url()).pathname;
    });
    await screenshotOnFailure(sellerPage, 'trading-seller-offer', async () => {
      await logIn(sellerPage, seller.email);
      await sellerPage.goto(roomUrl);
      await sellerPage.getByText('見積り提案', { exact: true }).first().click();
      await sellerPage.getByLabel('対象のサービス').selectOption({ label: '筆文字のロゴを書きます' });
      await sellerPage.getByLabel('作業の範囲（取引の内容として残ります）').fill('店名ロゴ2案、修正2回まで');
      await sellerPage.getByLabel('金額（円）').fill('12000');
      await sellerPage.getByLabel('納期（日）').fill('7');
      await sellerPage.getByRole('button', { name: '見積り提案を送る' }).click();
      await sellerPage.getByTestId('offer').getByText('返答待ち').waitFor();
    });
    let orderUrl = '';
    await screenshotOnFailure(buyerPage, 'trading-buyer-accept', async () => {
      await buyerPage.goto(roomUrl);
      await buyerPage.getByTestId('offer').getByText('店名ロゴ2案、修正2回まで').waitFor();
      await buyerPage.getByRole('button', { name: '承諾して支払う' }).click();
      await buyerPage.getByTestId('order-status').getByText('取引中').waitFor();
      orderUrl = new URL(buyerPage.url()).pathname;
      expect(await buyerPage.getByTestId('order-scope').textContent()).toBe('店名ロゴ2案、修正2回まで');
      await buyerPage.getByLabel('金額（円）').fill('50');
      await buyerPage.getByRole('button', { name: 'おひねりを贈る' }).click();
      await buyerPage.getByText('おひねりは100円から99,999円の間の整数で入力してください。').waitFor();
      await buyerPage.getByLabel('金額（円）').fill('1000');
      await buyerPage.getByRole('button', { name: 'おひねりを贈る' }).click();
      await buyerPage.getByText('おひねりを贈りました。ありがとうございます。').waitFor();
      expect(await buyerPage.getByTestId('tip-total').textContent()).toBe('贈ったおひねり：1,000円');
    });
    const deliver = async (note: string) => {
      await sellerPage.goto(orderUrl);
      await sellerPage.getByLabel('納品メッセージ').fill(note);
      await sellerPage.getByRole('button', { name: '納品する' }).click();
      await sellerPage.getByTestId('order-status').getByText('納品済み').waitFor();
    };
    await screenshotOnFailure(sellerPage, 'trading-seller-deliver', () => deliver('2案をお送りします。'));
    await screenshotOnFailure(buyerPage, 'trading-buyer-send-back', async () => {
      await buyerPage.goto(orderUrl);
      await buyerPage.getByLabel('差し戻す理由').fill('文字をもう少し太くしてください。');
      await buyerPage.getByRole('button', { name: '差し戻す' }).click();
      await buyerPage.getByTestId('order-status').getByText('取引中').waitFor();
      await buyerPage.getByText('購入者が納品を差し戻しました。作業中に戻ります。').waitFor();
    });
    await screenshotOnFailure(sellerPage, 'trading-seller-redeliver', async () => {
      await sellerPage.goto(orderUrl);
      await sellerPage.getByText('文字をもう少し太くしてください。').waitFor();
      await deliver('太くしました。');
    });
    await screenshotOnFailure(buyerPage, 'trading-buyer-approve', async () => {
      await buyerPage.goto(orderUrl);
      await buyerPage.getByRole('button', { name: '内容を確認して承認する' }).click();
      await buyerPage.getByTestId('order-status').getByText('完了').waitFor();
    });
    await screenshotOnFailure(sellerPage, 'trading-seller-sales', async () => {
      await sellerPage.goto('/mypage');
      // 12,000 yen and the 1,000 yen tip, each less the 10% fee.
      expect(await sellerPage.getByTestId('sales-balance').textContent()).toBe('11,700円');
    });
  }, 180_000);
});
