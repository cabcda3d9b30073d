import { execFileSync } from 'node:child_process';
import { and, eq } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { HOUR, MINUTE } from '../../platform/clock';
import { mailOutbox } from '../../platform/mail/schema';
import { sessions } from '../../accounts/schema';
import { TestClient } from '../../../tests/support/client';
import { createMember, DEFAULT_PASSWORD } from '../../../tests/support/factories';
import { describeOnDatabases } from '../../../tests/support/suites';
import { recoveryCodes, totpFactors } from '../schema';
import { PASSWORD_RESET_JOB } from '../../accounts/passwordReset';

/** Debian's oathtool computes the code for the test clock's time. */
function codeAt(secret: string, at: Date): string {
  const when = at
    .toISOString()
    .replace('T', ' ')
    .replace(/\.\d+Z$/, ' UTC');
  return execFileSync('oathtool', ['--totp', '--base32', '-N', when, secret]).toString().trim();
}

describeOnDatabases('two-step verification', (ctx) => {
  /** Turns on TOTP for a member through the pages; returns the secret and the recovery codes shown. */
  async function enable(client: TestClient) {
    const setup = await client.get('/settings/security/totp');
    expect(setup.status).toBe(200);
    expect(setup.text).toContain('<svg');
    const secret = setup.text.match(/data-testid="totp-secret"[^>]*>([A-Z2-7 ]+)</)![1].replace(/ /g, '');
    const wrong = await client.post('/settings/security/totp', { code: '000000' });
    expect(wrong.text).toContain('確認コードが正しくありません');
    const done = await client.post('/settings/security/totp', { code: codeAt(secret, ctx().clock.now()) });
    const codes = [...done.text.matchAll(/<li>([a-z0-9]{4}-[a-z0-9]{4}-[a-z0-9]{2})<\/li>/g)].map((m) => m[1]);
    return { secret, codes };
  }

  it('turns on with a code from oathtool, stores the secret sealed and the recovery codes hashed, and mails the member', async () => {
    const member = await createMember(ctx());
    const client = new TestClient(ctx());
    await client.logIn(member.email, DEFAULT_PASSWORD);
    const { secret, codes } = await enable(client);
    expect(codes).toHaveLength(10);
    const [factor] = await ctx().deps.db.select().from(totpFactors).where(eq(totpFactors.memberId, member.id));
    expect(factor.confirmedAt).not.toBeNull();
    expect(factor.secretEncrypted).not.toContain(secret);
    const stored = await ctx().deps.db.select().from(recoveryCodes).where(eq(recoveryCodes.memberId, member.id));
    expect(stored.map((r) => r.codeHash)).not.toContain(codes[0]);
    const mails = await ctx()
      .deps.db.select()
      .from(mailOutbox)
      .where(and(eq(mailOutbox.memberId, member.id), eq(mailOutbox.template, 'factor_totp_on')));
    expect(mails).toHaveLength(1);
  });

  it('asks for the code after the password, accepts each code once, and a recovery code only once', async () => {
    const member = await createMember(ctx());
    const owner = new TestClient(ctx());
    await owner.logIn(member.email, DEFAULT_PASSWORD);
    const { secret, codes } = await enable(owner);
    ctx().clock.advance(HOUR);
    const browser = new TestClient(ctx());
    const first = await browser.post('/login', { email: member.email, password: DEFAULT_PASSWORD });
    expect(first.location).toBe('/login/verify?next=%2F');
    expect(browser.cookies.has('wz_session')).toBe(false);
    expect((await browser.get('/settings')).status).toBe(303); // no session yet
    const code = codeAt(secret, ctx().clock.now());
    expect((await browser.post('/login/verify', { code: '123456', next: '/' })).text).toContain(
      '確認コードが正しくありません',
    );
    expect((await browser.post('/login/verify', { code, next: '/settings' })).location).toBe('/settings');
    expect((await browser.get('/settings')).status).toBe(200);
    // The same code again, in another browser, within its 30 seconds: refused.
    const replay = new TestClient(ctx());
    await replay.post('/login', { email: member.email, password: DEFAULT_PASSWORD });
    expect((await replay.post('/login/verify', { code, next: '/' })).status).toBe(422);
    expect((await replay.post('/login/verify', { code: codes[0], next: '/' })).status).toBe(303);
    const again = new TestClient(ctx());
    await again.post('/login', { email: member.email, password: DEFAULT_PASSWORD });
    // A used recovery code is told so, not sent to look at the app's 6 digits.
    const reused = (await again.post('/login/verify', { code: codes[0], next: '/' })).text;
    expect(reused).toContain('この回復コードは使えません。回復コードは1つにつき1回だけ使えます。');
    expect(reused).not.toContain('最新の6桁');
    expect((await owner.get('/settings/security')).text).toContain('残り9個');
  });

  it('gives a second-factor session 24 hours at most and one idle hour, unless the member asks to stay logged in', async () => {
    const member = await createMember(ctx());
    const owner = new TestClient(ctx());
    await owner.logIn(member.email, DEFAULT_PASSWORD);
    const { secret } = await enable(owner);
    const login = async (remember: boolean) => {
      ctx().clock.advance(MINUTE);
      const client = new TestClient(ctx());
      await client.post('/login', { email: member.email, password: DEFAULT_PASSWORD });
      await client.post('/login/verify', {
        code: codeAt(secret, ctx().clock.now()),
        next: '/',
        ...(remember ? { remember: 'on' } : {}),
      });
      return client;
    };
    const brief = await login(false);
    const kept = await login(true);
    const rows = await ctx().deps.db.select().from(sessions).where(eq(sessions.memberId, member.id));
    const lengths = rows.map((r) => r.expiresAt.getTime() - r.createdAt.getTime()).sort((a, b) => a - b);
    expect(lengths).toContain(24 * HOUR);
    ctx().clock.advance(61 * MINUTE);
    expect((await brief.get('/settings')).status).toBe(303);
    expect((await kept.get('/settings')).status).toBe(200);
  });

  it('needs a recent proof of identity to change factors, accepts a code for it, and mails when turned off', async () => {
    const member = await createMember(ctx());
    const client = new TestClient(ctx());
    await client.logIn(member.email, DEFAULT_PASSWORD);
    const { secret } = await enable(client);
    ctx().clock.advance(11 * MINUTE);
    const blocked = await client.post('/settings/security/totp/disable');
    expect(blocked.location).toMatch(/^\/settings\/reauth/);
    expect(await ctx().deps.db.select().from(totpFactors).where(eq(totpFactors.memberId, member.id))).toHaveLength(1);
    expect(
      (
        await client.post('/settings/reauth', {
          next: '/settings/security',
          password: '',
          code: codeAt(secret, ctx().clock.now()),
        })
      ).location,
    ).toBe('/settings/security');
    await client.post('/settings/security/totp/disable');
    expect(await ctx().deps.db.select().from(totpFactors).where(eq(totpFactors.memberId, member.id))).toHaveLength(0);
    expect(await ctx().deps.db.select().from(recoveryCodes).where(eq(recoveryCodes.memberId, member.id))).toHaveLength(
      0,
    );
    const [mail] = await ctx()
      .deps.db.select()
      .from(mailOutbox)
      .where(and(eq(mailOutbox.memberId, member.id), eq(mailOutbox.template, 'factor_totp_off')));
    expect(mail.textBody).toContain('無効にしました');
  });

  it('lets a password reset change the password but still asks for the second factor afterwards', async () => {
    const member = await createMember(ctx());
    const client = new TestClient(ctx());
    await client.logIn(member.email, DEFAULT_PASSWORD);
    await enable(client);
    const visitor = new TestClient(ctx());
    await visitor.post('/password/reset', { email: member.email });
    await ctx().deps.jobs.drain(PASSWORD_RESET_JOB);
    const mail = (
      await ctx()
        .deps.db.select()
        .from(mailOutbox)
        .where(and(eq(mailOutbox.memberId, member.id), eq(mailOutbox.template, 'password_reset')))
    )[0];
    const token = mail.textBody.match(/token=([A-Za-z0-9_-]+)/)![1];
    // With a second factor, 8 characters are enough.
    expect(
      (await visitor.post('/password/reset/confirm', { token, password: 'kumo-ame-9', endOtherSessions: 'on' })).status,
    ).toBe(200);
    const login = await visitor.post('/login', { email: member.email, password: 'kumo-ame-9' });
    expect(login.location).toMatch(/^\/login\/verify/);
    expect(visitor.cookies.has('wz_session')).toBe(false);
  });
});
