import { logOperatorAction } from '../../trust/operatorLog';
import { payoutAccountOf } from './payoutAccounts';
import { mailMember } from '../../platform/mail/mailMember';
import { findMemberById } from '../../accounts/members';
import { payoutDecidedMail } from '../mails';
import { and, eq } from 'drizzle-orm';
import type { Message } from '../../dictionary';
import type { Deps } from '../../platform/deps';
import type { CurrentMember } from '../../platform/web/env';
import type { Result } from '../../platform/context';
import { ledgerEntries, payoutAccounts, payouts } from '../schema';
import { lockMemberMoney, salesBalance } from './ledger';
import { mailLinks } from '../../platform/mail/links';
import { ageConfirmationOf, payoutAgeBlocker } from '../../legal/terms';

/**
 * 振込申請: takes the amount out of the sales balance at once (so it cannot be requested twice);
 * the transfer fee is deducted from what is sent. Under the member lock, so parallel requests cannot overspend.
 */
export async function requestPayout(
  deps: Deps,
  seller: CurrentMember,
  amountYen: number,
): Promise<Result<{ payoutId: string }, { problem: Message }>> {
  const { payoutFeeYen, payoutMinYen } = deps.config.marketplace;
  const minimum = Math.max(payoutMinYen, payoutFeeYen + 1);
  if (!Number.isInteger(amountYen) || amountYen < minimum)
    return { ok: false, problem: (t) => t.marketplace.errors.payoutMinimum(minimum) };
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    await lockMemberMoney(tx, seller.id);
    const minor = payoutAgeBlocker(await ageConfirmationOf(tx, seller.id));
    if (minor) return { ok: false as const, problem: minor };
    if (!(await payoutAccountOf(tx, seller.id)))
      return { ok: false as const, problem: ((t) => t.marketplace.errors.payoutAccountMissing) as Message };
    const balance = await salesBalance(tx, seller.id);
    if (amountYen > balance)
      return { ok: false as const, problem: ((t) => t.marketplace.errors.payoutOverBalance(balance)) as Message };
    const [payout] = await tx
      .insert(payouts)
      .values({ memberId: seller.id, amountYen, feeYen: payoutFeeYen, requestedAt: now })
      .returning();
    await tx.insert(ledgerEntries).values({
      memberId: seller.id,
      account: 'sales',
      kind: 'payout_request',
      amountYen: -amountYen,
      payoutId: payout.id,
      createdAt: now,
    });
    return { ok: true as const, payoutId: payout.id };
  });
}

/** An operator marks a payout sent, or rejects it and gives the amount back to the sales balance; the seller is told by mail. */
export async function decidePayout(
  deps: Deps,
  operatorId: string,
  payoutId: string,
  decision: 'paid' | 'rejected',
): Promise<boolean> {
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    const [payout] = await tx
      .update(payouts)
      .set({ status: decision, decidedAt: now, decidedBy: operatorId })
      .where(and(eq(payouts.id, payoutId), eq(payouts.status, 'requested')))
      .returning();
    if (!payout) return false;
    if (decision === 'rejected') {
      await tx.insert(ledgerEntries).values({
        memberId: payout.memberId,
        account: 'sales',
        kind: 'payout_reversal',
        amountYen: payout.amountYen,
        payoutId,
        createdAt: now,
      });
    }
    await logOperatorAction(
      tx,
      { id: operatorId },
      `payout_${decision}`,
      payout.memberId,
      `${payout.amountYen} yen`,
      now,
    );
    const seller = (await findMemberById(tx, payout.memberId))!;
    // A member who left kept their bank account only for this last payout.
    if (seller.withdrawnAt) await tx.delete(payoutAccounts).where(eq(payoutAccounts.memberId, seller.id));
    await mailMember(tx, deps, seller, `payout_${decision}`, payoutDecidedMail, {
      decision,
      amountYen: payout.amountYen,
      feeYen: payout.feeYen,
      payoutsUrl: mailLinks(deps.config.baseUrl).payouts,
      departedSupportUrl: seller.withdrawnAt ? mailLinks(deps.config.baseUrl).support : undefined,
    });
    return true;
  });
}
