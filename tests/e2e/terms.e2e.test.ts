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
import { publishTermsVersion } from '../support/terms';

describe.skipIf(!hasChromium)('利用規約 in Chromium', () => {
  const suite = browserSuite();

  it('asks a member to agree at the next login after a new version takes effect, and not again once agreed', async () => {
    const ctx = { deps: suite.server.deps } as TestContext;
    const member = await createMember(ctx, { displayName: '規約の人' });
    const page = await (await japaneseContext(suite.browser, suite.server.baseUrl)).newPage();
    await screenshotOnFailure(page, 'terms-reconsent', async () => {
      await logInThroughPage(page, member.email);
      await page.getByTestId('account-menu').waitFor();
      expect(await page.getByTestId('terms-banner').count()).toBe(0);
      await page.getByTestId('account-menu').click();
      await page.getByRole('button', { name: 'ログアウト' }).click();
      await page.getByText('ログアウトしました。').waitFor();

      await publishTermsVersion(ctx, 'e2e-2', new Date());
      await logInThroughPage(page, member.email);
      await page.getByTestId('terms-banner').waitFor();
      // The data download does not wait for the agreement.
      await page.goto('/settings/export');
      expect(await page.getByTestId('terms-banner').count()).toBe(1);
      await page.getByRole('link', { name: '変更点を確認して同意する' }).click();
      await page.getByRole('heading', { name: '利用規約が改定されました' }).waitFor();
      expect(await page.getByTestId('terms-changes').textContent()).toContain('改定版e2e-2');
      await page.getByRole('button', { name: '新しい利用規約とプライバシーポリシーに同意する' }).click();
      await page.getByText('新しい利用規約に同意しました。').waitFor();
      await page.goto('/');
      expect(await page.getByTestId('terms-banner').count()).toBe(0);
      await page.getByRole('link', { name: '利用規約' }).click();
      expect(await page.getByTestId('terms-body').textContent()).toContain('改定版e2e-2の本文です。');
    });
  });
});
