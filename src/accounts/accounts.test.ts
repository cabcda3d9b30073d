import { and, count, eq, sql } from 'drizzle-orm';
import { PASSWORD_RESET_JOB } from './passwordReset';
import { expect, it } from 'vitest';
import { emailTokens, members, securityEvents, sessions } from './schema';
import { mailOutbox } from '../platform/mail/schema';
import { HOUR, DAY } from '../platform/clock';
import { hashToken } from '../platform/tokens';
import { TestClient, lastMailTo, linkIn } from '../../tests/support/client';
import { createMember, DEFAULT_PASSWORD, SIGNUP_CONSENT } from '../../tests/support/factories';
import { describeOnDatabases } from '../../tests/support/suites';

const signupForm = (tag: string) => ({
  email: `New.${tag}@Example.test`,
  username: `new_${tag}`,
  displayName: `新人${tag}`,
  password: 'a long and quiet passphrase for tests',
  ...SIGNUP_CONSENT,
});

describeOnDatabases('accounts', (ctx) => {
  it('signs up: writes the member unverified, a security event, and a confirmation mail with its delivery job', async () => {
    const client = new TestClient(ctx());
    const res = await client.post('/signup', signupForm('a1'));
    expect(res.status).toBe(200);
    expect(res.text).toContain('確認メールを送信しました');
    const [member] = await ctx().deps.db.select().from(members).where(eq(members.email, 'new.a1@example.test'));
    expect(member.emailVerifiedAt).toBeNull();
    expect(member.passwordHash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    const events = await ctx().deps.db.select().from(securityEvents).where(eq(securityEvents.memberId, member.id));
    expect(events.map((e) => e.kind)).toEqual(['signup']);
    const mail = await lastMailTo(ctx(), 'new.a1@example.test');
    expect(mail?.template).toBe('verify_email');
    expect(mail?.subject).toContain('メールアドレスの確認');
    expect(mail?.htmlBody).toContain('<a href="http://localhost:3000/verify-email?token=');
    // The delivery job was written in the same transaction.
    expect(await ctx().deps.jobs.drain('mail.deliver')).toBeGreaterThanOrEqual(1);
  });

  it('answers a sign-up for an existing address exactly like a new one, and tells the owner by mail instead', async () => {
    const existing = await createMember(ctx());
    const client = new TestClient(ctx());
    const res = await client.post('/signup', { ...signupForm('a2'), email: existing.email.toUpperCase() });
    expect(res.status).toBe(200);
    expect(res.text).toContain('確認メールを送信しました');
    const [{ n }] = await ctx().deps.db.select({ n: count() }).from(members).where(eq(members.email, existing.email));
    expect(n).toBe(1);
    expect((await lastMailTo(ctx(), existing.email))?.template).toBe('signup_attempt');
  });

  it('rejects bad sign-up input next to each field, keeps what was typed except the password, and writes nothing', async () => {
    const client = new TestClient(ctx());
    const before = await ctx().deps.db.select({ n: count() }).from(members);
    const res = await client.post('/signup', {
      email: 'not-an-email',
      username: 'A!',
      displayName: '',
      password: 'short',
    });
    expect(res.status).toBe(422);
    expect(res.text).toContain('メールアドレスの形式が正しくありません');
    expect(res.text).toContain('半角英小文字・数字・_ を使って3〜20文字');
    expect(res.text).toContain('入力してください。');
    expect(res.text).toContain('value="not-an-email"');
    expect(res.text).not.toContain('value="short"');
    const weak = await client.post('/signup', { ...signupForm('a3'), password: 'tooshort' });
    expect(weak.status).toBe(422);
    expect(weak.text).toContain('パスワードは15文字以上にしてください。');
    const personal = await client.post('/signup', {
      ...signupForm('a4'),
      password: 'my name is new_a4 and that is all',
    });
    expect(personal.text).toContain('ユーザー名、サービス名を含むパスワードは使えません');
    const after = await ctx().deps.db.select({ n: count() }).from(members);
    expect(after[0].n).toBe(before[0].n);
  });

  it('refuses a taken username, whatever its case', async () => {
    const existing = await createMember(ctx());
    const res = await new TestClient(ctx()).post('/signup', { ...signupForm('a5'), username: existing.username });
    expect(res.status).toBe(422);
    expect(res.text).toContain('このユーザー名はすでに使われています');
  });

  it('verifies the address once from the emailed link; the link cannot be used twice', async () => {
    const client = new TestClient(ctx());
    await client.post('/signup', signupForm('v1'));
    const link = linkIn((await lastMailTo(ctx(), 'new.v1@example.test'))!.textBody, '/verify-email');
    const first = await client.get(link);
    expect(first.status).toBe(200);
    expect(first.text).toContain('メールアドレスを確認しました');
    const [member] = await ctx().deps.db.select().from(members).where(eq(members.email, 'new.v1@example.test'));
    expect(member.emailVerifiedAt).not.toBeNull();
    expect((await client.get(link)).status).toBe(400);
    expect((await client.get('/verify-email?token=forged')).status).toBe(400);
  });

  it('logs in with a fresh random session whose token is stored only as a hash, in an HttpOnly SameSite cookie', async () => {
    const member = await createMember(ctx());
    const client = new TestClient(ctx());
    const res = await client.logIn(member.email, DEFAULT_PASSWORD);
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith('wz_session='))!;
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    const token = client.cookies.get('wz_session')!;
    expect(token.length).toBeGreaterThanOrEqual(43);
    const rows = await ctx().deps.db.select().from(sessions).where(eq(sessions.memberId, member.id));
    expect(rows).toHaveLength(1);
    expect(rows[0].tokenHash).toBe(hashToken(token));
    expect(JSON.stringify(rows)).not.toContain(token);
    const page = await client.get('/settings/account');
    expect(page.status).toBe(200);
    expect(page.text).toContain(member.email);
    // A second login is a second, different token.
    const other = new TestClient(ctx());
    await other.logIn(member.email, DEFAULT_PASSWORD);
    expect(other.cookies.get('wz_session')).not.toBe(token);
  });

  it('answers a wrong password and an unknown address with the same status and words', async () => {
    const member = await createMember(ctx());
    const wrong = await new TestClient(ctx()).post('/login', {
      email: member.email,
      password: 'definitely not the password',
    });
    const unknown = await new TestClient(ctx()).post('/login', {
      email: 'nobody-here@example.test',
      password: 'definitely not the password',
    });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    const message = 'メールアドレスまたはパスワードが正しくありません。';
    expect(wrong.text).toContain(message);
    expect(unknown.text).toContain(message);
    const failures = await ctx()
      .deps.db.select()
      .from(securityEvents)
      .where(and(eq(securityEvents.memberId, member.id), eq(securityEvents.kind, 'login_failed')));
    expect(failures).toHaveLength(1);
  });

  it('logs out on the server: the old cookie opens nothing afterwards', async () => {
    const member = await createMember(ctx());
    const client = new TestClient(ctx());
    await client.logIn(member.email, DEFAULT_PASSWORD);
    const stolen = client.cookies.get('wz_session')!;
    const res = await client.post('/logout');
    expect(res.location).toBe('/login?notice=logged-out');
    const replay = new TestClient(ctx());
    replay.cookies.set('wz_session', stolen);
    const page = await replay.get('/settings/account');
    expect(page.status).toBe(303);
    expect(page.location).toBe('/login?next=%2Fsettings%2Faccount');
  });

  it('ends sessions after the idle limit and the absolute limit', async () => {
    const member = await createMember(ctx());
    const client = new TestClient(ctx());
    await client.logIn(member.email, DEFAULT_PASSWORD);
    ctx().clock.advance(6 * DAY);
    expect((await client.get('/settings')).status).toBe(200); // used within the 7-day idle window: extended
    ctx().clock.advance(8 * DAY);
    expect((await client.get('/settings')).status).toBe(303); // idle for 8 days
    const steady = new TestClient(ctx());
    await steady.logIn(member.email, DEFAULT_PASSWORD);
    for (let day = 0; day < 30; day += 5) {
      ctx().clock.advance(5 * DAY);
      expect((await steady.get('/settings')).status).toBe(day + 5 < 30 ? 200 : 303);
    }
  });

  it('refuses a state-changing request without the form token, and changes nothing', async () => {
    const client = new TestClient(ctx());
    await client.get('/signup');
    const res = await client.request('POST', '/signup', { ...signupForm('c1') });
    expect(res.status).toBe(403);
    expect(res.text).toContain('フォームの有効期限が切れました');
    const rows = await ctx().deps.db.select().from(members).where(eq(members.email, 'new.c1@example.test'));
    expect(rows).toHaveLength(0);
    const crossSite = await client.request(
      'POST',
      '/signup',
      { ...signupForm('c2') },
      { origin: 'https://evil.example' },
    );
    expect(crossSite.status).toBe(403);
  });

  it('resets a password by mail with the same answer for unknown addresses, once, within an hour, without logging in', async () => {
    const member = await createMember(ctx());
    const client = new TestClient(ctx());
    await client.logIn(member.email, DEFAULT_PASSWORD);
    const visitor = new TestClient(ctx());
    const known = await visitor.post('/password/reset', { email: member.email });
    const unknown = await visitor.post('/password/reset', { email: 'nobody-at-all@example.test' });
    expect(known.status).toBe(unknown.status);
    expect(known.text.replace(/name="_csrf" value="[^"]+"/, '')).toBe(
      unknown.text.replace(/name="_csrf" value="[^"]+"/, ''),
    );
    // The requests did the same work: one queued job each, and no token or mail yet for either (#14 finding 9).
    const queued: any = await ctx().deps.db.execute(
      sql`select count(*)::int as n from pgboss.job where name = ${PASSWORD_RESET_JOB}`,
    );
    expect(queued.rows[0].n).toBe(2);
    const [{ n: tokensBefore }] = await ctx()
      .deps.db.select({ n: count() })
      .from(emailTokens)
      .where(and(eq(emailTokens.memberId, member.id), eq(emailTokens.purpose, 'password_reset')));
    expect(tokensBefore).toBe(0);
    expect(await lastMailTo(ctx(), 'nobody-at-all@example.test')).toBeNull();
    const mail = (await lastMailTo(ctx(), member.email))!;
    expect(mail.template).toBe('password_reset');
    const link = linkIn(mail.textBody, '/password/reset/confirm');
    const form = await visitor.get(link);
    expect(form.status).toBe(200);
    expect(form.headers.get('referrer-policy')).toBe('no-referrer');
    const token = new URLSearchParams(link.split('?')[1]).get('token')!;
    const [stored] = await ctx()
      .deps.db.select()
      .from(emailTokens)
      .where(eq(emailTokens.tokenHash, hashToken(token)));
    expect(stored.expiresAt.getTime() - stored.createdAt.getTime()).toBe(HOUR);
    const weak = await visitor.post('/password/reset/confirm', { token, password: 'short', endOtherSessions: 'on' });
    expect(weak.status).toBe(422);
    const done = await visitor.post('/password/reset/confirm', {
      token,
      password: 'a brand new passphrase for me',
      endOtherSessions: 'on',
    });
    expect(done.status).toBe(200);
    expect(visitor.cookies.has('wz_session')).toBe(false);
    expect((await client.get('/settings')).status).toBe(303); // the other session was ended
    expect(
      (
        await visitor.post('/password/reset/confirm', {
          token,
          password: 'yet another passphrase here',
          endOtherSessions: 'on',
        })
      ).status,
    ).toBe(400);
    expect((await lastMailTo(ctx(), member.email))!.template).toBe('password_changed');
    await new TestClient(ctx()).logIn(member.email, 'a brand new passphrase for me');
  });

  it('expires a reset link after an hour', async () => {
    const member = await createMember(ctx());
    const visitor = new TestClient(ctx());
    await visitor.post('/password/reset', { email: member.email });
    const link = linkIn((await lastMailTo(ctx(), member.email))!.textBody, '/password/reset/confirm');
    ctx().clock.advance(HOUR + 1000);
    expect((await visitor.get(link)).status).toBe(400);
  });

  it('changes the password only with the current one, ends other sessions and tells the member', async () => {
    const member = await createMember(ctx());
    const here = new TestClient(ctx());
    const elsewhere = new TestClient(ctx());
    await here.logIn(member.email, DEFAULT_PASSWORD);
    await elsewhere.logIn(member.email, DEFAULT_PASSWORD);
    const wrong = await here.post('/settings/account/password', {
      currentPassword: 'wrong wrong wrong',
      newPassword: 'another long passphrase here',
    });
    expect(wrong.status).toBe(422);
    expect(wrong.text).toContain('現在のパスワードが正しくありません');
    const ok = await here.post('/settings/account/password', {
      currentPassword: DEFAULT_PASSWORD,
      newPassword: 'another long passphrase here',
    });
    expect(ok.location).toBe('/settings/account?notice=password-changed');
    expect((await here.get('/settings')).status).toBe(200);
    expect((await elsewhere.get('/settings')).status).toBe(303);
    expect((await lastMailTo(ctx(), member.email))!.template).toBe('password_changed');
  });

  it('changes the email address only after the new address confirms, and tells the old one', async () => {
    const member = await createMember(ctx());
    const client = new TestClient(ctx());
    await client.logIn(member.email, DEFAULT_PASSWORD);
    const newEmail = `changed-${member.username}@example.test`;
    const noPassword = await client.post('/settings/account/email', {
      newEmail,
      currentPassword: 'not my password at all',
    });
    expect(noPassword.status).toBe(422);
    const res = await client.post('/settings/account/email', { newEmail, currentPassword: DEFAULT_PASSWORD });
    expect(res.status).toBe(200);
    let [row] = await ctx().deps.db.select().from(members).where(eq(members.id, member.id));
    expect(row.email).toBe(member.email);
    const link = linkIn((await lastMailTo(ctx(), newEmail))!.textBody, '/settings/account/email/confirm');
    expect((await client.get(link)).location).toBe('/settings/account?notice=email-changed');
    [row] = await ctx().deps.db.select().from(members).where(eq(members.id, member.id));
    expect(row.email).toBe(newEmail);
    expect((await lastMailTo(ctx(), member.email))!.template).toBe('email_changed');
  });

  it('speaks English when the browser asks for it, and switches language by the footer form', async () => {
    const client = new TestClient(ctx(), { 'accept-language': 'en-US,en;q=0.9' });
    expect((await client.get('/login')).text).toContain('<html lang="en"');
    const ja = new TestClient(ctx());
    await ja.get('/login');
    const res = await ja.post('/locale', { locale: 'en', back: '/signup' });
    expect(res.location).toBe('/signup');
    expect((await ja.get('/signup')).text).toContain('Sign up');
    expect((await ja.post('/locale', { locale: 'en', back: '//evil.example' })).location).toBe('/');
  });

  it('serves a proper 404 page and security headers', async () => {
    const res = await new TestClient(ctx()).get('/no/such/page');
    expect(res.status).toBe(404);
    expect(res.text).toContain('ページが見つかりません');
    expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('writes no mail and no member when the transaction fails half-way', async () => {
    const before = await ctx().deps.db.select({ n: count() }).from(mailOutbox);
    await expect(
      ctx().deps.db.transaction(async (tx) => {
        await tx.insert(mailOutbox).values({
          toAddress: 'x@example.test',
          template: 't',
          subject: 's',
          textBody: 't',
          htmlBody: 'h',
          createdAt: new Date(),
        });
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    const after = await ctx().deps.db.select({ n: count() }).from(mailOutbox);
    expect(after[0].n).toBe(before[0].n);
  });
});
