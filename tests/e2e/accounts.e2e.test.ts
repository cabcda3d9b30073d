import { eq } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { members } from '../../src/accounts/schema';
import { browserSuite, hasChromium, japaneseContext, screenshotOnFailure } from '../support/chromiumBrowser';
import { PASSWORD_RESET_JOB } from '../../src/accounts/passwordReset';

/** Opens the newest mail in the development mailbox and follows the link in it that goes to `path`. */
async function followMailLink(page: Page, path: string) {
  await page.goto('/dev/mail');
  await page.locator('tbody tr').first().getByRole('link').click();
  await page.locator('.mail-text a', { hasText: path }).first().click();
}

describe.skipIf(!hasChromium)('accounts in Chromium', () => {
  const suite = browserSuite();

  it('signs up, confirms the email from the mailbox, logs out and in, and resets the password', async () => {
    const context = await japaneseContext(suite.browser, suite.server.baseUrl);
    const page = await context.newPage();
    await screenshotOnFailure(page, 'accounts-e2e', async () => {
      const email = 'hanako.e2e@example.test';
      const password = 'yuki no hi ni neko to hirune';
      await page.goto('/');
      await page.getByRole('link', { name: '会員登録' }).click();
      // Without agreeing to the terms or saying one's age: refused beside those fields, nothing written.
      await page.getByLabel('メールアドレス').fill(email);
      await page.getByLabel('ユーザー名').fill('hanako_e2e');
      await page.getByLabel('表示名').fill('花子');
      await page.getByLabel('パスワード', { exact: true }).fill('short');
      await page.getByRole('button', { name: '登録する' }).click();
      await page.getByText('登録するには、利用規約とプライバシーポリシーへの同意が必要です。').waitFor();
      await page.getByText('18歳以上か、18歳未満で法定代理人の同意があるかを選んでください。').waitFor();
      expect(await suite.server.deps.db.select().from(members).where(eq(members.email, email))).toHaveLength(0);
      // Then a short password: the message appears beside the field, and the email and the ticks stay.
      await page.getByLabel('18歳以上です').check();
      await page.getByLabel('利用規約とプライバシーポリシーに同意します').check();
      await page.getByLabel('パスワード', { exact: true }).fill('short');
      await page.getByRole('button', { name: '登録する' }).click();
      await page.getByText('パスワードは15文字以上にしてください。').waitFor();
      expect(await page.getByLabel('メールアドレス').inputValue()).toBe(email);
      expect(await page.getByLabel('利用規約とプライバシーポリシーに同意します').isChecked()).toBe(true);
      await page.getByLabel('パスワード', { exact: true }).fill(password);
      await page.locator('.strength meter').waitFor();
      await page.getByRole('button', { name: '登録する' }).click();
      await page.getByRole('heading', { name: '確認メールを送信しました' }).waitFor();

      await followMailLink(page, '/verify-email');
      await page.getByRole('heading', { name: 'メールアドレスを確認しました' }).waitFor();

      await page.getByRole('link', { name: 'ログイン' }).first().click();
      await page.getByLabel('メールアドレス').fill(email);
      await page.getByLabel('パスワード').fill(password);
      await page.getByRole('button', { name: 'ログインする' }).click();
      await page.getByTestId('account-menu').click();
      await page.getByRole('link', { name: '設定', exact: true }).click();
      await page.getByRole('link', { name: 'アカウント設定' }).first().click();
      await page.getByText(email).waitFor();
      await page.getByText('確認済み').waitFor();

      await page.getByTestId('account-menu').click();
      await page.getByRole('button', { name: 'ログアウト' }).click();
      await page.getByText('ログアウトしました。').waitFor();
      await page.getByLabel('メールアドレス').fill(email);
      await page.getByLabel('パスワード').fill(password);
      await page.getByRole('button', { name: 'ログインする' }).click();
      expect(await page.getByTestId('account-menu').textContent()).toBe('花子');
      await page.getByTestId('account-menu').click();
      await page.getByRole('button', { name: 'ログアウト' }).click();

      await page.getByRole('link', { name: 'パスワードをお忘れの方' }).click();
      await page.getByLabel('メールアドレス').fill(email);
      await page.getByRole('button', { name: '再設定メールを送る' }).click();
      await page.getByRole('heading', { name: 'メールを確認してください' }).waitFor();
      // The reset mail is queued by a job (the request itself does the same for any address): run it, as a worker would.
      await suite.server.deps.jobs.drain(PASSWORD_RESET_JOB);
      await followMailLink(page, '/password/reset/confirm');
      const newPassword = 'ame no asa ni kasa wo wasureta';
      await page.getByLabel('新しいパスワード').fill(newPassword);
      await page.getByRole('button', { name: 'パスワードを変更する' }).click();
      await page.getByRole('heading', { name: 'パスワードを変更しました' }).waitFor();

      await page.goto('/login');
      await page.getByLabel('メールアドレス').fill(email);
      await page.getByLabel('パスワード').fill(password);
      await page.getByRole('button', { name: 'ログインする' }).click();
      await page.getByText('メールアドレスまたはパスワードが正しくありません。').waitFor();
      await page.getByLabel('パスワード').fill(newPassword);
      await page.getByRole('button', { name: 'ログインする' }).click();
      expect(await page.getByTestId('account-menu').textContent()).toBe('花子');
    });
    const [row] = await suite.server.deps.db.select().from(members).where(eq(members.email, 'hanako.e2e@example.test'));
    expect(row.emailVerifiedAt).not.toBeNull();
    await context.close();
  });
});
