import { describe, expect, it } from 'vitest';
import { decidePayout } from '../../src/marketplace/money/payouts';
import { ledgerEntries, payouts } from '../../src/marketplace/schema';
import type { TestContext } from '../support/context';
import {
  browserSuite,
  hasChromium,
  japaneseContext,
  logInThroughPage,
  screenshotOnFailure,
} from '../support/chromiumBrowser';
import { createMember, DEFAULT_PASSWORD } from '../support/factories';
import { createOrder } from '../support/marketplace';

describe.skipIf(!hasChromium)('withdrawal in Chromium', () => {
  const suite = browserSuite();

  // Long walks through many pages: timeouts that hold on a loaded machine.
  it('is blocked by an open order, then leaves step by step; the counterpart sees 退会したユーザー; the address can register again', async () => {
    const ctx = { deps: suite.server.deps } as TestContext;
    const seller = await createMember(ctx, { displayName: '去る売り手' });
    const buyer = await createMember(ctx, { displayName: '残る買い手' });
    const operator = await createMember(ctx, { role: 'operator' });
    const order = await createOrder(ctx, { seller, buyer, status: 'delivered', priceYen: 4000 });
    const leaverPage = await (await japaneseContext(suite.browser, suite.server.baseUrl)).newPage();
    const buyerPage = await (await japaneseContext(suite.browser, suite.server.baseUrl)).newPage();
    await screenshotOnFailure(leaverPage, 'withdrawal-leaver', async () => {
      await logInThroughPage(leaverPage, seller.email);
      await leaverPage.goto(`/orders/${order.orderId}`);
      await leaverPage.getByLabel('メッセージ', { exact: true }).fill('最後までありがとうございました。');
      await leaverPage.getByRole('button', { name: '送信する' }).click();
      // The way in: account name → 設定 → アカウント設定 → 退会手続き.
      await leaverPage.getByTestId('account-menu').click();
      await leaverPage.getByRole('link', { name: '設定', exact: true }).click();
      await leaverPage.getByRole('link', { name: 'アカウント設定' }).first().click();
      await leaverPage.getByRole('link', { name: '退会手続きへ' }).click();
      await leaverPage.getByText('販売した取引「シンプルで覚えやすいロゴを作成します」が完了していません。').waitFor();
      expect(await leaverPage.getByRole('link', { name: '次へ進む' }).count()).toBe(0);
    });
    await screenshotOnFailure(buyerPage, 'withdrawal-buyer', async () => {
      await logInThroughPage(buyerPage, buyer.email);
      await buyerPage.goto(`/orders/${order.orderId}`);
      await buyerPage.getByRole('button', { name: '内容を確認して承認する' }).click();
      await buyerPage.locator('label[for="f-rating-4"]').click();
      await buyerPage.getByLabel('コメント').fill('丁寧でした');
      await buyerPage.getByRole('button', { name: '評価を送る' }).click();
    });
    await screenshotOnFailure(leaverPage, 'withdrawal-steps', async () => {
      await leaverPage.goto(`/orders/${order.orderId}`);
      await leaverPage.locator('label[for="f-rating-5"]').click();
      await leaverPage.getByLabel('コメント').fill('ご購入ありがとうございました');
      await leaverPage.getByRole('button', { name: '評価を送る' }).click();
      await leaverPage.goto('/settings/withdrawal');
      await leaverPage.getByText('振り込まれていない売上金が3,600円あります。').waitFor();
      await leaverPage.getByRole('link', { name: '振込申請する' }).click();
      await leaverPage.getByLabel('金融機関コード（4桁）').fill('0005');
      await leaverPage.getByLabel('支店コード（3桁）').fill('123');
      await leaverPage.getByLabel('口座番号（7桁）').fill('7654321');
      await leaverPage.getByLabel('口座名義（カタカナ）').fill('サトウ デザイン');
      await leaverPage.getByRole('button', { name: '振込先口座を保存する' }).click();
      await leaverPage.getByText('振込先口座を保存しました。').waitFor();
      await leaverPage.getByLabel('申請する金額（円）').fill('3600');
      await leaverPage.getByRole('button', { name: '申請する' }).click();
      await leaverPage.getByText('振込申請を受け付けました。').waitFor();
      const [payout] = await suite.server.deps.db.select().from(payouts);
      await decidePayout(suite.server.deps, operator.id, payout.id, 'paid');
      await leaverPage.goto('/settings/withdrawal');
      await leaverPage.getByText('退会を妨げるものはありません。').waitFor();
      await leaverPage.getByRole('link', { name: '次へ進む' }).click();
      await leaverPage.getByRole('heading', { name: 'データを保存しておきましょう' }).waitFor();
      await leaverPage.getByRole('link', { name: '次へ進む' }).click();
      await leaverPage.getByLabel('手数料が高い').check();
      await leaverPage.getByRole('button', { name: '次へ進む' }).click();
      await leaverPage.getByText('販売した取引 1件').waitFor();
      // Each kept category beside this member's own date; each other category named beside its fate.
      await leaverPage.getByText(/取引と出品（\d{4}年度分）: \d{4}年5月31日まで保存/).waitFor();
      await leaverPage.getByText(/メールアドレスとパスワード: \d{4}年\d{1,2}月\d{1,2}日に削除/).waitFor();
      await leaverPage.getByText('二段階認証とパスキー', { exact: true }).waitFor();
      await leaverPage.getByLabel('上記を理解しました').check();
      await leaverPage.getByLabel('本人確認のため、パスワードを入力してください').fill(DEFAULT_PASSWORD);
      await leaverPage.getByRole('button', { name: '退会する' }).click();
      await leaverPage.getByRole('heading', { name: '退会手続きが完了しました' }).waitFor();
      // The session has ended: the page is drawn logged out.
      expect(await leaverPage.getByTestId('account-menu').count()).toBe(0);
      await leaverPage.goto('/dev/mail');
      await leaverPage.getByRole('link', { name: '【技市】退会手続きが完了しました' }).waitFor();
    });
    await screenshotOnFailure(buyerPage, 'withdrawal-after', async () => {
      await buyerPage.goto(`/orders/${order.orderId}`);
      await buyerPage.getByText('最後までありがとうございました。').waitFor();
      expect(await buyerPage.getByText('退会したユーザー').count()).toBeGreaterThan(0);
      expect(await buyerPage.getByText('去る売り手').count()).toBe(0);
      await buyerPage.goto(`/users/${buyer.username}`);
      await buyerPage.getByText('ご購入ありがとうございました').waitFor();
      await buyerPage.getByText('退会したユーザー').first().waitFor();
      const gone = await buyerPage.goto(`/users/${seller.username}`);
      expect(gone?.status()).toBe(410);
      await buyerPage.getByText('このユーザーは退会しました').waitFor();
    });
    const returning = await (await japaneseContext(suite.browser, suite.server.baseUrl)).newPage();
    await screenshotOnFailure(returning, 'withdrawal-return', async () => {
      await logInThroughPage(returning, seller.email);
      await returning.getByText('このアカウントは退会済みです').waitFor();
      await returning.goto('/signup');
      await returning.getByLabel('メールアドレス').fill(seller.email);
      await returning.getByLabel('ユーザー名').fill('came_back_again');
      await returning.getByLabel('表示名').fill('戻った人');
      await returning.getByLabel('パスワード', { exact: true }).fill('haru no kaze ga fuku oka');
      await returning.getByLabel('18歳以上です').check();
      await returning.getByLabel('利用規約とプライバシーポリシーに同意します').check();
      await returning.getByRole('button', { name: '登録する' }).click();
      await returning.getByRole('heading', { name: '確認メールを送信しました' }).waitFor();
      await logInThroughPage(returning, seller.email, 'haru no kaze ga fuku oka');
      await returning.goto('/mypage');
      expect(await returning.getByTestId('sales-balance').textContent()).toBe('0円');
      expect(await returning.getByTestId('sales').getByText('まだありません。').count()).toBe(1);
    });
  }, 180_000);

  it('lets a seller with ¥450 (one ¥500 sale, under the payout minimum) leave, paid in full with no fee', async () => {
    const ctx = { deps: suite.server.deps } as TestContext;
    const seller = await createMember(ctx, { displayName: '小さな売り手' });
    await createOrder(ctx, { seller, status: 'completed', priceYen: 500 });
    const page = await (await japaneseContext(suite.browser, suite.server.baseUrl)).newPage();
    await screenshotOnFailure(page, 'withdrawal-450', async () => {
      await logInThroughPage(page, seller.email);
      await page.goto('/settings/withdrawal');
      await page.getByText(/振り込まれていない売上金が450円あります。振込先口座を登録すると/).waitFor();
      await page.getByRole('link', { name: '振込申請する' }).click();
      await page.getByLabel('金融機関コード（4桁）').fill('0005');
      await page.getByLabel('支店コード（3桁）').fill('123');
      await page.getByLabel('口座番号（7桁）').fill('1234567');
      await page.getByLabel('口座名義（カタカナ）').fill('コガタ ウリテ');
      await page.getByRole('button', { name: '振込先口座を保存する' }).click();
      await page.getByText('振込先口座を保存しました。').waitFor();
      await page.goto('/settings/withdrawal');
      await page.getByText('退会を妨げるものはありません。').waitFor();
      await page.getByText(/売上金450円は、退会と同時に全額を振込申請し、振込手数料なし・最低額なしで/).waitFor();
      await page.getByRole('link', { name: '次へ進む' }).click();
      await page.getByRole('heading', { name: 'データを保存しておきましょう' }).waitFor();
      await page.getByRole('link', { name: '次へ進む' }).click();
      await page.getByRole('button', { name: '次へ進む' }).click();
      await page.getByText(/お金の記録（\d{4}年度分）: \d{4}年5月31日まで保存/).waitFor();
      await page.getByLabel('上記を理解しました').check();
      await page.getByLabel('本人確認のため、パスワードを入力してください').fill(DEFAULT_PASSWORD);
      await page.getByRole('button', { name: '退会する' }).click();
      await page.getByRole('heading', { name: '退会手続きが完了しました' }).waitFor();
      expect(await page.getByTestId('account-menu').count()).toBe(0);
    });
    // The ledger: the sale's ¥450 and a fee-free payout request of the same, leaving nothing.
    const mine = (await suite.server.deps.db.select().from(payouts)).filter((p) => p.memberId === seller.id);
    expect(mine.map((p) => [p.amountYen, p.feeYen, p.status])).toEqual([[450, 0, 'requested']]);
    const lines = (await suite.server.deps.db.select().from(ledgerEntries)).filter((l) => l.memberId === seller.id);
    expect(lines.filter((l) => l.account === 'sales').reduce((t, l) => t + l.amountYen, 0)).toBe(0);
    expect(lines.find((l) => l.kind === 'payout_request')?.amountYen).toBe(-450);
  }, 180_000);
});
