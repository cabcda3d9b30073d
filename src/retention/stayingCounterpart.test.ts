import { eq, sql } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { DAY } from '../platform/clock';
import { grantPoints, salesBalance, spendablePoints } from '../marketplace/money/ledger';
import { decidePayout, requestPayout } from '../marketplace/money/payouts';
import { ledgerEntries } from '../marketplace/schema';
import { TestClient } from '../../tests/support/client';
import { createMember, DEFAULT_PASSWORD } from '../../tests/support/factories';
import { addPayoutAccount, asCurrent, createOrder } from '../../tests/support/marketplace';
import { describeOnDatabases } from '../../tests/support/suites';
import { purgeExpired } from './purge';

type Ctx = ReturnType<Parameters<Parameters<typeof describeOnDatabases>[1]>[0]>;

/** What a member sees of their money: sales balance, points, and the sum and count of their ledger lines. */
async function money(ctx: Ctx, memberId: string) {
  const result: any = await ctx.deps.db.execute(sql`
    select coalesce(sum(amount_yen), 0)::int as total, count(*)::int as n from ledger_entries where member_id = ${memberId}`);
  const lines = result.rows[0];
  return {
    salesYen: await salesBalance(ctx.deps.db as any, memberId),
    pointsYen: await spendablePoints(ctx.deps.db as any, memberId, ctx.clock.now()),
    ledgerTotal: Number(lines.total),
    ledgerLines: Number(lines.n),
  };
}

async function leave(ctx: Ctx, email: string) {
  const client = new TestClient(ctx);
  await client.logIn(email, DEFAULT_PASSWORD);
  await client.post('/settings/reauth', { next: '/', password: DEFAULT_PASSWORD });
  const done = await client.post('/settings/withdrawal', {
    reason: 'other',
    freeText: '',
    understood: 'on',
    password: DEFAULT_PASSWORD,
  });
  expect(done.status).toBe(200);
}

describeOnDatabases('the purge and a member who stays', (ctx) => {
  it("keeps a staying seller's balance and history when the buyer left nine years ago", async () => {
    const seller = await createMember(ctx());
    const { buyer } = await createOrder(ctx(), { seller, status: 'completed', priceYen: 5000 });
    await addPayoutAccount(ctx(), seller);
    expect((await requestPayout(ctx().deps, asCurrent(seller), 2000)).ok).toBe(true);
    await leave(ctx(), buyer.email);
    const before = await money(ctx(), seller.id);
    expect(before.salesYen).toBeGreaterThan(0);

    ctx().clock.advance(9 * 366 * DAY);
    await purgeExpired(ctx().deps);
    expect(await money(ctx(), seller.id)).toEqual(before);
    // The buyer's own lines (what they paid) went with the tax period.
    expect(await ctx().deps.db.select().from(ledgerEntries).where(eq(ledgerEntries.memberId, buyer.id))).toHaveLength(
      0,
    );
  });

  it("keeps a staying buyer's points and history when the seller they paid with points left nine years ago", async () => {
    const operator = await createMember(ctx(), { role: 'operator' });
    const buyer = await createMember(ctx());
    // A long-lived lot, so spendable points still show nine years on.
    await ctx().deps.db.transaction((tx) =>
      grantPoints(
        tx,
        {
          memberId: buyer.id,
          amount: 3000,
          expiresAt: new Date(ctx().clock.now().getTime() + 20 * 366 * DAY),
          note: 't',
        },
        ctx().clock.now(),
      ),
    );
    const { seller } = await createOrder(ctx(), { buyer, status: 'completed', priceYen: 5000, pointsToUse: 1000 });
    // The seller is paid everything, then leaves.
    await addPayoutAccount(ctx(), seller);
    const payout = await requestPayout(
      ctx().deps,
      asCurrent(seller),
      await salesBalance(ctx().deps.db as any, seller.id),
    );
    expect(payout.ok).toBe(true);
    await decidePayout(ctx().deps, operator.id, payout.ok ? payout.payoutId : '', 'paid');
    await leave(ctx(), seller.email);

    ctx().clock.advance(9 * 366 * DAY);
    const before = await money(ctx(), buyer.id);
    expect(before.pointsYen).toBe(2000);
    await purgeExpired(ctx().deps);
    expect(await money(ctx(), buyer.id)).toEqual(before);
    // The seller's own lines went with the tax period.
    expect(await ctx().deps.db.select().from(ledgerEntries).where(eq(ledgerEntries.memberId, seller.id))).toHaveLength(
      0,
    );
  });
});
