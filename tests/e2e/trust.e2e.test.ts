import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { totpFactors } from '../../src/security/schema';
import { generateTotpSecret, sealSecret } from '../../src/security/factors/totp';
import type { TestContext } from '../support/context';
import {
  browserSuite,
  hasChromium,
  japaneseContext,
  logInThroughPage,
  screenshotOnFailure,
} from '../support/chromiumBrowser';
import { createMember } from '../support/factories';
import { createService } from '../support/marketplace';

function oathtool(secret: string): string {
  return execFileSync('oathtool', ['--totp', '--base32', secret]).toString().trim();
}

describe.skipIf(!hasChromium)('support and the operator console in Chromium', () => {
  const suite = browserSuite();

  it('a member appeals through the contact form; an operator with two-step login answers, suspends and lifts; the member sees each step', async () => {
    const ctx = { deps: suite.server.deps } as TestContext;
    const member = await createMember(ctx, { displayName: '異議の太郎' });
    await createService(ctx, member, { title: '停止と解除を確かめる書道教室' });
    const operator = await createMember(ctx, { role: 'operator', displayName: '運営の花子' });
    const secret = generateTotpSecret();
    await suite.server.deps.db.insert(totpFactors).values({
      memberId: operator.id,
      secretEncrypted: sealSecret(suite.server.deps.config.secretKey, secret),
      createdAt: new Date(),
      confirmedAt: new Date(),
    });

    const memberPage = await (await japaneseContext(suite.browser, suite.server.baseUrl)).newPage();
    let reference = '';
    await screenshotOnFailure(memberPage, 'trust-member', async () => {
      await logInThroughPage(memberPage, member.email);
      await memberPage.getByTestId('account-menu').waitFor();
      await memberPage.goto('/');
      await memberPage.getByRole('link', { name: 'お問い合わせ' }).click();
      await memberPage.getByRole('button', { name: '送信する' }).click();
      await memberPage.getByText('入力してください。', { exact: true }).first().waitFor();
      await memberPage.getByLabel('お問い合わせの種類').selectOption('suspension_appeal');
      await memberPage
        .getByLabel('お問い合わせ内容（2000文字まで）')
        .fill('出品が見られなくなる前に確認したいことがあります。');
      await memberPage.getByRole('button', { name: '送信する' }).click();
      reference = (await memberPage
        .getByRole('heading', { name: 'お問い合わせを受け付けました' })
        .locator('..')
        .textContent())!.match(/WZ-[A-Z0-9]{8}/)![0];
    });

    const operatorPage = await (await japaneseContext(suite.browser, suite.server.baseUrl)).newPage();
    await screenshotOnFailure(operatorPage, 'trust-operator', async () => {
      await logInThroughPage(operatorPage, operator.email);
      await operatorPage.getByLabel('確認コード（6桁）または回復コード').fill(oathtool(secret));
      await operatorPage.getByRole('button', { name: 'ログインする' }).click();
      await operatorPage.getByTestId('account-menu').waitFor();
      await operatorPage.goto('/admin');
      await operatorPage
        .getByRole('navigation', { name: '運営コンソール' })
        .getByRole('link', { name: /^お問い合わせ\s*\d*$/ }) // a count follows when some wait
        .click();
      await operatorPage.getByRole('link', { name: reference }).click();
      await operatorPage
        .getByLabel('回答（メールで送られます）')
        .fill('内容を確認しました。ご連絡ありがとうございます。');
      await operatorPage.getByRole('button', { name: '回答を送る', exact: true }).click();
      await operatorPage.getByText('操作を記録しました。').waitFor();

      await operatorPage
        .getByRole('navigation', { name: '運営コンソール' })
        .getByRole('link', { name: '会員検索' })
        .click();
      await operatorPage.getByLabel('会員を探す').fill(member.username);
      await operatorPage.getByRole('button', { name: '検索' }).click();
      await operatorPage.getByRole('link', { name: `@${member.username}` }).click();
      await operatorPage.getByRole('button', { name: '利用停止にする' }).click();
      await operatorPage.getByText('入力してください。', { exact: true }).waitFor();
      await operatorPage.getByLabel('理由（本人にメールで伝わります）').fill('規約第8条（外部での直接取引の勧誘）');
      await operatorPage.getByRole('button', { name: '利用停止にする' }).click();
      expect(await operatorPage.getByTestId('member-status').textContent()).toBe('利用停止中');
    });

    await screenshotOnFailure(memberPage, 'trust-suspended', async () => {
      await memberPage.goto(`/mypage/inquiries/${reference}`);
      await memberPage.getByRole('heading', { name: 'ログイン' }).waitFor(); // the session ended with the suspension
      await logInThroughPage(memberPage, member.email);
      await memberPage.getByRole('heading', { name: 'このアカウントは利用停止中です' }).waitFor();
      await memberPage.getByText('規約第8条（外部での直接取引の勧誘）').waitFor();
      expect((await memberPage.goto(`/users/${member.username}`))?.status()).toBe(404);
    });

    await screenshotOnFailure(operatorPage, 'trust-lift', async () => {
      await operatorPage.getByRole('button', { name: '利用停止を解除する' }).click();
      expect(await operatorPage.getByTestId('member-status').textContent()).toBe('利用中');
    });

    await screenshotOnFailure(memberPage, 'trust-back', async () => {
      await logInThroughPage(memberPage, member.email);
      await memberPage.getByTestId('account-menu').waitFor();
      await memberPage.goto(`/mypage/inquiries/${reference}`);
      await memberPage.getByText('内容を確認しました。ご連絡ありがとうございます。').waitFor();
      expect((await memberPage.goto(`/users/${member.username}`))?.status()).toBe(200);
      await memberPage.getByRole('link', { name: '停止と解除を確かめる書道教室' }).waitFor();
    });
  });
});
