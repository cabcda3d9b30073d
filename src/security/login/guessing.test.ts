import { and, desc, eq } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { MINUTE } from '../../platform/clock';
import { mailOutbox } from '../../platform/mail/schema';
import { securityEvents } from '../../accounts/schema';
import { TestClient } from '../../../tests/support/client';
import { createMember, DEFAULT_PASSWORD } from '../../../tests/support/factories';
import { describeOnDatabases } from '../../../tests/support/suites';
import type { TestContext } from '../../../tests/support/context';
import { enableTotp, totpCodeAt } from '../../../tests/support/trust';
import { passkeys, phoneNumbers, smsOutbox, totpFactors } from '../schema';
import { PASSWORD_RESET_JOB } from '../../accounts/passwordReset';

const mailsOf = (ctx: () => TestContext) => async (memberId: string, template: string) =>
  ctx()
    .deps.db.select()
    .from(mailOutbox)
    .where(and(eq(mailOutbox.memberId, memberId), eq(mailOutbox.template, template)));

/** Someone who has a member's password, or a member's session, must not get unlimited guesses at what is left. */
describeOnDatabases('guessing codes and passwords', (ctx) => {
  const mails = mailsOf(ctx);
  const events = async (memberId: string, kind: string) =>
    ctx()
      .deps.db.select()
      .from(securityEvents)
      .where(and(eq(securityEvents.memberId, memberId), eq(securityEvents.kind, kind)));

  it('gives a pending login five tries, then stops it, says why and mails the owner; wrong codes then make the password wait', async () => {
    const member = await createMember(ctx());
    const { secret } = await enableTotp(ctx(), member);
    const attacker = new TestClient(ctx());
    await attacker.logIn(member.email, DEFAULT_PASSWORD);
    for (let i = 0; i < 4; i++)
      expect((await attacker.post('/login/verify', { code: `00000${i}` })).text).toContain(
        '確認コードが正しくありません',
      );
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
    const done = await attacker.post('/login/verify', {
      code: totpCodeAt(secret, ctx().clock.now()),
      next: '/settings',
    });
    expect(done.location).toBe('/settings');
  });

  it('does not let parallel posts take more than five tries of one pending login', async () => {
    const member = await createMember(ctx());
    await enableTotp(ctx(), member);
    const attacker = new TestClient(ctx());
    await attacker.logIn(member.email, DEFAULT_PASSWORD);
    await Promise.all(
      Array.from({ length: 12 }, (_, i) => attacker.post('/login/verify', { code: String(100000 + i) })),
    );
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
    const waiting = await client.post('/settings/reauth', {
      next: '/settings',
      code: totpCodeAt(secret, ctx().clock.now()),
    });
    expect(waiting.text).toContain('試行回数が多すぎます');
    const refusedChange = await client.post('/settings/account/password', {
      currentPassword: DEFAULT_PASSWORD,
      newPassword: 'a brand new long passphrase here',
    });
    expect(refusedChange.text).toContain('試行回数が多すぎます');
    ctx().clock.advance(MINUTE);
    const ok = await client.post('/settings/reauth', {
      next: '/settings',
      code: totpCodeAt(secret, ctx().clock.now()),
    });
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

describeOnDatabases('second factors: limits and notices', (ctx) => {
  const templates = async (memberId: string) =>
    (await ctx().deps.db.select().from(mailOutbox).where(eq(mailOutbox.memberId, memberId))).map((m) => m.template);
  const textedCode = async (to: string) =>
    (
      await ctx()
        .deps.db.select()
        .from(smsOutbox)
        .where(eq(smsOutbox.toNumber, to))
        .orderBy(desc(smsOutbox.createdAt))
        .limit(1)
    )[0].body.match(/(\d{6})/)![1];

  it('burns a phone-verification code after five wrong guesses, so a number cannot be claimed by guessing', async () => {
    const member = await createMember(ctx());
    const { client } = await enableTotp(ctx(), member);
    await client.post('/settings/security/phone', { phone: '090-3333-4444' });
    const code = await textedCode('+819033334444');
    const wrong = code === '111111' ? '222222' : '111111';
    for (let i = 0; i < 5; i++)
      expect((await client.post('/settings/security/phone/confirm', { code: wrong })).status).toBe(422);
    expect((await client.post('/settings/security/phone/confirm', { code })).status).toBe(422);
    const [phone] = await ctx().deps.db.select().from(phoneNumbers).where(eq(phoneNumbers.memberId, member.id));
    expect(phone.verifiedAt).toBeNull();
  });

  it('mails the member when a phone number for codes is verified, replaced and removed, and logs each', async () => {
    const member = await createMember(ctx());
    const { client } = await enableTotp(ctx(), member);
    await client.post('/settings/security/phone', { phone: '090-5555-6666' });
    await client.post('/settings/security/phone/confirm', { code: await textedCode('+819055556666') });
    expect(await templates(member.id)).toContain('factor_sms_on');
    ctx().clock.advance(MINUTE);
    await client.post('/settings/security/phone', { phone: '090-7777-8888' }); // the verified number stops getting codes
    expect((await templates(member.id)).filter((t) => t === 'factor_sms_off')).toHaveLength(1);
    await client.post('/settings/security/phone/confirm', { code: await textedCode('+819077778888') });
    await client.post('/settings/security/phone/remove');
    expect((await templates(member.id)).filter((t) => t === 'factor_sms_off')).toHaveLength(2);
    const kinds = (await ctx().deps.db.select().from(securityEvents).where(eq(securityEvents.memberId, member.id))).map(
      (e) => e.kind,
    );
    expect(kinds.filter((k) => k === 'phone_verified')).toHaveLength(2);
    expect(kinds.filter((k) => k === 'phone_removed')).toHaveLength(2);
  });

  it('refuses to un-verify the phone by replacing it while it is the last factor beside a short password, and lets a passkey go when no factor depends on it', async () => {
    const member = await createMember(ctx());
    const { client } = await enableTotp(ctx(), member);
    await client.post('/settings/security/phone', { phone: '090-2222-3333' });
    await client.post('/settings/security/phone/confirm', { code: await textedCode('+819022223333') });
    // A passkey (as stored; its ceremony is tested elsewhere) keeps SMS alive once the app is off.
    const [key] = await ctx()
      .deps.db.insert(passkeys)
      .values({
        memberId: member.id,
        credentialId: `cred-${member.id}`,
        publicKey: 'pk',
        counter: 0,
        name: 'ノートPC',
        createdAt: ctx().clock.now(),
      })
      .returning();
    ctx().clock.advance(MINUTE);
    await client.post('/settings/account/password', { currentPassword: DEFAULT_PASSWORD, newPassword: 'kumo-ame-9' });
    expect((await client.post('/settings/security/totp/disable')).location).toBe('/settings/security#two-factor');
    const replaced = await client.post('/settings/security/phone', { phone: '090-4444-5555' });
    expect(replaced.text).toContain('パスワードが15文字未満のため');
    const [phone] = await ctx().deps.db.select().from(phoneNumbers).where(eq(phoneNumbers.memberId, member.id));
    expect(phone.phoneE164).toBe('+819022223333');
    expect(phone.verifiedAt).not.toBeNull();
    // The passkey is what SMS leans on: it cannot go either.
    expect((await client.post(`/settings/security/passkeys/${key.id}/remove`)).location).toBe(
      '/settings/security?problem=short-password#passkeys',
    );
    // Without the phone, the passkey guards no password login: removing it takes no second factor away.
    await ctx().deps.db.delete(phoneNumbers).where(eq(phoneNumbers.memberId, member.id));
    expect((await client.post(`/settings/security/passkeys/${key.id}/remove`)).location).toBe(
      '/settings/security#passkeys',
    );
  });

  it('keeps the last second factor while the password is shorter than 15 characters, and lets it go after a longer one', async () => {
    const member = await createMember(ctx());
    const { client, secret } = await enableTotp(ctx(), member);
    const short = 'kumo-ame-9';
    ctx().clock.advance(MINUTE);
    expect(
      (await client.post('/settings/account/password', { currentPassword: DEFAULT_PASSWORD, newPassword: short }))
        .status,
    ).toBe(303);
    const refused = await client.post('/settings/security/totp/disable');
    expect(refused.location).toBe('/settings/security?problem=short-password#two-factor');
    expect((await client.get(refused.location!)).text).toContain('パスワードが15文字未満のため');
    expect(await ctx().deps.db.select().from(totpFactors).where(eq(totpFactors.memberId, member.id))).toHaveLength(1);
    ctx().clock.advance(MINUTE);
    await client.post('/settings/account/password', {
      currentPassword: short,
      newPassword: 'a long and quiet river at dawn',
    });
    ctx().clock.advance(MINUTE);
    await client.post('/settings/reauth', { next: '/settings', code: totpCodeAt(secret, ctx().clock.now()) });
    expect((await client.post('/settings/security/totp/disable')).location).toBe('/settings/security#two-factor');
    expect(await ctx().deps.db.select().from(totpFactors).where(eq(totpFactors.memberId, member.id))).toHaveLength(0);
  });
});

describeOnDatabases('guessing: review follow-ups', (ctx) => {
  const mails = mailsOf(ctx);
  it('gives the member’s own browser a failure count of its own: it meets the back-off after its own failures, not after other browsers’', async () => {
    const member = await createMember(ctx());
    const own = new TestClient(ctx());
    await own.logIn(member.email, DEFAULT_PASSWORD);
    await own.post('/logout');
    for (let i = 0; i < 5; i++)
      await new TestClient(ctx()).post('/login', { email: member.email, password: `elsewhere ${i}` });
    // Others' failures do not hold the owner's browser back...
    expect((await own.post('/login', { email: member.email, password: DEFAULT_PASSWORD })).status).toBe(303);
    await own.post('/logout');
    // ...but its own do: a stolen cookie does not make an unlimited guesser.
    for (let i = 0; i < 5; i++)
      expect((await own.post('/login', { email: member.email, password: `own typo ${i}` })).status).toBe(401);
    expect((await own.post('/login', { email: member.email, password: DEFAULT_PASSWORD })).text).toContain(
      '試行回数が多すぎます',
    );
  });

  it('counts wrong codes from the member’s own browser on that browser’s own count', async () => {
    const member = await createMember(ctx());
    const { client: own, secret } = await enableTotp(ctx(), member);
    await own.post('/logout');
    ctx().clock.advance(MINUTE);
    await own.logIn(member.email, DEFAULT_PASSWORD);
    for (let i = 0; i < 5; i++) await own.post('/login/verify', { code: `00000${i}` });
    expect((await own.post('/login', { email: member.email, password: DEFAULT_PASSWORD })).text).toContain(
      '試行回数が多すぎます',
    );
    // Another browser's count is untouched by them.
    const other = new TestClient(ctx());
    await other.logIn(member.email, DEFAULT_PASSWORD);
    expect(
      (await other.post('/login/verify', { code: totpCodeAt(secret, ctx().clock.now()), next: '/settings' })).location,
    ).toBe('/settings');
  });

  it('forgets the browsers a member used when they reset the password and log out everywhere, and other browsers when they change it', async () => {
    const member = await createMember(ctx());
    const usual = new TestClient(ctx());
    await usual.logIn(member.email, DEFAULT_PASSWORD);
    const second = new TestClient(ctx());
    await second.logIn(member.email, DEFAULT_PASSWORD);
    const newDeviceMails = async () => (await mails(member.id, 'new_device_login')).length;
    const before = await newDeviceMails();
    ctx().clock.advance(MINUTE);
    await usual.post('/settings/account/password', {
      currentPassword: DEFAULT_PASSWORD,
      newPassword: 'a new and longer river song',
    });
    await second.logIn(member.email, 'a new and longer river song'); // forgotten by the change: mailed again
    expect(await newDeviceMails()).toBe(before + 1);
    await usual.post('/logout');
    await usual.logIn(member.email, 'a new and longer river song'); // the browser that changed it stays known
    expect(await newDeviceMails()).toBe(before + 1);
    await usual.post('/password/reset', { email: member.email });
    await ctx().deps.jobs.drain(PASSWORD_RESET_JOB);
    const reset = (
      await ctx()
        .deps.db.select()
        .from(mailOutbox)
        .where(and(eq(mailOutbox.memberId, member.id), eq(mailOutbox.template, 'password_reset')))
    )[0];
    const token = new URLSearchParams(reset.textBody.match(/\/password\/reset\/confirm\?[^\s]+/)![0].split('?')[1]).get(
      'token',
    )!;
    await usual.post('/password/reset/confirm', {
      token,
      password: 'yet another calm mountain lake',
      endOtherSessions: 'on',
    });
    await usual.logIn(member.email, 'yet another calm mountain lake');
    expect(await newDeviceMails()).toBe(before + 2);
  });

  it('lifts the hold on identity checks when the password is reset by mail', async () => {
    const member = await createMember(ctx());
    const client = new TestClient(ctx());
    await client.logIn(member.email, DEFAULT_PASSWORD);
    for (let i = 0; i < 6; i++) await client.post('/settings/reauth', { next: '/settings', password: `not it ${i}` });
    expect((await client.post('/settings/reauth', { next: '/settings', password: DEFAULT_PASSWORD })).text).toContain(
      '試行回数が多すぎます',
    );
    await new TestClient(ctx()).post('/password/reset', { email: member.email });
    await ctx().deps.jobs.drain(PASSWORD_RESET_JOB);
    const reset = (
      await ctx()
        .deps.db.select()
        .from(mailOutbox)
        .where(and(eq(mailOutbox.memberId, member.id), eq(mailOutbox.template, 'password_reset')))
    )[0];
    const token = new URLSearchParams(reset.textBody.match(/\/password\/reset\/confirm\?[^\s]+/)![0].split('?')[1]).get(
      'token',
    )!;
    const browser = new TestClient(ctx());
    await browser.post('/password/reset/confirm', { token, password: 'a quiet harbour before dawn' });
    await browser.logIn(member.email, 'a quiet harbour before dawn');
    expect(
      (await browser.post('/settings/reauth', { next: '/settings', password: 'a quiet harbour before dawn' })).location,
    ).toBe('/settings');
  });
});
