import { and, eq } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { mailOutbox } from '../../platform/mail/schema';
import { withdrawMember } from '../../withdrawal/withdrawMember';
import { purgeWithdrawnAccount } from '../../withdrawal/cleanup';
import { createOrder, addPayoutAccount, asCurrent } from '../../../tests/support/marketplace';
import { describeOnDatabases } from '../../../tests/support/suites';
import { operatorClient } from '../../../tests/support/trust';
import { payoutAccounts, payouts } from '../schema';
import { memberBalances } from './ledger';
import { decidePayout } from './payouts';

const account = {
  bankCode: '0009',
  branchCode: '123',
  accountType: 'ordinary',
  accountNumber: '7654321',
  holderKana: 'ヤマダ ハナコ',
};

describeOnDatabases('a balance owed to a member who left', (ctx) => {
  const finalPayoutOf = async (memberId: string) =>
    (await ctx().deps.db.select().from(payouts).where(eq(payouts.memberId, memberId))).at(-1)!;
  const mailsOf = (memberId: string, template: string) =>
    ctx()
      .deps.db.select()
      .from(mailOutbox)
      .where(and(eq(mailOutbox.memberId, memberId), eq(mailOutbox.template, template)));

  it('tells the former member how to be paid when the bank refuses, and lets an operator pay it fee-free', async () => {
    const { seller } = await createOrder(ctx(), { status: 'completed', priceYen: 500 }); // 450 yen of sales
    await addPayoutAccount(ctx(), seller);
    const left = await withdrawMember(
      ctx().deps,
      asCurrent(seller),
      { reasons: [], freeText: '' },
      { ip: null, userAgent: 'test' },
    );
    expect(left.ok).toBe(true);
    const operator = await operatorClient(ctx());
    const operatorId = operator.member.id;
    expect(await decidePayout(ctx().deps, operatorId, (await finalPayoutOf(seller.id)).id, 'rejected')).toBe(true);
    expect((await memberBalances(ctx().deps.db, seller.id, ctx().clock.now())).salesYen).toBe(450);
    const [rejected] = await mailsOf(seller.id, 'payout_rejected');
    expect(rejected.textBody).toContain('退会時の売上金450円の振込を、金融機関がお受けしませんでした');
    expect(rejected.textBody).toContain('/support');
    expect(rejected.textBody).not.toContain('/mypage/payouts');

    const list = await operator.get('/admin/payouts/departed');
    expect(list.text).toContain(`@${seller.username}`);
    expect(list.text).toContain('450円');
    // Every console page's tabs say something waits there.
    expect((await operator.get('/admin')).text).toMatch(
      /href="\/admin\/payouts\/departed"[^>]*>退会者の未払い売上金<span class="badge">[1-9]\d*<\/span>/,
    );
    const page = `/admin/payouts/departed/${seller.id}`;
    expect(list.text).toContain(`href="${page}"`);

    // A wrong account number is shown next to its field, and nothing is written.
    const bad = await operator.post(page, { ...account, accountNumber: '12' });
    expect(bad.status).toBe(422);
    expect(bad.text).toMatch(/id="f-accountNumber-error"[^>]*>口座番号は7桁/);
    expect(bad.text).toContain('value="ヤマダ ハナコ"');
    expect(await ctx().deps.db.select().from(payoutAccounts).where(eq(payoutAccounts.memberId, seller.id))).toEqual([]);

    const made = await operator.post(page, account);
    expect(made.location).toBe('/admin/payouts/departed?notice=requested');
    const second = await finalPayoutOf(seller.id);
    expect(second).toMatchObject({ status: 'requested', amountYen: 450, feeYen: 0 });
    expect((await operator.get('/admin/payouts/departed')).text).not.toContain(`@${seller.username}`);
    // Twice is refused: the balance is already on its way.
    expect((await operator.post(page, account)).status).toBe(404);

    expect(await decidePayout(ctx().deps, operatorId, second.id, 'paid')).toBe(true);
    expect((await memberBalances(ctx().deps.db, seller.id, ctx().clock.now())).salesYen).toBe(0);
    expect(await ctx().deps.db.select().from(payoutAccounts).where(eq(payoutAccounts.memberId, seller.id))).toEqual([]);
    const [paid] = await mailsOf(seller.id, 'payout_paid');
    expect(paid.textBody).toContain('退会時の売上金450円を、振込手数料なしでお知らせいただいた口座へ振り込みました');
  });

  it('sends no mail to an address the purge has already replaced', async () => {
    const { seller } = await createOrder(ctx(), { status: 'completed', priceYen: 500 });
    await addPayoutAccount(ctx(), seller);
    await withdrawMember(ctx().deps, asCurrent(seller), { reasons: [], freeText: '' }, { ip: null, userAgent: 'test' });
    await purgeWithdrawnAccount(ctx().deps, seller.id);
    const operator = await operatorClient(ctx());
    expect(await decidePayout(ctx().deps, operator.member.id, (await finalPayoutOf(seller.id)).id, 'rejected')).toBe(
      true,
    );
    expect(await mailsOf(seller.id, 'payout_rejected')).toEqual([]);
    expect((await operator.get('/admin/payouts/departed')).text).toContain(`@${seller.username}`);
  });
});
