import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { DAY } from '../../src/platform/clock';
import { eq } from 'drizzle-orm';
import { grantPoints } from '../../src/marketplace/money/ledger';
import { orders } from '../../src/marketplace/schema';
import {
  browserSuite,
  hasChromium,
  japaneseContext,
  logInThroughPage,
  screenshotOnFailure,
} from '../support/chromiumBrowser';
import { createMember } from '../support/factories';
import type { TestContext } from '../support/context';

async function logIn(page: Page, email: string) {
  await logInThroughPage(page, email);
  await page.getByTestId('account-menu').waitFor();
}

describe.skipIf(!hasChromium)('a whole purchase in Chromium', () => {
  const suite = browserSuite();

  it('lists, finds by a Japanese word, buys with points, talks, delivers, approves and reviews both ways', async () => {
    const ctx = { deps: suite.server.deps } as TestContext;
    const seller = await createMember(ctx, { displayName: '書道家の佐藤' });
    const buyer = await createMember(ctx, { displayName: '山田花子' });
    const ordersOfBuyer = () => suite.server.deps.db.select().from(orders).where(eq(orders.buyerId, buyer.id));
    const now = new Date();
    await suite.server.deps.db.transaction((tx) =>
      grantPoints(
        tx,
        { memberId: buyer.id, amount: 1000, expiresAt: new Date(now.getTime() + 30 * DAY), note: 'e2e' },
        now,
      ),
    );
    const sellerPage = await (await japaneseContext(suite.browser, suite.server.baseUrl)).newPage();
    const buyerPage = await (await japaneseContext(suite.browser, suite.server.baseUrl)).newPage();
    await screenshotOnFailure(sellerPage, 'purchase-seller', async () => {
      await logIn(sellerPage, seller.email);
      await sellerPage.goto('/services/new');
      await sellerPage.getByLabel('タイトル').fill('心をこめて筆文字の表札を書きます');
      await sellerPage.getByLabel('カテゴリ').selectOption({ label: 'イラスト' });
      await sellerPage.getByLabel('サービス内容').fill('木の表札に筆で名前を書きます。');
      await sellerPage.getByLabel('価格（円）').fill('6000');
      await sellerPage.getByLabel('お届け日数（日）').fill('5');
      await sellerPage.getByRole('button', { name: '公開する' }).click();
      await sellerPage.getByText('保存しました。').waitFor();
    });
    let orderUrl = '';
    await screenshotOnFailure(buyerPage, 'purchase-buyer', async () => {
      await logIn(buyerPage, buyer.email);
      await buyerPage.getByRole('searchbox', { name: 'サービスを探す' }).fill('筆文字');
      await buyerPage.keyboard.press('Enter');
      await buyerPage.getByRole('link', { name: '心をこめて筆文字の表札を書きます' }).click();
      await buyerPage.getByText('テストモード').waitFor();
      await buyerPage.getByLabel('使うポイント').fill('1000');
      await buyerPage.getByRole('button', { name: '購入内容を確認する' }).click();
      // 購入確認: the total after points, and no order (no charge) until 購入を確定する.
      await buyerPage.getByRole('heading', { name: '購入内容の確認' }).waitFor();
      expect(await buyerPage.getByTestId('confirm-total').textContent()).toBe('5,000円');
      await buyerPage.getByText('うち消費税（10%）545円').waitFor();
      expect(await ordersOfBuyer()).toHaveLength(0);
      await buyerPage.getByRole('button', { name: '購入を確定する' }).click();
      await buyerPage.getByTestId('order-status').getByText('取引中').waitFor();
      expect(await ordersOfBuyer()).toHaveLength(1);
      orderUrl = new URL(buyerPage.url()).pathname;
      await buyerPage.getByLabel('メッセージ', { exact: true }).fill('「山田」でお願いします。');
      await buyerPage.getByRole('button', { name: '送信する' }).click();
      await buyerPage.getByText('「山田」でお願いします。').waitFor();
    });
    await screenshotOnFailure(sellerPage, 'purchase-seller-2', async () => {
      await sellerPage.goto('/messages');
      await sellerPage.getByText('未読 1').waitFor();
      await sellerPage.goto(orderUrl);
      await sellerPage.getByText('「山田」でお願いします。').waitFor();
      await sellerPage.getByLabel('納品メッセージ').fill('書き上げました。写真をお送りします。');
      await sellerPage.getByRole('button', { name: '納品する' }).click();
      await sellerPage.getByTestId('order-status').getByText('納品済み').waitFor();
    });
    await screenshotOnFailure(buyerPage, 'purchase-buyer-2', async () => {
      await buyerPage.goto(orderUrl);
      await buyerPage.getByText('書き上げました。写真をお送りします。').waitFor();
      await buyerPage.getByRole('button', { name: '内容を確認して承認する' }).click();
      await buyerPage.getByTestId('order-status').getByText('完了').waitFor();
      // The stars are radio buttons: five is chosen until another star is pressed.
      expect(await buyerPage.getByRole('radio', { name: '5つ星' }).isChecked()).toBe(true);
      await buyerPage.getByLabel('コメント').fill('美しい字で大満足です。');
      await buyerPage.getByRole('button', { name: '評価を送る' }).click();
      await buyerPage.getByText('評価しました。ありがとうございます。').waitFor();
      await buyerPage.goto('/mypage');
      expect(await buyerPage.getByTestId('points-balance').textContent()).toBe('0ポイント');
    });
    await screenshotOnFailure(sellerPage, 'purchase-seller-3', async () => {
      await sellerPage.goto(orderUrl);
      await sellerPage.locator('label[for="f-rating-4"]').click();
      expect(await sellerPage.getByRole('radio', { name: '4つ星' }).isChecked()).toBe(true);
      await sellerPage.getByLabel('コメント').fill('丁寧なご連絡ありがとうございました。');
      await sellerPage.getByRole('button', { name: '評価を送る' }).click();
      await sellerPage.getByText('お相手からの評価').waitFor();
      await sellerPage.goto('/mypage');
      expect(await sellerPage.getByTestId('sales-balance').textContent()).toBe('5,400円');
      await sellerPage.goto(`/users/${seller.username}`);
      await sellerPage.getByText('美しい字で大満足です。').waitFor();
    });
    // A whole walk across two browsers (now with the 購入確認 screen): room for a machine three times slower.
  }, 180_000);
});
