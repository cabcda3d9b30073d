import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { mailOutbox } from '../../src/platform/mail/schema';
import { passkeys } from '../../src/security/schema';
import type { TestContext } from '../support/context';
import {
  browserSuite,
  hasChromium,
  japaneseContext,
  logInThroughPage,
  screenshotOnFailure,
} from '../support/chromiumBrowser';
import { createMember } from '../support/factories';

describe.skipIf(!hasChromium)('passkeys in Chromium (virtual authenticator)', () => {
  const suite = browserSuite();

  it('registers a passkey, logs in with it without a username, and removes it', async () => {
    const member = await createMember({ deps: suite.server.deps } as TestContext, { displayName: '鍵の太郎' });
    const context = await japaneseContext(suite.browser, suite.server.baseUrl);
    const page = await context.newPage();
    // Chromium's WebAuthn virtual authenticator: a platform authenticator with resident keys and user verification.
    const cdp = await context.newCDPSession(page);
    await cdp.send('WebAuthn.enable');
    const { authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
      options: {
        protocol: 'ctap2',
        transport: 'internal',
        hasResidentKey: true,
        hasUserVerification: true,
        isUserVerified: true,
        automaticPresenceSimulation: true,
      },
    });
    await screenshotOnFailure(page, 'passkeys', async () => {
      await logInThroughPage(page, member.email);
      await page.getByTestId('account-menu').waitFor();
      await page.goto('/settings/security');
      await page.getByRole('link', { name: 'この端末をパスキーとして登録する' }).click();
      await page.getByLabel('パスキーの名前（例：自分のスマートフォン）').fill('仕事用ノートPC');
      await page.getByRole('button', { name: 'この端末をパスキーとして登録する' }).click();
      await page.getByText('パスキーを登録しました。').waitFor();
      await page.getByTestId('passkeys').getByText('仕事用ノートPC').waitFor();
      const { credentials } = await cdp.send('WebAuthn.getCredentials', { authenticatorId });
      expect(credentials).toHaveLength(1);
      expect(credentials[0].isResidentCredential).toBe(true);

      await page.getByTestId('account-menu').click();
      await page.getByRole('button', { name: 'ログアウト' }).click();
      await page.getByRole('button', { name: 'パスキーでログイン' }).click();
      expect(await page.getByTestId('account-menu').textContent()).toBe('鍵の太郎');
      const [stored] = await suite.server.deps.db.select().from(passkeys).where(eq(passkeys.memberId, member.id));
      expect(stored.lastUsedAt).not.toBeNull();

      await page.goto('/settings/security');
      await page.getByTestId('passkeys').getByRole('button', { name: '削除する' }).click();
      await page.getByText('まだパスキーは登録されていません。').waitFor();
    });
    const mails = await suite.server.deps.db
      .select()
      .from(mailOutbox)
      .where(and(eq(mailOutbox.memberId, member.id)));
    expect(mails.map((m) => m.template)).toEqual(expect.arrayContaining(['passkey_added', 'passkey_removed']));
    await context.close();
  });
});
