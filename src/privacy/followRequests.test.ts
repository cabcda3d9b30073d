import { and, eq } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { followRequests, follows } from './schema';
import { mailOutbox } from '../platform/mail/schema';
import { TestClient } from '../../tests/support/client';
import { createMember, DEFAULT_PASSWORD } from '../../tests/support/factories';
import { describeOnDatabases } from '../../tests/support/suites';
import { defaultPrivacy, followNeedsApproval } from './visibility';

const base = {
  profile: 'public',
  realName: 'private',
  location: 'private',
  birthday: 'private',
  website: 'public',
  follows: 'public',
  directMessages: 'everyone',
};

it('asks for approval exactly when some choice is "followers only"', () => {
  expect(followNeedsApproval(defaultPrivacy)).toBe(false);
  expect(followNeedsApproval({ ...defaultPrivacy, profile: 'members', realName: 'private', follows: 'members' })).toBe(
    false,
  );
  expect(followNeedsApproval({ ...defaultPrivacy, profile: 'followers' })).toBe(true);
  expect(followNeedsApproval({ ...defaultPrivacy, birthday: 'followers' })).toBe(true);
  expect(followNeedsApproval({ ...defaultPrivacy, follows: 'followers' })).toBe(true);
});

describeOnDatabases('follow requests', (ctx) => {
  async function loggedIn(member: { email: string }) {
    const client = new TestClient(ctx());
    await client.logIn(member.email, DEFAULT_PASSWORD);
    return client;
  }

  /** A member with real name, area and birthday filled in, and the given privacy choices. */
  async function owner(choices: Record<string, string>) {
    const member = await createMember(ctx(), { displayName: '鍵付きの人' });
    const client = await loggedIn(member);
    const details = new FormData();
    for (const [k, val] of Object.entries({
      displayName: '鍵付きの人',
      bio: '',
      skills: '',
      realName: '山田秘密子',
      location: '京都市',
      birthday: '1990-04-01',
      website: '',
    }))
      details.set(k, val);
    expect((await client.postMultipart('/settings/profile', details)).status).toBe(303);
    expect((await client.post('/settings/privacy', { ...base, ...choices })).status).toBe(303);
    return { member, client };
  }

  const rows = async (requesterId: string, followeeId: string) => ({
    requests: await ctx()
      .deps.db.select()
      .from(followRequests)
      .where(and(eq(followRequests.requesterId, requesterId), eq(followRequests.followeeId, followeeId))),
    follows: await ctx()
      .deps.db.select()
      .from(follows)
      .where(and(eq(follows.followerId, requesterId), eq(follows.followeeId, followeeId))),
  });

  it('makes a follow to a followers-only member a request that reveals nothing until approved, mails the member, and approval reveals exactly the followers fields', async () => {
    const { member: shy, client: shyClient } = await owner({
      realName: 'followers',
      location: 'members',
      birthday: 'private',
    });
    const asker = await createMember(ctx(), { displayName: '申請する人' });
    const askerClient = await loggedIn(asker);
    const page = () => askerClient.get(`/users/${shy.username}`);
    expect((await page()).text).toContain('このメンバーのフォローは承認制です');

    expect((await askerClient.post(`/users/${shy.username}/follow`)).status).toBe(303);
    expect(await rows(asker.id, shy.id)).toMatchObject({ requests: [{ requesterId: asker.id }], follows: [] });
    const waiting = await page();
    expect(waiting.text).toContain('リクエスト中');
    expect(waiting.text).toContain('取り消す');
    expect(waiting.text).toContain('京都市'); // members may see the area
    expect(waiting.text).not.toContain('山田秘密子');
    expect(waiting.text).toContain('フォロワー 0');
    // Asking twice changes nothing and mails once.
    await askerClient.post(`/users/${shy.username}/follow`);
    const mails = await ctx()
      .deps.db.select()
      .from(mailOutbox)
      .where(and(eq(mailOutbox.memberId, shy.id), eq(mailOutbox.template, 'follow_request')));
    expect(mails).toHaveLength(1);
    expect(mails[0].subject).toBe('【技市】申請する人さんからフォローリクエストが届きました');
    expect(mails[0].textBody).toContain('/settings/follow-requests');
    // Cancelling and asking again the same day makes a request but no second mail.
    await askerClient.post(`/users/${shy.username}/unfollow`);
    await askerClient.post(`/users/${shy.username}/follow`);
    expect(
      await ctx()
        .deps.db.select()
        .from(mailOutbox)
        .where(and(eq(mailOutbox.memberId, shy.id), eq(mailOutbox.template, 'follow_request'))),
    ).toHaveLength(1);
    expect((await rows(asker.id, shy.id)).requests).toHaveLength(1);

    const requestsPage = await shyClient.get('/settings/follow-requests');
    expect(requestsPage.text).toContain('申請する人');
    expect(requestsPage.text).toContain('data-testid="request-count">(1)');
    expect((await shyClient.get(`/users/${shy.username}`)).text).toContain('フォローリクエスト（1件）');
    // Like every form, approving needs the page's CSRF token.
    const forged = await shyClient.request('POST', `/settings/follow-requests/${asker.username}/approve`, {});
    expect(forged.status).toBe(403);
    expect((await rows(asker.id, shy.id)).follows).toEqual([]);

    expect((await shyClient.post(`/settings/follow-requests/${asker.username}/approve`)).location).toBe(
      '/settings/follow-requests?notice=approved',
    );
    expect(await rows(asker.id, shy.id)).toMatchObject({ requests: [], follows: [{ followerId: asker.id }] });
    const approved = await page();
    expect(approved.text).toContain('山田秘密子');
    expect(approved.text).toContain('京都市');
    expect(approved.text).not.toContain('1990-04-01');
    expect(approved.text).toContain('フォロー中');
    expect(approved.text).toContain('フォローをやめる');
    expect(approved.text).toContain('フォロワー 1');
  });

  it('removes a request when the asker cancels it or the member declines it; neither reveals anything', async () => {
    const { member: shy, client: shyClient } = await owner({ profile: 'followers' });
    const asker = await createMember(ctx());
    const askerClient = await loggedIn(asker);
    const closed = await askerClient.get(`/users/${shy.username}`);
    expect(closed.status).toBe(403);
    expect(closed.text).toContain(`action="/users/${shy.username}/follow"`);
    expect(closed.text).not.toContain('鍵付きの人');
    expect((await new TestClient(ctx()).get(`/users/${shy.username}`)).text).not.toContain('/follow"');

    await askerClient.post(`/users/${shy.username}/follow`);
    expect((await rows(asker.id, shy.id)).requests).toHaveLength(1);
    const asked = await askerClient.get(`/users/${shy.username}`);
    expect(asked.status).toBe(403);
    expect(asked.text).toContain('リクエスト中');
    expect(asked.text).toContain(`action="/users/${shy.username}/unfollow"`);
    expect(asked.text).not.toContain('鍵付きの人');
    await askerClient.post(`/users/${shy.username}/unfollow`);
    expect(await rows(asker.id, shy.id)).toEqual({ requests: [], follows: [] });
    expect((await shyClient.get('/settings/follow-requests')).text).toContain('承認を待っているリクエストはありません');

    await askerClient.post(`/users/${shy.username}/follow`);
    expect((await shyClient.post(`/settings/follow-requests/${asker.username}/decline`)).location).toBe(
      '/settings/follow-requests?notice=declined',
    );
    expect(await rows(asker.id, shy.id)).toEqual({ requests: [], follows: [] });
    expect((await askerClient.get(`/users/${shy.username}`)).status).toBe(403);
  });

  it('follows at once where no approval is needed, approves waiting requests when the member stops needing it, and lets the member remove a follower', async () => {
    const { member: shy, client: shyClient } = await owner({ realName: 'followers' });
    const early = await createMember(ctx());
    const earlyClient = await loggedIn(early);
    await earlyClient.post(`/users/${shy.username}/follow`);
    expect((await rows(early.id, shy.id)).requests).toHaveLength(1);
    expect((await shyClient.get('/settings/privacy')).text).toContain('フォローリクエスト（1件）');

    const saved = await shyClient.post('/settings/privacy', { ...base, realName: 'members' });
    expect(saved.location).toBe('/settings/privacy?notice=saved&approved=1');
    expect((await shyClient.get(saved.location!)).text).toContain('届いていたフォローリクエスト1件を承認しました');
    expect(await rows(early.id, shy.id)).toMatchObject({ requests: [], follows: [{ followerId: early.id }] });

    const later = await createMember(ctx());
    await (await loggedIn(later)).post(`/users/${shy.username}/follow`);
    expect(await rows(later.id, shy.id)).toMatchObject({ requests: [], follows: [{ followerId: later.id }] });
    expect(
      await ctx()
        .deps.db.select()
        .from(mailOutbox)
        .where(and(eq(mailOutbox.memberId, shy.id), eq(mailOutbox.template, 'follow_request'))),
    ).toHaveLength(1);

    // Back to followers only: those who followed meanwhile are followers, until the member removes them.
    await shyClient.post('/settings/privacy', { ...base, realName: 'followers' });
    expect((await earlyClient.get(`/users/${shy.username}`)).text).toContain('山田秘密子');
    const own = await shyClient.get(`/users/${shy.username}/followers`);
    expect(own.text).toContain(`/settings/followers/${early.username}/remove`);
    expect((await shyClient.post(`/settings/followers/${early.username}/remove`)).location).toBe(
      `/users/${shy.username}/followers?notice=removed`,
    );
    expect(await rows(early.id, shy.id)).toEqual({ requests: [], follows: [] });
    expect((await earlyClient.get(`/users/${shy.username}`)).text).not.toContain('山田秘密子');
  });

  it('leaves out of follow lists the people whose own settings hide their profile or their follow lists from the viewer', async () => {
    const star = await createMember(ctx(), { displayName: 'みんなの人' });
    const starClient = await loggedIn(star);
    const people = {
      open: await owner({}),
      privateProfile: await owner({ profile: 'private' }),
      membersProfile: await owner({ profile: 'members' }),
      hiddenLists: await owner({ follows: 'private' }),
      followersLists: await owner({ follows: 'followers' }),
    };
    for (const { client } of Object.values(people)) await client.post(`/users/${star.username}/follow`);
    // An approved follower of the member whose lists are for followers only.
    const friend = await createMember(ctx());
    const friendClient = await loggedIn(friend);
    await friendClient.post(`/users/${people.followersLists.member.username}/follow`);
    await people.followersLists.client.post(`/settings/follow-requests/${friend.username}/approve`);
    await starClient.post(`/users/${people.privateProfile.member.username}/follow`);

    const listed = async (client: TestClient, direction = 'followers') => {
      const text = (await client.get(`/users/${star.username}/${direction}`)).text;
      return Object.entries(people)
        .filter(([, p]) => text.includes(`@${p.member.username}`))
        .map(([key]) => key);
    };
    expect(await listed(new TestClient(ctx()))).toEqual(['open']);
    const stranger = await loggedIn(await createMember(ctx()));
    expect(await listed(stranger)).toEqual(['open', 'membersProfile']);
    expect(await listed(friendClient)).toEqual(['open', 'membersProfile', 'followersLists']);
    expect(await listed(starClient)).toEqual([
      'open',
      'privateProfile',
      'membersProfile',
      'hiddenLists',
      'followersLists',
    ]);
    expect(await listed(stranger, 'following')).toEqual([]);
    expect(await listed(people.privateProfile.client, 'following')).toEqual(['privateProfile']);
  });

  it('keeps follow-list pages out of search engines when the member asks', async () => {
    const { member, client } = await owner({});
    const visitor = new TestClient(ctx());
    for (const direction of ['followers', 'following'])
      expect((await visitor.get(`/users/${member.username}/${direction}`)).text).not.toContain('name="robots"');
    await client.post('/settings/privacy', { ...base, noindex: 'on' });
    for (const direction of ['followers', 'following']) {
      const page = await visitor.get(`/users/${member.username}/${direction}`);
      expect(page.status).toBe(200);
      expect(page.text).toContain('<meta name="robots" content="noindex"/>');
    }
  });
});
