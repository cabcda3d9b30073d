import { expect, it } from 'vitest';
import { TestClient } from '../../tests/support/client';
import { createMember, DEFAULT_PASSWORD } from '../../tests/support/factories';
import { createOrder } from '../../tests/support/marketplace';
import { describeOnDatabases } from '../../tests/support/suites';
import { audiences, type Audience } from './schema';
import { defaultPrivacy, detailFields, visibleFields, type ViewerKind } from './visibility';

const PNG_1x1 = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);
const viewers: ViewerKind[] = ['visitor', 'member', 'follower', 'self'];
// Written out from the product rule, independently of the code: who each audience reaches.
const expected: Record<Audience, ViewerKind[]> = {
  public: ['visitor', 'member', 'follower', 'self'],
  members: ['member', 'follower', 'self'],
  followers: ['follower', 'self'],
  private: ['self'],
};

it('decides every field for every viewer and setting (4 × 4 × 5), under a public profile', () => {
  let checked = 0;
  for (const viewer of viewers) {
    for (const setting of audiences) {
      for (const field of detailFields) {
        const visible = visibleFields(viewer, { ...defaultPrivacy, profile: 'public', [field]: setting });
        expect(visible[field], `${field}=${setting} seen by ${viewer}`).toBe(expected[setting].includes(viewer));
        checked += 1;
      }
    }
  }
  expect(checked).toBe(80);
});

it('hides every field from whoever cannot see the profile itself', () => {
  for (const viewer of viewers) {
    for (const setting of audiences) {
      const visible = visibleFields(viewer, {
        ...defaultPrivacy,
        profile: setting,
        realName: 'public',
        website: 'public',
        follows: 'public',
      });
      expect(visible.profile).toBe(expected[setting].includes(viewer));
      for (const field of ['realName', 'website', 'follows'] as const) expect(visible[field]).toBe(visible.profile);
    }
  }
});

it('keeps real name, area and birthday to the member by default', () => {
  const seen = visibleFields('follower', defaultPrivacy);
  expect([seen.realName, seen.location, seen.birthday]).toEqual([false, false, false]);
});

describeOnDatabases('privacy settings on the pages', (ctx) => {
  it('applies the member’s choices to the profile page for visitors, members, followers and the member', async () => {
    const owner = await createMember(ctx(), { displayName: '公開テスト' });
    const me = new TestClient(ctx());
    await me.logIn(owner.email, DEFAULT_PASSWORD);
    const details = new FormData();
    for (const [k, val] of Object.entries({
      displayName: '公開テスト',
      bio: '',
      skills: '',
      realName: '山田秘密子',
      location: '京都市',
      birthday: '1990-04-01',
      website: 'https://example.test/me',
    }))
      details.set(k, val);
    expect((await me.postMultipart('/settings/profile', details)).status).toBe(303);
    const visitor = new TestClient(ctx());
    const member = new TestClient(ctx());
    await member.logIn((await createMember(ctx())).email, DEFAULT_PASSWORD);
    const follower = new TestClient(ctx());
    await follower.logIn((await createMember(ctx())).email, DEFAULT_PASSWORD);
    await follower.post(`/users/${owner.username}/follow`);
    const page = (c: TestClient) => c.get(`/users/${owner.username}`);

    // Defaults: the website is public; real name, area and birthday only for the owner.
    expect((await page(visitor)).text).toContain('https://example.test/me');
    expect((await page(follower)).text).not.toContain('山田秘密子');
    expect((await page(me)).text).toContain('山田秘密子');

    const save = (choices: Record<string, string>) =>
      me.post('/settings/privacy', {
        profile: 'public',
        realName: 'private',
        location: 'private',
        birthday: 'private',
        website: 'public',
        follows: 'public',
        directMessages: 'everyone',
        ...choices,
      });
    expect((await save({ realName: 'followers', location: 'members' })).location).toBe(
      '/settings/privacy?notice=saved',
    );
    expect((await page(visitor)).text).not.toContain('京都市');
    expect((await page(member)).text).toContain('京都市');
    expect((await page(member)).text).not.toContain('山田秘密子');
    expect((await page(follower)).text).toContain('山田秘密子'); // followed while no approval was needed
    // From now on a follow is a request: asking makes nobody a follower until the owner approves.
    await member.post(`/users/${owner.username}/follow`);
    expect((await page(member)).text).toContain('リクエスト中');
    expect((await page(member)).text).not.toContain('山田秘密子');

    await save({ profile: 'members', follows: 'private' });
    expect((await page(visitor)).status).toBe(403);
    expect((await page(member)).status).toBe(200);
    expect((await member.get(`/users/${owner.username}/followers`)).status).toBe(403);
    expect((await me.get(`/users/${owner.username}/followers`)).status).toBe(200);

    await save({ profile: 'private', noindex: 'on' });
    const hidden = await page(follower);
    expect(hidden.status).toBe(403);
    expect(hidden.text).toContain('noindex');
    expect(hidden.text).not.toContain('山田秘密子');
    expect((await save({ profile: 'everybody' })).status).toBe(422); // not a choice: nothing saved
    expect((await page(me)).status).toBe(200);
  });

  it('shows the profile picture only to those who may see the profile', async () => {
    const owner = await createMember(ctx());
    const me = new TestClient(ctx());
    await me.logIn(owner.email, DEFAULT_PASSWORD);
    const form = new FormData();
    form.set('displayName', owner.displayName);
    form.set('avatar', new File([PNG_1x1], 'me.png'));
    expect((await me.postMultipart('/settings/profile', form)).status).toBe(303);
    const visitor = new TestClient(ctx());
    const member = new TestClient(ctx());
    await member.logIn((await createMember(ctx())).email, DEFAULT_PASSWORD);
    const avatar = (c: TestClient) => c.get(`/avatars/${owner.id}`);
    expect((await avatar(visitor)).status).toBe(200);

    const save = (profile: string) =>
      me.post('/settings/privacy', {
        profile,
        realName: 'private',
        location: 'private',
        birthday: 'private',
        website: 'public',
        follows: 'public',
        directMessages: 'everyone',
      });
    await save('members');
    expect((await avatar(visitor)).status).toBe(404);
    expect((await avatar(member)).status).toBe(200);
    await save('private');
    expect((await avatar(member)).status).toBe(404);
    const own = await avatar(me);
    expect(own.status).toBe(200);
    expect(own.headers.get('content-type')).toBe('image/png');
  });

  it('lets a member receive messages from everyone, only trading partners, or nobody', async () => {
    const order = await createOrder(ctx());
    const seller = new TestClient(ctx());
    await seller.logIn(order.seller.email, DEFAULT_PASSWORD);
    const partner = new TestClient(ctx());
    await partner.logIn(order.buyer.email, DEFAULT_PASSWORD);
    const stranger = new TestClient(ctx());
    await stranger.logIn((await createMember(ctx())).email, DEFAULT_PASSWORD);
    const base = {
      profile: 'public',
      realName: 'private',
      location: 'private',
      birthday: 'private',
      website: 'public',
      follows: 'public',
    };
    await seller.post('/settings/privacy', { ...base, directMessages: 'traded' });
    expect((await stranger.post('/messages/start', { to: order.seller.username })).text).toContain(
      'メッセージを受け付けていません',
    );
    const room = await partner.post('/messages/start', { to: order.seller.username });
    expect(room.location).toMatch(/^\/messages\//);
    await seller.post('/settings/privacy', { ...base, directMessages: 'nobody' });
    expect((await partner.post(`${room.location}/messages`, { body: '追加のご相談です' })).text).toContain(
      'メッセージを受け付けていません',
    );
  });
});
