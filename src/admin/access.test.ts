import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { members } from '../accounts/schema';
import { suspendMember } from '../trust/suspension';
import { operatorActions } from '../trust/schema';
import { TestClient } from '../../tests/support/client';
import { createMember, DEFAULT_PASSWORD } from '../../tests/support/factories';
import { describeOnDatabases } from '../../tests/support/suites';
import { enableTotp, operatorClient, totpCodeAt } from '../../tests/support/trust';

describeOnDatabases('operator console access', (ctx) => {
  /** Every route the app serves under /admin, with its parameters filled in. */
  function adminRoutes() {
    const seen = new Set<string>();
    const id = randomUUID();
    return ctx()
      .app.routes.filter(
        (r) => r.path.startsWith('/admin') && !r.path.includes('*') && (r.method === 'GET' || r.method === 'POST'),
      )
      .map((r) => ({ method: r.method, path: r.path.replace(/:\w+\{([^|}]+)[^}]*\}/g, '$1').replace(/:\w+/g, id) }))
      .filter((r) => !seen.has(`${r.method} ${r.path}`) && seen.add(`${r.method} ${r.path}`));
  }

  async function loggedIn(member: { email: string }) {
    const client = new TestClient(ctx());
    await client.logIn(member.email, DEFAULT_PASSWORD);
    return client;
  }

  it('refuses visitors, members, withdrawn and suspended accounts, and operators without two-step verification, on every route', async () => {
    const routes = adminRoutes();
    expect(routes.length).toBeGreaterThanOrEqual(15);
    const member = await loggedIn(await createMember(ctx()));
    const withdrawn = await createMember(ctx());
    const withdrawnClient = await loggedIn(withdrawn);
    expect(
      (
        await withdrawnClient.post('/settings/withdrawal', {
          reason: 'other',
          freeText: '',
          understood: 'on',
          password: DEFAULT_PASSWORD,
        })
      ).status,
    ).toBe(200);
    const suspendedOperator = await operatorClient(ctx());
    await suspendMember(ctx().deps, null, suspendedOperator.member.id, { reason: 'テスト', endsAt: null });
    const withoutSecondFactor = await loggedIn(await createMember(ctx(), { role: 'operator' }));
    // An operator who has a factor now, on a session opened before it (password only).
    const laterOperator = await createMember(ctx(), { role: 'operator' });
    const passwordOnlySession = await loggedIn(laterOperator);
    const { secret } = await enableTotp(ctx(), laterOperator);
    const before = (await ctx().deps.db.select().from(operatorActions)).length;

    for (const { method, path } of routes) {
      const send = (c: TestClient) =>
        method === 'GET' ? c.get(path) : c.post(path, { reason: 'x', username: 'x', action: 'dismiss' });
      expect([path, (await send(new TestClient(ctx()))).status]).toEqual([path, 303]);
      expect([path, (await send(member)).status]).toEqual([path, 404]);
      expect([path, (await send(withdrawnClient)).status]).toEqual([path, 303]);
      expect([path, (await send(suspendedOperator)).status]).toEqual([path, 303]);
      expect([path, (await send(withoutSecondFactor)).status]).toEqual([path, 403]);
      expect([path, (await send(passwordOnlySession)).status]).toEqual([path, 403]);
    }
    expect((await withoutSecondFactor.get('/admin')).text).toContain('二段階認証が必要です');
    expect((await passwordOnlySession.get('/admin')).text).toContain('このログインでは二段階認証をしていません');
    // A code confirms this session; a password alone does not.
    expect(
      (await passwordOnlySession.post('/settings/reauth', { next: '/admin', password: DEFAULT_PASSWORD })).location,
    ).toBe('/admin');
    expect((await passwordOnlySession.get('/admin')).status).toBe(403);
    ctx().clock.advance(30_000);
    await passwordOnlySession.post('/settings/reauth', { next: '/admin', code: totpCodeAt(secret, ctx().clock.now()) });
    expect((await passwordOnlySession.get('/admin')).status).toBe(200);
    expect((await ctx().deps.db.select().from(operatorActions)).length).toBe(before);
  });

  it('serves every GET page to an operator with two-step verification, and logs what they do under their name', async () => {
    const operator = await operatorClient(ctx());
    for (const { path } of adminRoutes().filter((r) => r.method === 'GET')) {
      expect([path, (await operator.get(path)).status]).toEqual([path, path.match(/[0-9a-f-]{36}/) ? 404 : 200]);
    }
    const target = await createMember(ctx());
    const found = await operator.get(`/admin/members?q=${encodeURIComponent(target.username)}`);
    expect(found.text).toContain(`/admin/members/${target.id}`);
    expect((await operator.post(`/admin/members/${target.id}/suspend`, { reason: '', endsOn: '' })).text).toContain(
      '入力してください',
    );
    expect(
      (await operator.post(`/admin/members/${target.id}/suspend`, { reason: '迷惑行為', endsOn: '2001-01-01' })).text,
    ).toContain('今より後の日時');
    expect(
      (await operator.post(`/admin/members/${target.id}/suspend`, { reason: '迷惑行為', endsOn: '' })).location,
    ).toBe(`/admin/members/${target.id}?notice=done`);
    expect((await ctx().deps.db.select().from(members).where(eq(members.id, target.id)))[0].status).toBe('suspended');
    const file = await operator.get(`/admin/members/${target.id}`);
    expect(file.text).toContain('迷惑行為');
    expect(file.text).toContain(`@${operator.member.username}`);
    expect((await operator.get('/admin/suspensions')).text).toContain(target.username);
    await operator.post(`/admin/members/${target.id}/lift`);
    expect((await ctx().deps.db.select().from(members).where(eq(members.id, target.id)))[0].status).toBe('active');
    const log = await ctx().deps.db.select().from(operatorActions).where(eq(operatorActions.memberId, target.id));
    expect(log.map((l) => [l.action, l.operatorId])).toEqual(
      expect.arrayContaining([
        ['suspend', operator.member.id],
        ['lift_suspension', operator.member.id],
      ]),
    );
  });
});
