import { closeRequestsOf } from '../trading/requests';
import { lapseOpenOffers } from '../trading/offers';
import { and, eq, ne, or } from 'drizzle-orm';
import type { Message } from '../dictionary';
import type { Deps } from '../platform/deps';
import { mailMember } from '../platform/mail/mailMember';
import type { CurrentMember } from '../platform/web/env';
import type { Result } from '../platform/context';
import { emailTokens, knownDevices, members } from '../accounts/schema';
import { recordSecurityEvent } from '../security/sessions/securityEvents';
import { endMemberSessions } from '../security/sessions/sessions';
import type { RequestOrigin } from '../platform/context';
import { ledgerEntries, payoutAccounts, payouts, services } from '../marketplace/schema';
import { duplicateCases, identitySignals } from '../trust/schema';
import { snsIdentities } from '../sns/schema';
import {
  passkeys,
  pendingLogins,
  phoneNumbers,
  recoveryCodes,
  smsCodes,
  totpFactors,
  webauthnChallenges,
  webauthnUsers,
} from '../security/schema';
import { daysAfter, periodsOf } from '../retention/periods';
import { keptDatesOf } from '../retention/memberDates';
import { withdrawalCompleteMail } from './mails';
import { finalPayoutOf, withdrawalBlockers } from './rules';
import { lockMemberMoney } from '../marketplace/money/ledger';
import { withdrawalReasons, type WithdrawalReasonKey } from './schema';
import { queueSearchSync } from '../platform/searchPort';

export const WITHDRAWAL_CLEANUP_JOB = 'withdrawal.cleanup';
export const WITHDRAWAL_ACCOUNT_PURGE_JOB = 'withdrawal.account-purge';

export type WithdrawalInput = { reasons: WithdrawalReasonKey[]; freeText: string };

/**
 * 退会. One transaction, the same size whatever the member's history: the account is withdrawn, every
 * session ends, every factor is deleted, services stop showing, the reason is stored without the
 * person, and the completion mail and the clean-up jobs are queued. The caller has re-authenticated
 * the member and had them confirm what is lost and kept.
 */
export async function withdrawMember(
  deps: Deps,
  member: CurrentMember,
  input: WithdrawalInput,
  origin: RequestOrigin,
): Promise<Result<{}, { problem: Message; alreadyWithdrawn?: boolean }>> {
  const now = deps.clock.now();
  const periods = periodsOf(deps.config);
  return deps.db.transaction(async (tx) => {
    // Locking the row makes a double submit wait, then find the member already withdrawn. Lock order: the member
    // row, then sessions (re-authentication takes them in the same order).
    const [row] = await tx.select().from(members).where(eq(members.id, member.id)).for('update');
    if (!row || row.withdrawnAt)
      return {
        ok: false as const,
        alreadyWithdrawn: true,
        problem: ((t) => t.withdrawal.errors.alreadyWithdrawn) as Message,
      };
    if ((await withdrawalBlockers(tx, member.id)).length > 0)
      return { ok: false as const, problem: ((t) => t.withdrawal.errors.blocked) as Message };
    // No money stranded: the whole balance goes to the member's account, fee waived, in this same transaction.
    await lockMemberMoney(tx, member.id);
    const finalPayout = await finalPayoutOf(tx, member.id);
    if (finalPayout) {
      const [payout] = await tx
        .insert(payouts)
        .values({ memberId: member.id, amountYen: finalPayout.amountYen, feeYen: 0, requestedAt: now })
        .returning();
      await tx.insert(ledgerEntries).values({
        memberId: member.id,
        account: 'sales',
        kind: 'payout_request',
        amountYen: -finalPayout.amountYen,
        payoutId: payout.id,
        note: 'withdrawal',
        createdAt: now,
      });
    }

    await tx
      .update(members)
      .set({ status: 'withdrawn', withdrawnAt: now, updatedAt: now })
      .where(eq(members.id, member.id));
    await endMemberSessions(tx, member.id, 'withdrawn', now);
    await lapseOpenOffers(tx, member.id, now);
    await closeRequestsOf(tx, member.id, now);
    // Links already mailed (password reset, ending a session...) stop working with the account.
    for (const table of [
      totpFactors,
      recoveryCodes,
      passkeys,
      webauthnUsers,
      phoneNumbers,
      smsCodes,
      pendingLogins,
      knownDevices,
      emailTokens,
    ]) {
      await tx.delete(table).where(eq(table.memberId, member.id));
    }
    await tx.delete(webauthnChallenges).where(eq(webauthnChallenges.memberId, member.id));
    // Leaving ends duplicate checks against this account; a suspended member's strong signals stay banned (trust/bans.ts).
    await tx.delete(identitySignals).where(eq(identitySignals.memberId, member.id));
    await tx
      .delete(duplicateCases)
      .where(or(eq(duplicateCases.memberId, member.id), eq(duplicateCases.otherMemberId, member.id)));
    await tx.delete(snsIdentities).where(eq(snsIdentities.memberId, member.id));
    // The bank account stays until the final payout is decided (decidePayout removes it then).
    if (!finalPayout) await tx.delete(payoutAccounts).where(eq(payoutAccounts.memberId, member.id));
    await tx
      .update(services)
      .set({ status: 'deleted', updatedAt: now })
      .where(and(eq(services.sellerId, member.id), ne(services.status, 'deleted')));
    await queueSearchSync(tx, deps, { sellerId: member.id });
    await tx
      .insert(withdrawalReasons)
      .values({ reasons: input.reasons, freeText: input.freeText, answeredOn: now.toISOString().slice(0, 10) });
    await recordSecurityEvent(tx, member.id, 'withdrawn', origin, now);
    await mailMember(tx, deps, row, 'withdrawal_complete', withdrawalCompleteMail, {
      when: now,
      baseUrl: deps.config.baseUrl,
      kept: await keptDatesOf(tx, member.id, now, periods),
      payoutYen: finalPayout?.amountYen ?? 0,
    });
    await deps.jobs.enqueue(tx, WITHDRAWAL_CLEANUP_JOB, { memberId: member.id });
    await deps.jobs.enqueue(
      tx,
      WITHDRAWAL_ACCOUNT_PURGE_JOB,
      { memberId: member.id },
      { startAfter: daysAfter(now, periods.accountAfterWithdrawalDays) },
    );
    return { ok: true as const };
  });
}
