import { eq } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { members } from '../../accounts/schema';
import { TestClient } from '../../../tests/support/client';
import { createMember } from '../../../tests/support/factories';
import { describeOnDatabases } from '../../../tests/support/suites';
import { endMemberSessions } from './sessions';

const tokenIn = (html: string) => html.match(/name="_csrf" value="([^"]+)"/)![1];

describeOnDatabases('form tokens bound to the session', (ctx) => {
  const profileForm = (token: string) => ({
    _csrf: token,
    displayName: 'Pの表示名',
    bio: 'Pの自己紹介',
    skills: '',
    realName: 'P本名',
    location: '',
    birthday: '',
    website: '',
  });
  const displayNameOf = async (id: string) =>
    (await ctx().deps.db.select().from(members).where(eq(members.id, id)))[0].displayName;

  it('refuses a form left open as P after logging out and in as Q in another tab, and changes nothing', async () => {
    const p = await createMember(ctx());
    const q = await createMember(ctx());
    const browser = new TestClient(ctx());
    await browser.logIn(p.email, p.password);
    const tabOne = tokenIn((await browser.get('/settings/profile')).text);
    // Tab two: log out, log in as Q.
    expect((await browser.post('/logout')).status).toBe(303);
    await browser.logIn(q.email, q.password);
    const stale = await browser.request('POST', '/settings/profile', profileForm(tabOne));
    expect(stale.status).toBe(403);
    expect(stale.text).toContain('フォームの有効期限が切れました');
    expect(stale.text).toContain('もう一度お試しください');
    expect(await displayNameOf(q.id)).toBe(q.displayName);
    expect(await displayNameOf(p.id)).toBe(p.displayName);
    // Q's own page works: only the stale token is refused.
    const fresh = tokenIn((await browser.get('/settings/profile')).text);
    expect(fresh).not.toBe(tabOne);
    const saved = await browser.request('POST', '/settings/profile', {
      ...profileForm(fresh),
      displayName: 'Qの新しい名前',
    });
    expect(saved.status).toBe(303);
    expect(await displayNameOf(q.id)).toBe('Qの新しい名前');
  });

  it('refuses a form from before log-in, and one whose session was ended elsewhere, in the reader’s language', async () => {
    const p = await createMember(ctx());
    const browser = new TestClient(ctx(), { 'accept-language': 'en' });
    const loggedOut = tokenIn((await browser.get('/login')).text);
    await browser.logIn(p.email, p.password);
    const before = await browser.request('POST', '/settings/profile', profileForm(loggedOut));
    expect(before.status).toBe(403);
    expect(before.text).toContain('This form has expired');
    expect(before.text).toContain('Please try again');
    const open = tokenIn((await browser.get('/settings/profile')).text);
    await ctx().deps.db.transaction((tx) => endMemberSessions(tx, p.id, 'test', ctx().clock.now()));
    const ended = await browser.request('POST', '/settings/profile', profileForm(open));
    expect(ended.status).toBe(403);
    expect(ended.text).toContain('This form has expired');
    expect(await displayNameOf(p.id)).toBe(p.displayName);
  });

  it('refuses a logged-out form posted with another browser’s cookies', async () => {
    const p = await createMember(ctx());
    const mine = new TestClient(ctx());
    await mine.logIn(p.email, p.password);
    const other = new TestClient(ctx());
    const theirs = tokenIn((await other.get('/login')).text);
    const res = await mine.request('POST', '/settings/profile', profileForm(theirs));
    expect(res.status).toBe(403);
    expect(await displayNameOf(p.id)).toBe(p.displayName);
  });
});
