import { eq } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { loginFailures, sessions } from '../../accounts/schema';
import { identitySignals } from '../../trust/schema';
import { TestClient } from '../../../tests/support/client';
import { createMember, DEFAULT_PASSWORD } from '../../../tests/support/factories';
import { countStatements } from '../../../tests/support/statements';
import { describeOnDatabases } from '../../../tests/support/suites';

describeOnDatabases('login statement budget', (ctx) => {
  it('a login from a known browser takes six statements and one transaction; a page view two', async () => {
    const member = await createMember(ctx());
    const client = new TestClient(ctx());
    await client.logIn(member.email, DEFAULT_PASSWORD);
    await client.post('/logout');
    await client.get('/login');
    const { statements } = await countStatements(() => client.logIn(member.email, DEFAULT_PASSWORD));
    // Member lookup; begin, rate limits with the failure row's lock, the reserved attempt, commit; the session.
    expect(statements).toHaveLength(6);
    expect(statements.filter((s) => s === 'begin' || /^\s*begin\b/i.test(s))).toHaveLength(1);
    // Still every write a login makes: the session, the cleared failure count, the browser's signal.
    const live = await ctx().deps.db.select().from(sessions).where(eq(sessions.memberId, member.id));
    expect(live.filter((s) => !s.endedAt)).toHaveLength(1);
    expect(await ctx().deps.db.select().from(loginFailures)).toEqual([]);
    const signals = await ctx().deps.db.select().from(identitySignals).where(eq(identitySignals.memberId, member.id));
    expect(signals.map((s) => s.kind)).toContain('device');

    const view = await countStatements(() => client.get('/settings'));
    expect(view.statements).toHaveLength(2);
  });
});
