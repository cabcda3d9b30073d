import { execFileSync } from 'node:child_process';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestContext } from '../support/context';
import { hasChromium, japaneseContext, launchChromium, screenshotOnFailure } from '../support/chromiumBrowser';
import { createMember, DEFAULT_PASSWORD } from '../support/factories';
import { startTestServer } from '../support/httpServer';

/** oathtool's code for a moment `offsetSeconds` from now: the server accepts one step of drift. */
function oathtool(secret: string, offsetSeconds = 0): string {
  const when = new Date(Date.now() + offsetSeconds * 1000).toISOString().replace('T', ' ').replace(/\.\d+Z$/, ' UTC');
  return execFileSync('oathtool', ['--totp', '--base32', '-N', when, secret]).toString().trim();
}

async function passwordStep(page: Page, email: string) {
  await page.goto('/login');
  await page.getByLabel('メールアドレス').fill(email);
  await page.getByLabel('パスワード').fill(DEFAULT_PASSWORD);
  await page.getByRole('button', { name: 'ログインする' }).click();
}

describe.skipIf(!hasChromium)('security settings in Chromium', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let browser: Browser;
  beforeAll(async () => {
    server = await startTestServer();
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('turns on an authenticator app, logs in with oathtool’s code, uses a recovery code once, and ends another session', async () => {
    const member = await createMember({ deps: server.deps } as TestContext, { displayName: '安全な花子' });
    const home = await (await japaneseContext(browser, server.baseUrl)).newPage();
    const other = await (await japaneseContext(browser, server.baseUrl)).newPage();
    let secret = '';
    let recovery: string[] = [];
    await screenshotOnFailure(home, 'security-setup', async () => {
      await passwordStep(home, member.email);
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
      await passwordStep(other, member.email);
      await other.getByRole('heading', { name: '二段階認証' }).waitFor();
      // The setup used this step's code; the next step's code is accepted as one step of drift.
      await other.getByLabel('確認コード（6桁）または回復コード').fill(oathtool(secret, 30));
      await other.getByRole('button', { name: 'ログインする' }).click();
      expect(await other.getByTestId('account-menu').textContent()).toBe('安全な花子');
    });
    const third = await (await japaneseContext(browser, server.baseUrl)).newPage();
    await screenshotOnFailure(third, 'security-recovery', async () => {
      await passwordStep(third, member.email);
      await third.getByLabel('確認コード（6桁）または回復コード').fill(recovery[0]);
      await third.getByRole('button', { name: 'ログインする' }).click();
      await third.getByTestId('account-menu').waitFor();
      const fourth = await (await japaneseContext(browser, server.baseUrl)).newPage();
      await passwordStep(fourth, member.email);
      await fourth.getByLabel('確認コード（6桁）または回復コード').fill(recovery[0]);
      await fourth.getByRole('button', { name: 'ログインする' }).click();
      await fourth.getByText('確認コードが正しくありません').waitFor();
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
});
