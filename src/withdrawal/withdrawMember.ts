import { randomUUID } from 'node:crypto';
import { closeRequestsStatements } from '../trading/requests';
import { lapseOpenOffersStatement } from '../trading/offers';
import { and, eq, ne, or } from 'drizzle-orm';
import type { Message } from '../dictionary';
import type { Deps } from '../platform/deps';
import { mailMember } from '../platform/mail/mailMember';
import type { CurrentMember } from '../platform/web/env';
import type { Result } from '../platform/context';
import { emailTokens, knownDevices, members } from '../accounts/schema';
import { securityEventStatement } from '../security/sessions/securityEvents';
import { endMemberSessionsStatement } from '../security/sessions/sessions';
import { writeTogether } from '../platform/db/oneStatement';
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
    // No money stranded: the whole balance goes to the member's account, fee waived, in this same transaction. The
    // member row locked above is the money lock (lockMemberMoney), so the balance cannot move meanwhile.
    const finalPayout = await finalPayoutOf(tx, member.id);
    const payoutId = randomUUID();
    const payoutWrites = finalPayout
      ? [
          tx.insert(payouts).values({
            id: payoutId,
            memberId: member.id,
            amountYen: finalPayout.amountYen,
            feeYen: 0,
            requestedAt: now,
          }),
          tx.insert(ledgerEntries).values({
            memberId: member.id,
            account: 'sales',
            kind: 'payout_request',
            amountYen: -finalPayout.amountYen,
            payoutId,
            note: 'withdrawal',
            createdAt: now,
          }),
        ]
      : [];
    // Links already mailed (password reset, ending a session...) stop working with the account.
    const factorsAndLinks = [
      totpFactors,
      recoveryCodes,
      passkeys,
      webauthnUsers,
      phoneNumbers,
      smsCodes,
      pendingLogins,
      knownDevices,
      emailTokens,
      webauthnChallenges,
      // Leaving ends duplicate checks against this account; a suspended member's strong signals stay banned (trust/bans.ts).
      identitySignals,
      snsIdentities,
    ].map((table) => tx.delete(table).where(eq(table.memberId, member.id)));
    // One statement for every write, whatever the member's history (the statement budget test holds it).
    await writeTogether(tx, [
      ...payoutWrites,
      tx
        .update(members)
        .set({ status: 'withdrawn', withdrawnAt: now, updatedAt: now })
        .where(eq(members.id, member.id)),
      endMemberSessionsStatement(tx, member.id, 'withdrawn', now),
      lapseOpenOffersStatement(tx, member.id, now),
      ...closeRequestsStatements(tx, member.id, now),
      ...factorsAndLinks,
      tx
        .delete(duplicateCases)
        .where(or(eq(duplicateCases.memberId, member.id), eq(duplicateCases.otherMemberId, member.id))),
      // The bank account stays until the final payout is decided (decidePayout removes it then).
      ...(finalPayout ? [] : [tx.delete(payoutAccounts).where(eq(payoutAccounts.memberId, member.id))]),
      tx
        .update(services)
        .set({ status: 'deleted', updatedAt: now })
        .where(and(eq(services.sellerId, member.id), ne(services.status, 'deleted'))),
      tx
        .insert(withdrawalReasons)
        .values({ reasons: input.reasons, freeText: input.freeText, answeredOn: now.toISOString().slice(0, 10) }),
      securityEventStatement(tx, member.id, 'withdrawn', origin, now),
    ]);
    await queueSearchSync(tx, deps, { sellerId: member.id });
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
