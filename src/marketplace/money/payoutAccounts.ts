import { and, eq } from 'drizzle-orm';
import type { Message } from '../../dictionary';
import type { Db, Tx } from '../../platform/db/client';
import type { Deps } from '../../platform/deps';
import { mailMember } from '../../platform/mail/mailMember';
import type { CurrentMember } from '../../platform/web/env';
import { findMemberById } from '../../accounts/members';
import { recordSecurityEvent } from '../../security/sessions/securityEvents';
import type { RequestOrigin } from '../../platform/context';
import { isBanned } from '../../trust/bans';
import { queueDuplicates } from '../../trust/duplicates';
import { forgetSignal, recordSignals } from '../../trust/signals';
import { payoutAccountChangedMail } from '../mails';
import { payoutAccounts, payouts } from '../schema';
import { lockMemberMoney } from './ledger';
import { mailLinks } from '../../platform/mail/links';

export type PayoutAccountInput = {
  bankCode: string;
  branchCode: string;
  accountType: 'ordinary' | 'current';
  accountNumber: string;
  holderKana: string;
};

/** A bank account as a signal: bank, branch and number name one account whoever holds it. */
const bankSignal = (input: PayoutAccountInput) => ({
  kind: 'bank' as const,
  value: `${input.bankCode}-${input.branchCode}-${input.accountNumber}`,
});

/**
 * 振込先口座: sets where payouts go. The account becomes a strong identity signal (a second account
 * paid into the same bank account goes to the duplicate queue; one of a suspended member is refused),
 * and the member is told by mail, since a changed destination is what an intruder would want.
 */
export async function savePayoutAccount(
  deps: Deps,
  member: CurrentMember,
  input: PayoutAccountInput,
  origin: RequestOrigin,
): Promise<Message | null> {
  const now = deps.clock.now();
  if (await isBanned(deps.db, deps.config.secretKey, [bankSignal(input)])) return (t) => t.trust.errors.signupBanned;
  return deps.db.transaction(async (tx) => {
    // A payout already requested goes where it was requested to: the account cannot change under it.
    await lockMemberMoney(tx, member.id);
    const [pending] = await tx
      .select({ id: payouts.id })
      .from(payouts)
      .where(and(eq(payouts.memberId, member.id), eq(payouts.status, 'requested')))
      .limit(1);
    if (pending) return ((t) => t.marketplace.errors.payoutAccountLocked) as Message;
    await tx
      .insert(payoutAccounts)
      .values({ memberId: member.id, ...input, updatedAt: now })
      .onConflictDoUpdate({ target: payoutAccounts.memberId, set: { ...input, updatedAt: now } });
    await forgetSignal(tx, member.id, 'bank');
    await recordSignals(tx, deps.config.secretKey, member.id, [bankSignal(input)], now);
    await queueDuplicates(tx, member.id, now);
    await recordSecurityEvent(tx, member.id, 'payout_account_changed', origin, now);
    const row = (await findMemberById(tx, member.id))!;
    await mailMember(tx, deps, row, 'payout_account_changed', payoutAccountChangedMail, {
      when: now,
      last4: input.accountNumber.slice(-4),
      payoutsUrl: mailLinks(deps.config.baseUrl).payouts,
    });
    return null;
  });
}

export async function payoutAccountOf(db: Db | Tx, memberId: string) {
  const [row] = await db.select().from(payoutAccounts).where(eq(payoutAccounts.memberId, memberId));
  return row ?? null;
}
