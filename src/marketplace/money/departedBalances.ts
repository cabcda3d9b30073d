import { and, eq, isNotNull, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/client';
import type { Deps } from '../../platform/deps';
import { members } from '../../accounts/schema';
import { logOperatorAction } from '../../trust/operatorLog';
import { ledgerEntries, payoutAccounts, payouts } from '../schema';
import { lockMemberMoney, salesBalance } from './ledger';
import type { PayoutAccountInput } from './payoutAccounts';

/**
 * 退会済み会員の未払い売上金: a member who left with a balance is paid it in full (withdrawMember), but a
 * transfer the bank refuses puts the money back on an account nobody can log in to. It stays owed until an
 * operator pays it to the account the former member gives through the support form.
 */
export async function departedBalances(db: Db) {
  const rows = await db
    .select({
      memberId: members.id,
      username: members.username,
      withdrawnAt: members.withdrawnAt,
      balanceYen: sql<number>`sum(${ledgerEntries.amountYen})::int`,
    })
    .from(members)
    .innerJoin(ledgerEntries, and(eq(ledgerEntries.memberId, members.id), eq(ledgerEntries.account, 'sales')))
    .where(
      and(
        isNotNull(members.withdrawnAt),
        sql`not exists (select 1 from ${payouts} where ${payouts.memberId} = ${members.id} and ${payouts.status} = 'requested')`,
      ),
    )
    .groupBy(members.id, members.username, members.withdrawnAt)
    .having(sql`sum(${ledgerEntries.amountYen}) > 0`)
    .orderBy(members.withdrawnAt);
  return rows.map((r) => ({ ...r, withdrawnAt: r.withdrawnAt!, balanceYen: Number(r.balanceYen) }));
}

export type DepartedPayoutProblem = 'notOwed' | 'pending';

/**
 * Pays a former member's balance to the account they gave support: the account and a fee-free payout request
 * of the whole balance in one transaction; decidePayout then sends it and removes the account again.
 */
export async function payDepartedBalance(
  deps: Deps,
  operator: { id: string },
  memberId: string,
  account: PayoutAccountInput,
): Promise<{ ok: true; amountYen: number } | { ok: false; problem: DepartedPayoutProblem }> {
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    await lockMemberMoney(tx, memberId);
    const [member] = await tx.select().from(members).where(eq(members.id, memberId));
    const balance = member?.withdrawnAt ? await salesBalance(tx, memberId) : 0;
    if (balance <= 0) return { ok: false as const, problem: 'notOwed' as const };
    const [pending] = await tx
      .select({ id: payouts.id })
      .from(payouts)
      .where(and(eq(payouts.memberId, memberId), eq(payouts.status, 'requested')))
      .limit(1);
    if (pending) return { ok: false as const, problem: 'pending' as const };
    await tx
      .insert(payoutAccounts)
      .values({ memberId, ...account, updatedAt: now })
      .onConflictDoUpdate({ target: payoutAccounts.memberId, set: { ...account, updatedAt: now } });
    const [payout] = await tx
      .insert(payouts)
      .values({ memberId, amountYen: balance, feeYen: 0, requestedAt: now })
      .returning();
    await tx.insert(ledgerEntries).values({
      memberId,
      account: 'sales',
      kind: 'payout_request',
      amountYen: -balance,
      payoutId: payout.id,
      note: 'withdrawal',
      createdAt: now,
    });
    await logOperatorAction(tx, operator, 'departed_payout_requested', memberId, `${balance} yen`, now);
    return { ok: true as const, amountYen: balance };
  });
}
