import { and, count, eq, or } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { TestClient } from '../../tests/support/client';
import { createMember, DEFAULT_PASSWORD } from '../../tests/support/factories';
import { describeOnDatabases } from '../../tests/support/suites';
import { mailOutbox } from '../platform/mail/schema';
import { follows } from '../privacy/schema';
import { blocks } from './schema';

describeOnDatabases('ブロック', (ctx) => {
  const loggedIn = async (member: { email: string }) => {
    const client = new TestClient(ctx());
    await client.logIn(member.email, DEFAULT_PASSWORD);
    return client;
  };
  const mailsTo = async (memberId: string) =>
    (await ctx().deps.db.select({ n: count() }).from(mailOutbox).where(eq(mailOutbox.memberId, memberId)))[0].n;

  it('stops direct messages, new rooms and follows both ways, ends follows, and tells the blocked member nothing', async () => {
    const blocker = await createMember(ctx());
    const blocked = await createMember(ctx());
    const a = await loggedIn(blocker);
    const b = await loggedIn(blocked);
    const room = (await b.post('/messages/start', { to: blocker.username })).location!;
    expect((await b.post(`${room}/messages`, { body: 'はじめまして' })).status).toBe(303);
    expect((await b.post(`/users/${blocker.username}/follow`)).status).toBe(303);
    expect((await a.post(`/users/${blocked.username}/follow`)).status).toBe(303);
    const mailsBefore = await mailsTo(blocked.id);

    expect((await a.get(`/users/${blocked.username}`)).text).toContain('data-testid="block-button"');
    // A double submit keeps one row.
    for (let i = 0; i < 2; i++)
      expect((await a.post(`/users/${blocked.username}/block`)).location).toBe('/settings/blocks?notice=blocked');
    const [rows] = await ctx().deps.db.select({ n: count() }).from(blocks).where(eq(blocks.blockerId, blocker.id));
    expect(rows.n).toBe(1);
    const between = or(
      and(eq(follows.followerId, blocker.id), eq(follows.followeeId, blocked.id)),
      and(eq(follows.followerId, blocked.id), eq(follows.followeeId, blocker.id)),
    );
    expect(await ctx().deps.db.select().from(follows).where(between)).toEqual([]);
    expect((await a.get('/settings/blocks')).text).toContain(blocked.displayName);

    // Neither can write in the old room, nor open a new one, nor follow.
    for (const [client, other] of [
      [b, blocker],
      [a, blocked],
    ] as const) {
      const post = await client.post(`${room}/messages`, { body: 'まだ届きますか' });
      expect(post.status).toBe(422);
      expect(post.text).toContain('メッセージを受け付けていません');
      expect((await client.post('/messages/start', { to: other.username })).status).toBe(422);
      await client.post(`/users/${other.username}/follow`);
    }
    expect(await ctx().deps.db.select().from(follows).where(between)).toEqual([]);
    // The blocked member got no mail about it, and their page says nothing of a block.
    expect(await mailsTo(blocked.id)).toBe(mailsBefore);
    expect((await b.get(`/users/${blocker.username}`)).text).not.toContain('ブロックされ');

    // Unblocking opens the way again; a bad name is a 404.
    expect((await a.post(`/users/${blocked.username}/unblock`)).location).toBe('/settings/blocks?notice=unblocked');
    expect((await b.post(`${room}/messages`, { body: 'また連絡します' })).status).toBe(303);
    expect((await a.post('/users/nobody_here_zz/block')).status).toBe(404);
    expect((await a.post(`/users/${blocker.username}/block`)).status).toBe(404);
  });
});
