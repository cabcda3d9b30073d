import { and, eq } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { TestClient } from '../../tests/support/client';
import { createMember, DEFAULT_PASSWORD } from '../../tests/support/factories';
import { describeOnDatabases } from '../../tests/support/suites';
import { messages, rooms } from '../marketplace/schema';
import { follows } from '../privacy/schema';

describeOnDatabases('a paused member starts nothing with others (#14 finding 12)', (ctx) => {
  const loggedIn = async (member: { email: string }) => {
    const client = new TestClient(ctx());
    await client.logIn(member.email, DEFAULT_PASSWORD);
    return client;
  };

  it('cannot open a conversation, write in a direct room or follow while paused; can again after resuming', async () => {
    const paused = await createMember(ctx());
    const other = await createMember(ctx());
    const third = await createMember(ctx());
    const client = await loggedIn(paused);
    const room = (await client.post('/messages/start', { to: other.username })).location!;
    expect((await client.post(`${room}/messages`, { body: 'はじめまして' })).status).toBe(303);
    expect((await client.post('/settings/pause', {})).status).toBe(303);
    const roomsBefore = await ctx().deps.db.select().from(rooms);
    const messagesBefore = await ctx().deps.db.select().from(messages);

    const start = await client.post('/messages/start', { to: third.username });
    expect(start.status).toBe(422);
    expect(start.text).toContain('休止中または利用停止中のアカウントでは、この操作はできません。');
    const write = await client.post(`${room}/messages`, { body: '休止中ですが' });
    expect(write.status).toBe(422);
    const followed = await client.post(`/users/${third.username}/follow`);
    expect(followed.status).toBe(422);
    expect(followed.text).toContain('休止中または利用停止中のアカウントでは、この操作はできません。');
    expect(await ctx().deps.db.select().from(rooms)).toHaveLength(roomsBefore.length);
    expect(await ctx().deps.db.select().from(messages)).toHaveLength(messagesBefore.length);
    const between = and(eq(follows.followerId, paused.id), eq(follows.followeeId, third.id));
    expect(await ctx().deps.db.select().from(follows).where(between)).toEqual([]);

    expect((await client.post('/settings/resume', {})).status).toBe(303);
    expect((await client.post(`/users/${third.username}/follow`)).status).toBe(303);
    expect(await ctx().deps.db.select().from(follows).where(between)).toHaveLength(1);
    expect((await client.post(`${room}/messages`, { body: '戻りました' })).status).toBe(303);
  });
});
