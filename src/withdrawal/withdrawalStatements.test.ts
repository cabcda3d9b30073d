import { eq } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { members } from '../accounts/schema';
import { payouts } from '../marketplace/schema';
import { createMember } from '../../tests/support/factories';
import { addPayoutAccount, asCurrent, createOrder } from '../../tests/support/marketplace';
import { countStatements } from '../../tests/support/statements';
import { describeOnDatabases } from '../../tests/support/suites';
import { withdrawMember } from './withdrawMember';

describeOnDatabases('withdrawal statement budget', (ctx) => {
  const leave = (member: Parameters<typeof asCurrent>[0]) =>
    countStatements(() =>
      withdrawMember(ctx().deps, asCurrent(member), { reasons: [], freeText: '' }, { ip: null, userAgent: 'test' }),
    );

  it('withdraws in 22 statements whatever the history, 23 with a final payout', async () => {
    const none = await leave(await createMember(ctx()));
    // Begin; the member's lock, the blockers (3), the balance; every write as one; what is kept (10); the mail
    // with its notice and delivery job; the two clean-up jobs; commit.
    expect(none.statements).toHaveLength(22);

    const order = await createOrder(ctx(), { status: 'completed', priceYen: 3000 });
    await addPayoutAccount(ctx(), order.seller);
    const seller = await leave(order.seller);
    // One more: with a balance, the blockers ask whether a bank account is registered.
    expect(seller.statements).toHaveLength(23);
    // Still every write: the member left and the final payout was requested.
    const [row] = await ctx().deps.db.select().from(members).where(eq(members.id, order.seller.id));
    expect(row.withdrawnAt).not.toBeNull();
    const requested = await ctx().deps.db.select().from(payouts).where(eq(payouts.memberId, order.seller.id));
    expect(requested.map((p) => p.amountYen)).toEqual([2700]);
  });
});
