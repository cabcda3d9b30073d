import { randomUUID } from 'node:crypto';
import { and, eq, inArray } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { dictionaries } from '../../dictionary';
import { DAY } from '../../platform/clock';
import { mailOutbox } from '../../platform/mail/schema';
import { createMember } from '../../../tests/support/factories';
import { asCurrent, createOrder, createService, addPayoutAccount } from '../../../tests/support/marketplace';
import { describeOnDatabases } from '../../../tests/support/suites';
import { purchaseService } from '../orders/purchase';
import { ledgerEntries, payouts } from '../schema';
import { expirePoints, grantPoints, memberBalances } from './ledger';
import { decidePayout, requestPayout } from './payouts';

describeOnDatabases('money', (ctx) => {
  const balances = (memberId: string) => memberBalances(ctx().deps.db, memberId, ctx().clock.now());

  it('lets only one of several parallel payout requests through when together they would overspend', async () => {
    const { seller } = await createOrder(ctx(), { status: 'completed', priceYen: 10000 }); // 9,000 yen of sales
    await addPayoutAccount(ctx(), seller);
    const results = await Promise.all(
      Array.from({ length: 4 }, () => requestPayout(ctx().deps, asCurrent(seller), 6000)),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    const refused = results.find((r) => !r.ok);
    expect(refused && !refused.ok && refused.problem(dictionaries.ja)).toContain('残高（3,000円）を超えています');
    const b = await balances(seller.id);
    expect(b.salesYen).toBe(3000);
    expect(b.payoutsInProgressYen).toBe(6000);
  });

  it('refuses payouts under the minimum, and gives a rejected payout back to the balance', async () => {
    const operator = await createMember(ctx(), { role: 'operator' });
    const { seller } = await createOrder(ctx(), { status: 'completed', priceYen: 5000 });
    const nowhere = await requestPayout(ctx().deps, asCurrent(seller), 4500);
    expect(!nowhere.ok && nowhere.problem(dictionaries.ja)).toContain('振込先口座」を登録してください');
    await addPayoutAccount(ctx(), seller);
    const small = await requestPayout(ctx().deps, asCurrent(seller), 500);
    expect(!small.ok && small.problem(dictionaries.ja)).toContain('1,000円以上');
    const request = await requestPayout(ctx().deps, asCurrent(seller), 4500);
    expect(request.ok).toBe(true);
    expect((await balances(seller.id)).salesYen).toBe(0);
    const payoutId = request.ok ? request.payoutId : '';
    expect(await decidePayout(ctx().deps, operator.id, payoutId, 'rejected')).toBe(true);
    expect(await decidePayout(ctx().deps, operator.id, payoutId, 'paid')).toBe(false); // already decided
    expect((await balances(seller.id)).salesYen).toBe(4500);
    const again = await requestPayout(ctx().deps, asCurrent(seller), 4500);
    expect(await decidePayout(ctx().deps, operator.id, again.ok ? again.payoutId : '', 'paid')).toBe(true);
    const [row] = await ctx()
      .deps.db.select()
      .from(payouts)
      .where(eq(payouts.id, again.ok ? again.payoutId : ''));
    expect(row.status).toBe('paid');
    expect(row.feeYen).toBe(250);
    expect((await balances(seller.id)).salesYen).toBe(0);
    const mails = await ctx()
      .deps.db.select()
      .from(mailOutbox)
      .where(and(eq(mailOutbox.memberId, seller.id), inArray(mailOutbox.template, ['payout_rejected', 'payout_paid'])));
    expect(mails.map((m) => m.template).sort()).toEqual(['payout_paid', 'payout_rejected']);
    expect(mails.find((m) => m.template === 'payout_rejected')!.textBody).toContain(
      '申請額は売上金の残高に戻しています',
    );
    expect(mails.find((m) => m.template === 'payout_paid')!.textBody).toContain(
      '4,250円を、登録の振込先口座へ振り込みました',
    );
  });

  it('spends the soonest-expiring points first, expires the rest on time, and never goes negative', async () => {
    const buyer = await createMember(ctx());
    const seller = await createMember(ctx());
    const now = ctx().clock.now();
    await ctx().deps.db.transaction(async (tx) => {
      await grantPoints(
        tx,
        { memberId: buyer.id, amount: 300, expiresAt: new Date(now.getTime() + 10 * DAY), note: 'campaign A' },
        now,
      );
      await grantPoints(
        tx,
        { memberId: buyer.id, amount: 1000, expiresAt: new Date(now.getTime() + 100 * DAY), note: 'campaign B' },
        now,
      );
    });
    const serviceId = await createService(ctx(), seller, { priceYen: 1000 });
    const bought = await purchaseService(ctx().deps, asCurrent(buyer), {
      serviceId,
      expectedPriceYen: 1000,
      pointsToUse: 500,
      idempotencyKey: randomUUID(),
    });
    expect(bought.ok).toBe(true);
    let b = await balances(buyer.id);
    expect(b.pointsYen).toBe(800);
    expect(b.pointLots.map((l) => l.remaining)).toEqual([800]); // lot A used up, 200 taken from B
    ctx().clock.advance(101 * DAY);
    expect(await ctx().deps.db.transaction((tx) => expirePoints(tx, ctx().clock.now()))).toBe(1);
    expect(await ctx().deps.db.transaction((tx) => expirePoints(tx, ctx().clock.now()))).toBe(0);
    b = await balances(buyer.id);
    expect(b.pointsYen).toBe(0);
    const entries = await ctx()
      .deps.db.select()
      .from(ledgerEntries)
      .where(and(eq(ledgerEntries.memberId, buyer.id), eq(ledgerEntries.account, 'points')));
    expect(entries.reduce((s, e) => s + e.amountYen, 0)).toBe(0);
    expect(entries.filter((e) => e.kind === 'points_expire').map((e) => e.amountYen)).toEqual([-800]);
  });

  it('lets parallel purchases spend the same points only once', async () => {
    const buyer = await createMember(ctx());
    const seller = await createMember(ctx());
    const now = ctx().clock.now();
    await ctx().deps.db.transaction((tx) =>
      grantPoints(
        tx,
        { memberId: buyer.id, amount: 1000, expiresAt: new Date(now.getTime() + 30 * DAY), note: 'x' },
        now,
      ),
    );
    const serviceId = await createService(ctx(), seller, { priceYen: 1000 });
    const results = await Promise.all(
      Array.from({ length: 3 }, () =>
        purchaseService(ctx().deps, asCurrent(buyer), {
          serviceId,
          expectedPriceYen: 1000,
          pointsToUse: 1000,
          idempotencyKey: randomUUID(),
        }),
      ),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect((await balances(buyer.id)).pointsYen).toBe(0);
  });
});
