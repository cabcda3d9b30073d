import { Hono } from 'hono';
import { expect, it } from 'vitest';
import { MINUTE } from '../../platform/clock';
import { TestClient } from '../../../tests/support/client';
import { createMember, DEFAULT_PASSWORD } from '../../../tests/support/factories';
import { describeOnDatabases } from '../../../tests/support/suites';

describeOnDatabases('sessions and security history', (ctx) => {
  it('lists the member’s devices, ends one or all others, and the ended ones are logged out', async () => {
    const member = await createMember(ctx());
    const laptop = new TestClient(ctx(), { 'user-agent': 'Mozilla/5.0 (Macintosh; Mac OS X 14) Safari/605' });
    const phone = new TestClient(ctx(), { 'user-agent': 'Mozilla/5.0 (iPhone; CPU iPhone OS 18) Safari/604' });
    const tablet = new TestClient(ctx(), { 'user-agent': 'Mozilla/5.0 (Linux; Android 15) Chrome/150' });
    for (const c of [laptop, phone, tablet]) await c.logIn(member.email, DEFAULT_PASSWORD);
    const page = await laptop.get('/settings/security');
    expect(page.text).toContain('Safari / macOS');
    expect(page.text).toContain('Safari / iOS');
    expect(page.text).toContain('Chrome / Android');
    expect(page.text).toContain('セッションとは？');
    const phoneSession = [...page.text.matchAll(/action="\/settings\/security\/sessions\/([0-9a-f-]{36})\/end"/g)].map(
      (m) => m[1],
    );
    expect(phoneSession).toHaveLength(2); // every device but this one has an end button
    const stranger = await createMember(ctx());
    const strangerClient = new TestClient(ctx());
    await strangerClient.logIn(stranger.email, DEFAULT_PASSWORD);
    await strangerClient.post(`/settings/security/sessions/${phoneSession[0]}/end`); // not theirs: nothing happens
    expect((await phone.get('/settings')).status + (await tablet.get('/settings')).status).toBe(400);
    await laptop.post(`/settings/security/sessions/${phoneSession[0]}/end`);
    const stillIn = [(await phone.get('/settings')).status, (await tablet.get('/settings')).status].sort();
    expect(stillIn).toEqual([200, 303]);
    const res = await laptop.post('/settings/security/sessions/end-others');
    expect(res.location).toBe('/settings/security?ended=1#sessions');
    expect((await phone.get('/settings')).status).toBe(303);
    expect((await tablet.get('/settings')).status).toBe(303);
    expect((await laptop.get('/settings')).status).toBe(200);
    const history = await laptop.get('/settings/security');
    expect(history.text).toContain('端末のログアウト');
    expect(history.text).toContain('ログイン');
  });

  it('asks for the password again when the last proof is older than ten minutes, then returns to the page', async () => {
    const member = await createMember(ctx());
    const client = new TestClient(ctx());
    await client.logIn(member.email, DEFAULT_PASSWORD);
    const { recentAuthRequired } = await import('./reauth');
    const probe = new Hono<any>();
    probe.use('*', async (c, next) => {
      c.set('deps', ctx().deps);
      c.set('sessionAuthenticatedAt', new Date(ctx().clock.now().getTime() - 11 * MINUTE));
      await next();
    });
    probe.get('/settings/privacy', recentAuthRequired, (c) => c.text('ok'));
    const stale = await probe.request('/settings/privacy');
    expect(stale.headers.get('location')).toBe('/settings/reauth?next=%2Fsettings%2Fprivacy');
    const wrong = await client.post('/settings/reauth', {
      next: '/settings/privacy',
      password: 'not my password at all',
    });
    expect(wrong.status).toBe(422);
    expect(wrong.text).toContain('現在のパスワードが正しくありません');
    const right = await client.post('/settings/reauth', { next: '/settings/privacy', password: DEFAULT_PASSWORD });
    expect(right.location).toBe('/settings/privacy');
    for (const next of [
      'https://evil.example/',
      '//evil.example',
      '/\t/evil.example',
      '/\\evil.example',
      '/\n/evil.example',
    ]) {
      expect((await client.post('/settings/reauth', { next, password: DEFAULT_PASSWORD })).location).toBe('/');
    }
    expect((await client.get('/settings/security')).text).toContain('本人確認（再認証）');
  });
});
