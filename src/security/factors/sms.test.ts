import { execFileSync } from 'node:child_process';
import { desc, eq } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { MINUTE } from '../../platform/clock';
import { TestClient } from '../../../tests/support/client';
import { createMember, DEFAULT_PASSWORD } from '../../../tests/support/factories';
import { describeOnDatabases } from '../../../tests/support/suites';
import { phoneNumbers, smsOutbox } from '../schema';
import { normalisePhone } from './sms';

function codeAt(secret: string, at: Date): string {
  const when = at
    .toISOString()
    .replace('T', ' ')
    .replace(/\.\d+Z$/, ' UTC');
  return execFileSync('oathtool', ['--totp', '--base32', '-N', when, secret]).toString().trim();
}

it('reads Japanese phone numbers as people type them', () => {
  expect(normalisePhone('090-1234-5678')).toBe('+819012345678');
  expect(normalisePhone('０３（１２３４）５６７８')).toBe('+81312345678');
  expect(normalisePhone('+1 415 555 0100')).toBe('+14155550100');
  expect(normalisePhone('12345')).toBeNull();
});

describeOnDatabases('SMS as a backup second step', (ctx) => {
  const lastText = async (to: string) =>
    (
      await ctx()
        .deps.db.select()
        .from(smsOutbox)
        .where(eq(smsOutbox.toNumber, to))
        .orderBy(desc(smsOutbox.createdAt))
        .limit(1)
    )[0];
  const codeIn = (body: string) => body.match(/(\d{6})/)![1];

  it('is offered only beside an authenticator app, verifies the number, and logs in with a code bound to that login', async () => {
    const member = await createMember(ctx());
    const owner = new TestClient(ctx());
    await owner.logIn(member.email, DEFAULT_PASSWORD);
    const refused = await owner.post('/settings/security/phone', { phone: '090-1111-2222' });
    expect(refused.text).toContain('認証アプリかパスキーを設定したあとで');
    const setup = await owner.get('/settings/security/totp');
    const secret = setup.text.match(/data-testid="totp-secret"[^>]*>([A-Z2-7 ]+)</)![1].replace(/ /g, '');
    await owner.post('/settings/security/totp', { code: codeAt(secret, ctx().clock.now()) });
    const sent = await owner.post('/settings/security/phone', { phone: '090-1111-2222' });
    expect(sent.text).toContain('+819011112222 に確認コードを送りました');
    const text = await lastText('+819011112222');
    expect(text.body).toContain('10分間有効');
    expect((await owner.post('/settings/security/phone/confirm', { code: '000000' })).status).toBe(422);
    expect((await owner.post('/settings/security/phone/confirm', { code: codeIn(text.body) })).location).toBe(
      '/settings/security#sms',
    );
    expect(
      (await ctx().deps.db.select().from(phoneNumbers).where(eq(phoneNumbers.memberId, member.id)))[0].verifiedAt,
    ).not.toBeNull();

    ctx().clock.advance(MINUTE);
    const first = new TestClient(ctx());
    await first.post('/login', { email: member.email, password: DEFAULT_PASSWORD });
    expect((await first.get('/login/verify')).text).toContain('SMSで確認コードを受け取る');
    await first.post('/login/verify/sms', { next: '/' });
    const loginCode = codeIn((await lastText('+819011112222')).body);
    // The same code in another browser's pending login is worthless.
    const second = new TestClient(ctx());
    await second.post('/login', { email: member.email, password: DEFAULT_PASSWORD });
    expect((await second.post('/login/verify', { code: loginCode, next: '/' })).status).toBe(422);
    expect((await first.post('/login/verify', { code: loginCode, next: '/mypage' })).location).toBe('/mypage');
    const third = new TestClient(ctx());
    await third.post('/login', { email: member.email, password: DEFAULT_PASSWORD });
    expect((await third.post('/login/verify', { code: loginCode, next: '/' })).status).toBe(422); // used once already
  });

  it('expires codes after ten minutes, limits texts per number, and goes away when the app is turned off', async () => {
    const member = await createMember(ctx());
    const owner = new TestClient(ctx());
    await owner.logIn(member.email, DEFAULT_PASSWORD);
    const setup = await owner.get('/settings/security/totp');
    const secret = setup.text.match(/data-testid="totp-secret"[^>]*>([A-Z2-7 ]+)</)![1].replace(/ /g, '');
    await owner.post('/settings/security/totp', { code: codeAt(secret, ctx().clock.now()) });
    await owner.post('/settings/security/phone', { phone: '080-3333-4444' });
    const code = codeIn((await lastText('+818033334444')).body);
    ctx().clock.advance(10 * MINUTE + 1000);
    await owner.post('/settings/reauth', { next: '/', password: DEFAULT_PASSWORD });
    expect((await owner.post('/settings/security/phone/confirm', { code })).status).toBe(422);
    // Three texts in ten minutes per number and account; the fourth is refused.
    for (let i = 0; i < 3; i++)
      expect((await owner.post('/settings/security/phone', { phone: '080-3333-4444' })).status).toBe(200);
    const fourth = await owner.post('/settings/security/phone', { phone: '080-3333-4444' });
    expect(fourth.text).toContain('試行回数が多すぎます');
    await owner.post('/settings/security/phone/confirm', { code: codeIn((await lastText('+818033334444')).body) });
    await owner.post('/settings/security/totp/disable');
    expect(await ctx().deps.db.select().from(phoneNumbers).where(eq(phoneNumbers.memberId, member.id))).toHaveLength(0);
    const page = await ctx().app.request('/dev/sms');
    expect(await page.text()).toContain('+818033334444');
  });
});
