import { eq } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { members } from '../../src/accounts/schema';
import { snsIdentities } from '../../src/sns/schema';
import {
  browserSuite,
  hasChromium,
  japaneseContext,
  logInThroughPage,
  screenshotOnFailure,
} from '../support/chromiumBrowser';
import { freePort } from '../support/httpServer';
import { snsProviderEnv, startOidcProvider } from '../support/oidcProvider';

const appPort = await freePort();
const provider = await startOidcProvider({
  port: await freePort(),
  redirectUris: [`http://localhost:${appPort}/auth/local/callback`],
});
afterAll(() => provider.close());

describe.skipIf(!hasChromium)('SNS sign-in in Chromium (a real OpenID provider on localhost)', () => {
  const suite = browserSuite({ port: appPort, env: snsProviderEnv(provider.issuer) });

  it('signs up with the provider, sets a password, unlinks the provider, and logs in again with the password', async () => {
    const login = `sora${Math.floor(Math.random() * 1e6)}`;
    const page = await (await japaneseContext(suite.browser, suite.server.baseUrl)).newPage();
    await screenshotOnFailure(page, 'sns', async () => {
      await page.goto('/login');
      await page.getByRole('button', { name: 'テストSNSで続ける' }).click();
      // The provider's own sign-in page (oidc-provider's development login form).
      await page.locator('input[name="login"]').fill(login);
      await page.locator('input[name="password"]').fill('anything');
      await page.getByRole('button', { name: 'Sign-in' }).click();

      await page.getByRole('heading', { name: 'SNSアカウントで会員登録' }).waitFor();
      expect(await page.getByTestId('sns-email').textContent()).toBe(`${login}@example.test`);
      await page.getByLabel('ユーザー名').fill(login);
      await page.getByLabel('表示名').fill('空のひと');
      await page.getByLabel('18歳以上です').check();
      await page.getByLabel('利用規約とプライバシーポリシーに同意します').check();
      await page.getByRole('button', { name: '登録する' }).click();
      await page.getByText('SNSアカウントを連携しました。').waitFor();
      expect(await page.getByTestId('account-menu').textContent()).toBe('空のひと');

      await page.getByRole('link', { name: 'パスワードを設定する' }).click();
      await page.getByLabel('新しいパスワード').fill('aozora ni ukabu shiroi kumo 7');
      await page.getByRole('button', { name: 'パスワードを設定する' }).click();
      await page.getByText('パスワードを変更しました').waitFor();

      await page.getByTestId('sns-local').getByRole('button', { name: '連携を解除する' }).click();
      await page.getByText('SNSアカウントの連携を解除しました。').waitFor();
      const [member] = await suite.server.deps.db
        .select()
        .from(members)
        .where(eq(members.email, `${login}@example.test`));
      expect(
        await suite.server.deps.db.select().from(snsIdentities).where(eq(snsIdentities.memberId, member.id)),
      ).toEqual([]);

      await page.getByTestId('account-menu').click();
      await page.getByRole('button', { name: 'ログアウト' }).click();
      await logInThroughPage(page, `${login}@example.test`, 'aozora ni ukabu shiroi kumo 7');
      expect(await page.getByTestId('account-menu').textContent()).toBe('空のひと');
    });
  });
});
