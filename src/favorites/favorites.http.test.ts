import { and, count, eq } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { TestClient } from '../../tests/support/client';
import { createMember, DEFAULT_PASSWORD } from '../../tests/support/factories';
import { asCurrent, createService } from '../../tests/support/marketplace';
import { describeOnDatabases } from '../../tests/support/suites';
import { changeServiceStatus } from '../marketplace/services/commands';
import { withdrawMember } from '../withdrawal/withdrawMember';
import { WITHDRAWAL_CLEANUP_JOB } from '../withdrawal/withdrawMember';
import { favoriteSellers, favoriteServices } from './schema';

describeOnDatabases('お気に入り', (ctx) => {
  const loggedIn = async (member: { email: string }) => {
    const client = new TestClient(ctx());
    await client.logIn(member.email, DEFAULT_PASSWORD);
    return client;
  };

  it('adds services and sellers with a heart, once, lists them on マイページ and shows a vanished service as 公開終了', async () => {
    const seller = await createMember(ctx());
    const buyer = await createMember(ctx());
    const kept = await createService(ctx(), seller, { title: '残るロゴ制作' });
    const paused = await createService(ctx(), seller, { title: 'やめるロゴ制作' });
    const client = await loggedIn(buyer);

    const page = await client.get(`/services/${kept}`);
    expect(page.text).toContain('♡ お気に入りに追加');
    // A double submit makes one row.
    for (let i = 0; i < 2; i++)
      expect((await client.post(`/favorites/services/${kept}`, { back: `/services/${kept}` })).location).toBe(
        `/services/${kept}`,
      );
    expect((await client.post(`/favorites/services/${paused}`, { back: '/' })).status).toBe(303);
    expect(
      (await client.post(`/favorites/sellers/${seller.username}`, { back: `/users/${seller.username}` })).status,
    ).toBe(303);
    await client.post(`/favorites/sellers/${seller.username}`, { back: '/' });
    const [rows] = await ctx()
      .deps.db.select({ n: count() })
      .from(favoriteServices)
      .where(eq(favoriteServices.memberId, buyer.id));
    expect(rows.n).toBe(2);
    expect((await client.get(`/services/${kept}`)).text).toContain('♥ お気に入り済み（外す）');
    expect((await client.get(`/users/${seller.username}`)).text).toContain('♥ お気に入りの出品者（外す）');
    // The heart on cards in search results knows its state too.
    expect((await client.get('/search?q=残るロゴ')).text).toMatch(/残るロゴ制作[\s\S]*?♥ お気に入り済み/);

    expect(await changeServiceStatus(ctx().deps, asCurrent(seller), paused, 'paused')).toBeNull();
    const list = await client.get('/mypage/favorites');
    expect(list.status).toBe(200);
    expect(list.text).toContain(`href="/services/${kept}"`);
    expect(list.text).not.toContain(`href="/services/${paused}"`);
    expect(list.text).toMatch(/やめるロゴ制作<\/span> <strong[^>]*>公開終了/);
    expect(list.text).toContain(`href="/users/${seller.username}"`);
    // A service that is not public cannot be added; it can still be removed.
    const other = await createMember(ctx());
    const otherClient = await loggedIn(other);
    expect((await otherClient.post(`/favorites/services/${paused}`, { back: '/' })).status).toBe(422);
    expect((await client.post(`/favorites/services/${paused}/remove`, { back: '/mypage/favorites' })).location).toBe(
      '/mypage/favorites?notice=removed',
    );
    expect((await client.get('/mypage/favorites?notice=removed')).text).toContain('お気に入りから外しました');
    // Oneself, a bad id and a visitor are refused.
    expect((await otherClient.post(`/favorites/sellers/${other.username}`, { back: '/' })).status).toBe(422);
    expect((await client.post('/favorites/services/not-a-uuid', {})).status).toBe(404);
    expect((await new TestClient(ctx()).post(`/favorites/services/${kept}`, {})).status).toBe(303);
    expect((await new TestClient(ctx()).get('/mypage/favorites')).location).toMatch(/^\/login/);
  });

  it('forgets a withdrawn member’s favourites, and the withdrawn seller from others’ lists', async () => {
    const seller = await createMember(ctx());
    const fan = await createMember(ctx());
    const leaver = await createMember(ctx());
    const service = await createService(ctx(), seller);
    const fanClient = await loggedIn(fan);
    await fanClient.post(`/favorites/sellers/${leaver.username}`, { back: '/' });
    const leaverClient = await loggedIn(leaver);
    await leaverClient.post(`/favorites/services/${service}`, { back: '/' });
    expect(
      (
        await withdrawMember(
          ctx().deps,
          asCurrent(leaver),
          { reasons: [], freeText: '' },
          { ip: null, userAgent: 'test' },
        )
      ).ok,
    ).toBe(true);
    await ctx().deps.jobs.drain(WITHDRAWAL_CLEANUP_JOB);
    expect(await ctx().deps.db.select().from(favoriteServices).where(eq(favoriteServices.memberId, leaver.id))).toEqual(
      [],
    );
    expect(
      await ctx()
        .deps.db.select()
        .from(favoriteSellers)
        .where(and(eq(favoriteSellers.memberId, fan.id), eq(favoriteSellers.sellerId, leaver.id))),
    ).toEqual([]);
  });
});
