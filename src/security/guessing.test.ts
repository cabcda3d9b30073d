import { and, eq } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { MINUTE } from '../platform/clock';
import { mailOutbox } from '../platform/mail/schema';
import { securityEvents } from '../accounts/schema';
import { TestClient } from '../../tests/support/client';
import { createMember, DEFAULT_PASSWORD } from '../../tests/support/factories';
import { describeOnDatabases } from '../../tests/support/suites';
import { enableTotp, totpCodeAt } from '../../tests/support/trust';

/** Someone who has a member's password, or a member's session, must not get unlimited guesses at what is left. */
describeOnDatabases('guessing codes and passwords', (ctx) => {
  const mails = async (memberId: string, template: string) =>
    ctx().deps.db.select().from(mailOutbox).where(and(eq(mailOutbox.memberId, memberId), eq(mailOutbox.template, template)));
  const events = async (memberId: string, kind: string) =>
    ctx().deps.db.select().from(securityEvents).where(and(eq(securityEvents.memberId, memberId), eq(securityEvents.kind, kind)));

  it('gives a pending login five tries, then stops it, says why and mails the owner; wrong codes then make the password wait', async () => {
    const member = await createMember(ctx());
    const { secret } = await enableTotp(ctx(), member);
    const attacker = new TestClient(ctx());
    await attacker.logIn(member.email, DEFAULT_PASSWORD);
    for (let i = 0; i < 4; i++) expect((await attacker.post('/login/verify', { code: `00000${i}` })).text).toContain('確認コードが正しくありません');
    const fifth = await attacker.post('/login/verify', { code: '000009' });
    expect(fifth.location).toBe('/login?notice=wrong-codes');
    expect((await attacker.get('/login?notice=wrong-codes')).text).toContain('確認コードの誤りが続いたため');
    const [warning] = await mails(member.id, 'second_step_failed');
    expect(warning.textBody).toContain('第三者があなたのパスワードを知っています');
    expect(await events(member.id, 'second_factor_failed')).toHaveLength(5);
    // The password step no longer forgets those five: the next try from that browser must wait.
    const again = await attacker.post('/login', { email: member.email, password: DEFAULT_PASSWORD });
    expect(again.text).toContain('試行回数が多すぎます');
    // After the back-off the right code completes the login and clears the count.
    ctx().clock.advance(2 * MINUTE);
    await attacker.logIn(member.email, DEFAULT_PASSWORD);
    const done = await attacker.post('/login/verify', { code: totpCodeAt(secret, ctx().clock.now()), next: '/settings' });
    expect(done.location).toBe('/settings');
  });

  it('does not let parallel posts take more than five tries of one pending login', async () => {
    const member = await createMember(ctx());
    await enableTotp(ctx(), member);
    const attacker = new TestClient(ctx());
    await attacker.logIn(member.email, DEFAULT_PASSWORD);
    await Promise.all(Array.from({ length: 12 }, (_, i) => attacker.post('/login/verify', { code: String(100000 + i) })));
    expect(await events(member.id, 'second_factor_failed')).toHaveLength(5);
  });

  it('throttles re-authentication in a session: failures are logged and the back-off applies to password and code alike', async () => {
    const member = await createMember(ctx());
    const { client, secret } = await enableTotp(ctx(), member);
    for (let i = 0; i < 5; i++) {
      const wrong = await client.post('/settings/reauth', { next: '/settings', password: `not it ${i}` });
      expect(wrong.text).toContain('現在のパスワードが正しくありません');
    }
    expect(await events(member.id, 'reauth_failed')).toHaveLength(5);
    const waiting = await client.post('/settings/reauth', { next: '/settings', code: totpCodeAt(secret, ctx().clock.now()) });
    expect(waiting.text).toContain('試行回数が多すぎます');
    const refusedChange = await client.post('/settings/account/password', { currentPassword: DEFAULT_PASSWORD, newPassword: 'a brand new long passphrase here' });
    expect(refusedChange.text).toContain('試行回数が多すぎます');
    ctx().clock.advance(MINUTE);
    const ok = await client.post('/settings/reauth', { next: '/settings', code: totpCodeAt(secret, ctx().clock.now()) });
    expect(ok.location).toBe('/settings');
  });

  it('accepts a recovery code as proof at re-authentication instead of spending it for nothing', async () => {
    const member = await createMember(ctx());
    const { client } = await enableTotp(ctx(), member);
    const page = await client.post('/settings/security/recovery-codes');
    const [code] = [...page.text.matchAll(/<li>([a-z0-9]{4}-[a-z0-9]{4}-[a-z0-9]{2})<\/li>/g)].map((m) => m[1]);
    ctx().clock.advance(11 * MINUTE);
    const ok = await client.post('/settings/reauth', { next: '/settings', code });
    expect(ok.location).toBe('/settings');
    expect(await events(member.id, 'recovery_code_used')).toHaveLength(1);
  });
});
