import { and, eq } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { DAY } from '../platform/clock';
import { mailOutbox } from '../platform/mail/schema';
import { TestClient } from '../../tests/support/client';
import { createMember, DEFAULT_PASSWORD } from '../../tests/support/factories';
import { describeOnDatabases } from '../../tests/support/suites';
import { enableTotp } from '../../tests/support/trust';
import { sendCheckupReminders } from './checkup';

describeOnDatabases('security checkup', (ctx) => {
  it('scores the account, offers a one-click fix per weak point, and rises when one is fixed', async () => {
    const member = await createMember(ctx());
    const here = new TestClient(ctx());
    await here.logIn(member.email, DEFAULT_PASSWORD);
    const other = new TestClient(ctx());
    await other.logIn(member.email, DEFAULT_PASSWORD);
    await here.post('/settings/privacy', {
      profile: 'public',
      realName: 'public',
      location: 'private',
      birthday: 'private',
      website: 'public',
      follows: 'public',
      directMessages: 'everyone',
    });
    const before = await here.get('/settings/security/checkup');
    expect(before.text).toMatch(/data-testid="checkup-score"[^>]*>20点/); // only the password's length is fine
    expect(before.text).toContain('action="/settings/security/sessions/end-others"');
    expect(before.text).toContain('action="/settings/privacy/lock-details"');
    expect(before.text).toContain('href="/settings/security/totp"');
    expect(before.text).toContain('定期的な変更は必要ありません');
    await here.post('/settings/security/sessions/end-others');
    expect((await here.post('/settings/privacy/lock-details')).location).toBe(
      '/settings/security/checkup?notice=details',
    );
    const after = await here.get('/settings/security/checkup');
    expect(after.text).toMatch(/data-testid="checkup-score"[^>]*>60点/);
    expect((await other.get('/settings')).status).toBe(303);
  });

  it('explains its terms, and counts a password shorter than 15 characters (allowed beside a second factor) against the score', async () => {
    const member = await createMember(ctx());
    const { client } = await enableTotp(ctx(), member);
    const long = await client.get('/settings/security/checkup');
    expect(long.text).toContain('二段階認証とは？');
    expect(long.text).toContain('パスキーとは？');
    expect(long.text).not.toContain('パスワードが15文字未満です');
    await client.post('/settings/account/password', { currentPassword: DEFAULT_PASSWORD, newPassword: 'kumo-ame-9' });
    const short = await client.get('/settings/security/checkup');
    expect(short.text).toContain('パスワードが15文字未満です');
    expect(short.text).toContain('href="/settings/account/password"');
    // The date shown is the last password change.
    expect(short.text).toContain('パスワードの設定日');
  });

  it('reminds members with only a password, once per period, never in their first week', async () => {
    const member = await createMember(ctx());
    const reminded = async () =>
      (
        await ctx()
          .deps.db.select()
          .from(mailOutbox)
          .where(and(eq(mailOutbox.memberId, member.id), eq(mailOutbox.template, 'security_checkup')))
      ).length;
    await sendCheckupReminders(ctx().deps);
    expect(await reminded()).toBe(0);
    ctx().clock.advance(8 * DAY);
    while ((await sendCheckupReminders(ctx().deps)) > 0);
    expect(await reminded()).toBe(1);
    ctx().clock.advance(100 * DAY);
    while ((await sendCheckupReminders(ctx().deps)) > 0);
    expect(await reminded()).toBe(1);
    ctx().clock.advance(81 * DAY);
    while ((await sendCheckupReminders(ctx().deps)) > 0);
    expect(await reminded()).toBe(2);
  });
});
