import { eq } from 'drizzle-orm';
import { afterAll, expect, it } from 'vitest';
import { members } from '../accounts/schema';
import { identitySignals } from '../trust/schema';
import { suspendMember } from '../trust/suspension';
import { lastMailTo, TestClient } from '../../tests/support/client';
import { createMember, DEFAULT_PASSWORD, SIGNUP_CONSENT } from '../../tests/support/factories';
import { freePort } from '../../tests/support/httpServer';
import { signInAtProvider, snsProviderEnv, startOidcProvider } from '../../tests/support/oidcProvider';
import { describeOnDatabases } from '../../tests/support/suites';
import { enableTotp } from '../../tests/support/trust';
import { passkeys } from '../security/schema';
import { snsIdentities } from './schema';

const provider = await startOidcProvider({
  port: await freePort(),
  redirectUris: ['http://localhost:3000/auth/local/callback'],
});
afterAll(() => provider.close());

const uniqueLogin = (prefix: string) => `${prefix}${Math.floor(Math.random() * 1e9)}`;

describeOnDatabases(
  'SNS sign-in (OpenID Connect, against oidc-provider)',
  (ctx) => {
    const memberByEmail = async (email: string) =>
      (await ctx().deps.db.select().from(members).where(eq(members.email, email)))[0];

    it('signs up a new member with a confirmed address and no password, keeps only a hash of the subject, and never leaves it without a way in', async () => {
      const login = uniqueLogin('hanako');
      const browser = new TestClient(ctx());
      const back = await signInAtProvider(browser, login);
      expect(back.location).toBe('/signup/sns');
      const page = await browser.get('/signup/sns');
      expect(page.text).toContain(`${login}@example.test`);
      expect(page.text).toContain(`SNSの${login}`);
      expect((await browser.post('/signup/sns', { username: 'X!', displayName: '' })).text).toContain('半角英小文字');
      // Without agreeing to the terms (and with no age), the SNS sign-up is refused beside the fields, no account made.
      const unagreed = await browser.post('/signup/sns', { username: login.slice(0, 20), displayName: '花子' });
      expect(unagreed.status).toBe(422);
      expect(unagreed.text).toContain('利用規約とプライバシーポリシーへの同意が必要です');
      expect(unagreed.text).toContain('18歳以上か、18歳未満で法定代理人の同意があるかを選んでください');
      expect(await memberByEmail(`${login}@example.test`)).toBeUndefined();
      const done = await browser.post('/signup/sns', {
        ...SIGNUP_CONSENT,
        username: login.slice(0, 20),
        displayName: '花子',
      });
      expect(done.location).toBe('/settings/account?notice=sns-linked#sns');

      const member = await memberByEmail(`${login}@example.test`);
      expect(member).toMatchObject({ passwordHash: null, displayName: '花子' });
      expect(member.emailVerifiedAt).not.toBeNull();
      const [link] = await ctx().deps.db.select().from(snsIdentities).where(eq(snsIdentities.memberId, member.id));
      expect(link.subjectHash).toMatch(/^[0-9a-f]{64}$/);
      expect(JSON.stringify(link)).not.toContain(login);
      expect(
        (await ctx().deps.db.select().from(identitySignals).where(eq(identitySignals.memberId, member.id)))
          .map((s) => s.kind)
          .sort(),
      ).toEqual(['device', 'email', 'sns']);

      // The only way in cannot be removed; after setting a password it can.
      expect((await browser.post('/settings/account/sns/local/unlink')).location).toBe(
        '/settings/account?problem=last-way-in#sns',
      );
      expect((await browser.get('/settings/account?problem=last-way-in')).text).toContain(
        'ログインの方法がなくなるため解除できません',
      );
      expect((await browser.post('/settings/account/password', { newPassword: 'short' })).status).toBe(422);
      expect(
        (await browser.post('/settings/account/password', { newPassword: 'yuuyake koyake no akatombo 2026' })).location,
      ).toBe('/settings/account?notice=password-changed');
      expect((await browser.post('/settings/account/sns/local/unlink')).location).toBe(
        '/settings/account?notice=sns-unlinked#sns',
      );
      expect(await ctx().deps.db.select().from(snsIdentities).where(eq(snsIdentities.memberId, member.id))).toEqual([]);
      expect(
        (
          await new TestClient(ctx()).post('/login', {
            email: member.email,
            password: 'yuuyake koyake no akatombo 2026',
          })
        ).status,
      ).toBe(303);
    });

    it('never takes over an existing account by its address: the owner logs in and links; then SNS login opens that account', async () => {
      const owner = await createMember(ctx());
      const login = owner.email; // the provider vouches for the same address
      const stranger = new TestClient(ctx());
      const refused = await signInAtProvider(stranger, login);
      expect(refused.status).toBe(403);
      expect(refused.text).toContain('アカウント設定」でSNSアカウントを連携');

      const settings = new TestClient(ctx());
      await settings.logIn(owner.email, DEFAULT_PASSWORD);
      expect((await signInAtProvider(settings, login, { intent: 'link' })).location).toBe(
        '/settings/account?notice=sns-linked#sns',
      );
      expect((await settings.get('/settings/account')).text).toContain('連携中');
      const later = new TestClient(ctx());
      expect((await signInAtProvider(later, login, { intent: 'login', next: '/mypage' })).location).toBe('/mypage');
      expect((await later.get('/mypage')).status).toBe(200);
      // Another member cannot link the same SNS account.
      const other = new TestClient(ctx());
      await other.logIn((await createMember(ctx())).email, DEFAULT_PASSWORD);
      expect((await signInAtProvider(other, login, { intent: 'link' })).text).toContain('別の技市アカウントに連携済み');
    });

    it('goes through the second step when one is on, and refuses addresses the provider has not confirmed', async () => {
      const owner = await createMember(ctx());
      const settings = new TestClient(ctx());
      await settings.logIn(owner.email, DEFAULT_PASSWORD);
      await signInAtProvider(settings, owner.email, { intent: 'link' });
      await enableTotp(ctx(), owner, settings);
      const browser = new TestClient(ctx());
      expect((await signInAtProvider(browser, owner.email)).location).toBe('/login/verify?next=%2F');
      expect((await browser.get('/mypage')).status).toBe(303);

      const unverified = await signInAtProvider(new TestClient(ctx()), uniqueLogin('unverified'));
      expect(unverified.text).toContain('確認済みのメールアドレスを受け取れませんでした');
    });

    it('lets an SNS-only member leave with the SNS confirmation instead of a password', async () => {
      const login = uniqueLogin('leaver');
      const browser = new TestClient(ctx());
      await signInAtProvider(browser, login);
      await browser.post('/signup/sns', { ...SIGNUP_CONSENT, username: login.slice(0, 20), displayName: '去る人' });
      // Without a password, the SNS sign-in a moment ago is the proof for changing the address too.
      expect((await browser.get('/settings/account/email')).text).not.toContain('name="currentPassword"');
      const moved = await browser.post('/settings/account/email', { newEmail: `${login}@moved.example` });
      expect(moved.status).toBe(200);
      expect((await lastMailTo(ctx(), `${login}@moved.example`))!.subject).toContain('メールアドレス');
      const confirm = await browser.post('/settings/withdrawal/confirm', { reason: 'other', freeText: '' });
      expect(confirm.text).toContain('SNSアカウントでの本人確認');
      expect(confirm.text).not.toContain('name="password"');
      expect(
        (await browser.post('/settings/withdrawal', { reason: 'other', freeText: '', understood: 'on' })).status,
      ).toBe(200);
      const member = await memberByEmail(`${login}@example.test`);
      expect(member.status).toBe('withdrawn');
      expect(await ctx().deps.db.select().from(snsIdentities).where(eq(snsIdentities.memberId, member.id))).toEqual([]);
    });

    it('keeps the last way in: a passkey lets the SNS link go, and then the passkey cannot go', async () => {
      const login = uniqueLogin('keyholder');
      const browser = new TestClient(ctx());
      await signInAtProvider(browser, login);
      await browser.post('/signup/sns', { ...SIGNUP_CONSENT, username: login.slice(0, 20), displayName: '鍵の人' });
      const member = await memberByEmail(`${login}@example.test`);
      // A passkey as registration leaves it (the ceremony itself is walked in Chromium in passkeys.e2e).
      const [key] = await ctx()
        .deps.db.insert(passkeys)
        .values({
          memberId: member.id,
          credentialId: `cred-${login}`,
          publicKey: 'pk',
          counter: 0,
          name: '手元の端末',
          createdAt: ctx().clock.now(),
        })
        .returning();
      expect((await browser.post('/settings/account/sns/local/unlink')).location).toBe(
        '/settings/account?notice=sns-unlinked#sns',
      );
      expect((await browser.post(`/settings/security/passkeys/${key.id}/remove`)).location).toBe(
        '/settings/security?problem=last-way-in#passkeys',
      );
      expect((await browser.get('/settings/security?problem=last-way-in')).text).toContain(
        'ログインの方法がなくなるため',
      );
      expect(await ctx().deps.db.select().from(passkeys).where(eq(passkeys.memberId, member.id))).toHaveLength(1);
    });

    it('refuses a forged or replayed callback', async () => {
      const browser = new TestClient(ctx());
      expect((await browser.get('/auth/local/callback?code=abc&state=forged')).status).toBe(400);
      expect((await browser.get('/auth/nope/callback?code=abc')).status).toBe(404);
      const started = await browser.post('/auth/local/start', { intent: 'login' });
      const state = new URL(started.location!).searchParams.get('state');
      expect((await browser.get(`/auth/local/callback?code=made-up&state=${state}`)).status).toBe(400);
    });

    it('refuses a suspended member who leaves and comes back with the same SNS account', async () => {
      const login = uniqueLogin('banned');
      const browser = new TestClient(ctx());
      await signInAtProvider(browser, login);
      await browser.post('/signup/sns', {
        ...SIGNUP_CONSENT,
        username: login.slice(0, 20),
        displayName: '停止される人',
      });
      const member = await memberByEmail(`${login}@example.test`);
      await suspendMember(ctx().deps, null, member.id, { reason: '複数アカウント', endsAt: null });
      const whileSuspended = await signInAtProvider(new TestClient(ctx()), login);
      expect(whileSuspended.status).toBe(403);
      expect(whileSuspended.text).toContain('複数アカウント');
      // It leaves (the account row stays 30 days, its links go at once); the SNS account stays banned.
      await ctx()
        .deps.db.update(members)
        .set({ status: 'withdrawn', withdrawnAt: ctx().clock.now() })
        .where(eq(members.id, member.id));
      await ctx().deps.db.delete(snsIdentities).where(eq(snsIdentities.memberId, member.id));
      const again = await signInAtProvider(new TestClient(ctx()), login);
      expect(again.status).toBe(403);
      expect(again.text).toContain('この情報では登録できません');
    });
  },
  { env: snsProviderEnv(provider.issuer) },
);
