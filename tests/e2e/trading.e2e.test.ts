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
      await buyerPage.getByRole('button', { name: '内容を確認して承諾する' }).click();
      await buyerPage.getByRole('button', { name: '購入を確定する' }).click();
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
    const review = async (page: Page, comment: string) => {
      await page.goto(orderUrl);
      await page.locator('label[for="f-rating-5"]').click();
      await page.getByLabel('コメント').fill(comment);
      await page.getByRole('button', { name: '評価を送る' }).click();
      await page.getByText('評価しました。ありがとうございます。').waitFor();
    };
    await screenshotOnFailure(buyerPage, 'trading-buyer-review', () => review(buyerPage, '丁寧な筆文字でした。'));
    await screenshotOnFailure(sellerPage, 'trading-seller-review', async () => {
      await review(sellerPage, 'やり取りがスムーズでした。');
      await sellerPage.getByText('丁寧な筆文字でした。').waitFor();
      await sellerPage.goto('/mypage/figures');
      expect(await sellerPage.getByTestId('average-rating').textContent()).toContain('5.0');
      expect(await sellerPage.getByTestId('figures-table').locator('tbody tr').last().textContent()).toContain(
        '11,700円',
      );
    });
  }, 240_000);

  it('posts a job request, takes two proposals, chooses one; the other seller is told and the request closes', async () => {
    const ctx = { deps: suite.server.deps } as TestContext;
    const buyer = await createMember(ctx, { displayName: '山田花子' });
    const chosen = await createMember(ctx, { displayName: '選ばれる佐藤' });
    const other = await createMember(ctx, { displayName: '見送られる高橋' });
    await createService(ctx, chosen, { title: '和風ロゴを作ります', priceYen: 8000 });
    await createService(ctx, other, { title: '筆文字ロゴを書きます', priceYen: 9000 });
    const pageFor = async (email: string) => {
      const page = await (await japaneseContext(suite.browser, suite.server.baseUrl)).newPage();
      await logIn(page, email);
      return page;
    };
    const buyerPage = await pageFor(buyer.email);
    const inTwoWeeks = new Date(ctx.deps.clock.now().getTime() + (9 * 3600 + 14 * 86400) * 1000);
    let requestUrl = '';
    await screenshotOnFailure(buyerPage, 'requests-buyer-post', async () => {
      await buyerPage.goto('/requests/new');
      await buyerPage.getByLabel('依頼のタイトル').fill('和食店の店名ロゴ');
      await buyerPage.getByLabel('依頼の内容').fill('和食店「まるや」の店名ロゴを作ってください。');
      await buyerPage.getByLabel('カテゴリ').selectOption({ label: 'デザイン › ロゴ作成' });
      await buyerPage.getByLabel('予算の下限（円）').fill('20000');
      await buyerPage.getByLabel('予算の上限（円）').fill('5000');
      await buyerPage.getByLabel('提案の締め切り日').fill(inTwoWeeks.toISOString().slice(0, 10));
      await buyerPage.getByRole('button', { name: '公開依頼を出す' }).click();
      await buyerPage.getByText('上限は下限以上の金額にしてください。').waitFor();
      await buyerPage.getByLabel('予算の上限（円）').fill('30000');
      await buyerPage.getByRole('button', { name: '公開依頼を出す' }).click();
      await buyerPage.getByRole('heading', { name: '和食店の店名ロゴ' }).waitFor();
      requestUrl = new URL(buyerPage.url()).pathname;
    });
    const propose = async (email: string, service: string, body: string, price: string) => {
      const page = await pageFor(email);
      await screenshotOnFailure(page, `requests-propose-${price}`, async () => {
        await page.goto('/search?q=' + encodeURIComponent('和食店'));
        await page.getByRole('link', { name: '和食店の店名ロゴ' }).click();
        await page.getByLabel('提案に結びつけるサービス').selectOption({ label: service });
        await page.getByLabel('提案の内容').fill(body);
        await page.getByLabel('提案する金額（円）').fill(price);
        await page.getByRole('button', { name: '提案する' }).click();
        await page.getByTestId('my-proposal').getByText('検討中').waitFor();
      });
      return page;
    };
    await propose(chosen.email, '和風ロゴを作ります', '和の雰囲気で3案ご提案します。', '25000');
    const otherPage = await propose(other.email, '筆文字ロゴを書きます', '筆で2案書きます。', '28000');
    await screenshotOnFailure(buyerPage, 'requests-buyer-choose', async () => {
      await buyerPage.goto(requestUrl);
      const pick = buyerPage.getByTestId('proposal').filter({ hasText: '和の雰囲気で3案ご提案します。' });
      await pick.getByRole('button', { name: 'この提案で依頼する（支払う）' }).click();
      // 購入確認 first: the proposal's price as the total, then the charge.
      await buyerPage.getByText('25,000円').first().waitFor();
      await buyerPage.getByRole('button', { name: '購入を確定する' }).click();
      await buyerPage.getByTestId('order-status').getByText('取引中').waitFor();
      expect(await buyerPage.getByTestId('order-scope').textContent()).toContain('和の雰囲気で3案ご提案します。');
      await buyerPage.goto(requestUrl);
      await buyerPage.getByText('受付終了').first().waitFor();
      await buyerPage.getByTestId('proposal').filter({ hasText: '筆で2案書きます。' }).getByText('見送り').waitFor();
    });
    await screenshotOnFailure(otherPage, 'requests-other-told', async () => {
      await otherPage.goto(requestUrl);
      await otherPage.getByTestId('my-proposal').getByText('見送り').waitFor();
      await otherPage.goto('/notifications');
      await otherPage.getByText('和食店の店名ロゴ').first().waitFor();
      await otherPage.goto('/requests');
      expect(await otherPage.getByText('和食店の店名ロゴ').count()).toBe(0);
    });
  }, 240_000);

  it('offers 有料オプション on the edit page, and the buyer pays for the one they tick', async () => {
    const ctx = { deps: suite.server.deps } as TestContext;
    const seller = await createMember(ctx);
    const buyer = await createMember(ctx);
    const serviceId = await createService(ctx, seller, { title: 'アイコンを描きます', priceYen: 3000 });
    const sellerPage = await (await japaneseContext(suite.browser, suite.server.baseUrl)).newPage();
    await screenshotOnFailure(sellerPage, 'options-seller-add', async () => {
      await logIn(sellerPage, seller.email);
      await sellerPage.goto(`/services/${serviceId}/edit`);
      await sellerPage.getByLabel('オプション名').fill('背景を追加');
      await sellerPage.getByLabel('オプションの価格（円）').fill('1500');
      await sellerPage.getByLabel('追加の日数').fill('2');
      await sellerPage.getByRole('button', { name: 'オプションを追加する' }).click();
      await sellerPage.getByText('オプションを追加しました。').waitFor();
    });
    const buyerPage = await (await japaneseContext(suite.browser, suite.server.baseUrl)).newPage();
    await screenshotOnFailure(buyerPage, 'options-buyer-buy', async () => {
      await logIn(buyerPage, buyer.email);
      await buyerPage.goto(`/services/${serviceId}`);
      await buyerPage.getByLabel('背景を追加（+1,500円・納期＋2日）').check();
      await buyerPage.getByRole('button', { name: '購入内容を確認する' }).click();
      await buyerPage.getByText('背景を追加（+1,500円）').waitFor();
      await buyerPage.getByRole('button', { name: '購入を確定する' }).click();
      await buyerPage.getByTestId('order-status').getByText('取引中').waitFor();
      await buyerPage.getByText('有料オプション: 背景を追加').waitFor();
      await buyerPage.getByText('4,500円').first().waitFor();
    });
  }, 180_000);
});
