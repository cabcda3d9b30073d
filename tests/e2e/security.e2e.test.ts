import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import type { TestContext } from '../support/context';
import {
  browserSuite,
  hasChromium,
  japaneseContext,
  logInThroughPage,
  screenshotOnFailure,
} from '../support/chromiumBrowser';
import { createMember } from '../support/factories';

/** oathtool's code for a moment `offsetSeconds` from now: the server accepts one step of drift. */
function oathtool(secret: string, offsetSeconds = 0): string {
  const when = new Date(Date.now() + offsetSeconds * 1000)
    .toISOString()
    .replace('T', ' ')
    .replace(/\.\d+Z$/, ' UTC');
  return execFileSync('oathtool', ['--totp', '--base32', '-N', when, secret]).toString().trim();
}

describe.skipIf(!hasChromium)('security settings in Chromium', () => {
  const suite = browserSuite();

  it('turns on an authenticator app, logs in with oathtool’s code, uses a recovery code once, and ends another session', async () => {
    const member = await createMember({ deps: suite.server.deps } as TestContext, { displayName: '安全な花子' });
    const home = await (await japaneseContext(suite.browser, suite.server.baseUrl)).newPage();
    const other = await (await japaneseContext(suite.browser, suite.server.baseUrl)).newPage();
    let secret = '';
    let recovery: string[] = [];
    await screenshotOnFailure(home, 'security-setup', async () => {
      await logInThroughPage(home, member.email);
      await home.getByTestId('account-menu').click();
      await home.getByRole('link', { name: '設定', exact: true }).click();
      await home.getByRole('link', { name: 'セキュリティ' }).click();
      await home.getByText('二段階認証とは？').first().click();
      await home.getByText('パスワードに加えて').first().waitFor();
      await home.getByRole('link', { name: '認証アプリで二段階認証を設定する' }).click();
      secret = (await home.getByTestId('totp-secret').textContent())!.replace(/\s/g, '');
      await home.getByLabel('確認コード（6桁）').fill(oathtool(secret));
      await home.getByRole('button', { name: '設定を完了する' }).click();
      recovery = (await home.getByTestId('recovery-codes').locator('li').allTextContents()).map((s) => s.trim());
      expect(recovery).toHaveLength(10);
      await home.getByRole('link', { name: '保存しました' }).click();
      await home.getByText('有効', { exact: true }).waitFor();
    });
    await screenshotOnFailure(other, 'security-login', async () => {
      await logInThroughPage(other, member.email);
      await other.getByRole('heading', { name: '二段階認証' }).waitFor();
      // The setup used this step's code; the next step's code is accepted as one step of drift.
      await other.getByLabel('確認コード（6桁）または回復コード').fill(oathtool(secret, 30));
      await other.getByRole('button', { name: 'ログインする' }).click();
      expect(await other.getByTestId('account-menu').textContent()).toBe('安全な花子');
    });
    const third = await (await japaneseContext(suite.browser, suite.server.baseUrl)).newPage();
    await screenshotOnFailure(third, 'security-recovery', async () => {
      await logInThroughPage(third, member.email);
      await third.getByLabel('確認コード（6桁）または回復コード').fill(recovery[0]);
      await third.getByRole('button', { name: 'ログインする' }).click();
      await third.getByTestId('account-menu').waitFor();
      const fourth = await (await japaneseContext(suite.browser, suite.server.baseUrl)).newPage();
      await logInThroughPage(fourth, member.email);
      await fourth.getByLabel('確認コード（6桁）または回復コード').fill(recovery[0]);
      await fourth.getByRole('button', { name: 'ログインする' }).click();
      await fourth
        .getByText('この回復コードは使えません。回復コードは1つにつき1回だけ使えます。', { exact: false })
        .waitFor();
    });
    await screenshotOnFailure(home, 'security-end-session', async () => {
      await home.goto('/settings/security');
      await home.getByRole('button', { name: 'この端末以外をすべてログアウトさせる' }).click();
      await home.getByText('ログアウトさせました').waitFor();
      await other.goto('/mypage');
      await other.getByRole('heading', { name: 'ログイン' }).waitFor();
      await home.goto('/mypage');
      await home.getByRole('heading', { name: 'マイページ' }).waitFor();
    });
  });

  it('adds SMS beside the app and logs in with the code read from the SMS outbox', async () => {
    const member = await createMember({ deps: suite.server.deps } as TestContext, { displayName: 'SMSの次郎' });
    const page = await (await japaneseContext(suite.browser, suite.server.baseUrl)).newPage();
    const readSms = async () => {
      const outbox = await page.context().newPage();
      await outbox.goto('/dev/sms');
      const body = (await outbox.locator('.sms-body').first().textContent())!;
      await outbox.close();
      return body.match(/(\d{6})/)![1];
    };
    await screenshotOnFailure(page, 'security-sms', async () => {
      await logInThroughPage(page, member.email);
      await page.goto('/settings/security/totp');
      const secret = (await page.getByTestId('totp-secret').textContent())!.replace(/\s/g, '');
      await page.getByLabel('確認コード（6桁）').fill(oathtool(secret));
      await page.getByRole('button', { name: '設定を完了する' }).click();
      await page.goto('/settings/security');
      await page.getByText('予備としてだけ使えます').waitFor();
      await page.locator('#sms').getByRole('link', { name: '確認コードを送る' }).click();
      await page.getByLabel('電話番号').fill('090-5555-6666');
      await page.getByRole('button', { name: '確認コードを送る' }).click();
      await page.getByLabel('SMSの確認コード（6桁）').fill(await readSms());
      await page.getByRole('button', { name: '電話番号を確認する' }).click();
      await page.getByText('確認済みの電話番号：+819055556666').waitFor();
      await page.getByTestId('account-menu').click();
      await page.getByRole('button', { name: 'ログアウト' }).click();
      await logInThroughPage(page, member.email);
      await page.getByRole('button', { name: 'SMSで確認コードを受け取る' }).click();
      await page.getByText('登録の電話番号に確認コードを送りました').waitFor();
      await page.getByLabel('確認コード（6桁）または回復コード').fill(await readSms());
      await page.getByRole('button', { name: 'ログインする' }).click();
      expect(await page.getByTestId('account-menu').textContent()).toBe('SMSの次郎');
    });
  });
});
