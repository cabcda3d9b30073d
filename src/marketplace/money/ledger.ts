import { and, asc, eq, sql, sum } from 'drizzle-orm';
import type { Tx } from '../../platform/db/client';
import { members } from '../../accounts/schema';
import { ledgerEntries, payouts } from '../schema';

/**
 * Serialises every change to one member's money: balance checks and writes happen under this lock,
 * so two requests at once cannot both spend the same yen.
 */
export async function lockMemberMoney(tx: Tx, memberId: string) {
  await tx.select({ id: members.id }).from(members).where(eq(members.id, memberId)).for('update');
}

/** 売上金: everything credited from completed sales minus payouts requested. */
export async function salesBalance(tx: Tx, memberId: string): Promise<number> {
  const [row] = await tx
    .select({ total: sum(ledgerEntries.amountYen) })
    .from(ledgerEntries)
    .where(and(eq(ledgerEntries.memberId, memberId), eq(ledgerEntries.account, 'sales')));
  return Number(row.total ?? 0);
}

export type PointLot = { lotId: number; remaining: number; expiresAt: Date };

/** Each points grant with what is left of it: spending, refunds and expiry all name the grant they touch. */
export async function pointLots(
  tx: Tx,
  memberId: string,
  now: Date,
  options: { includeExpired?: boolean } = {},
): Promise<PointLot[]> {
  const result: any = await tx.execute(sql`
    select g.id as lot_id, g.expires_at, g.amount_yen + coalesce(sum(u.amount_yen), 0) as remaining
    from ledger_entries g
    left join ledger_entries u on u.lot_id = g.id
    where g.member_id = ${memberId} and g.account = 'points' and g.kind = 'points_grant'
      ${options.includeExpired ? sql`` : sql`and g.expires_at > ${now}`}
    group by g.id, g.expires_at, g.amount_yen
    having g.amount_yen + coalesce(sum(u.amount_yen), 0) > 0
    order by g.expires_at asc, g.id asc`);
  return result.rows.map((r: any) => ({
    lotId: Number(r.lot_id),
    remaining: Number(r.remaining),
    expiresAt: new Date(r.expires_at),
  }));
}

export async function spendablePoints(tx: Tx, memberId: string, now: Date): Promise<number> {
  return (await pointLots(tx, memberId, now)).reduce((total, lot) => total + lot.remaining, 0);
}

export async function grantPoints(
  tx: Tx,
  input: { memberId: string; amount: number; expiresAt: Date; note: string },
  now: Date,
) {
  if (!Number.isInteger(input.amount) || input.amount <= 0)
    throw new Error('points grant must be a positive whole number');
  await tx.insert(ledgerEntries).values({
    memberId: input.memberId,
    account: 'points',
    kind: 'points_grant',
    amountYen: input.amount,
    expiresAt: input.expiresAt,
    note: input.note,
    createdAt: now,
  });
}

/** Spends points, soonest-expiring first. The caller holds lockMemberMoney and has checked the balance. */
export async function spendPoints(tx: Tx, memberId: string, amount: number, orderId: string, now: Date) {
  let left = amount;
  for (const lot of await pointLots(tx, memberId, now)) {
    if (left === 0) break;
    const take = Math.min(lot.remaining, left);
    await tx.insert(ledgerEntries).values({
      memberId,
      account: 'points',
      kind: 'points_spend',
      amountYen: -take,
      orderId,
      lotId: lot.lotId,
      createdAt: now,
    });
    left -= take;
  }
  if (left !== 0) throw new Error('not enough points: balance was not checked under the lock');
}

/** Gives back the points an order spent, to the grants they came from (a lapsed grant lapses again). */
export async function refundPoints(tx: Tx, orderId: string, now: Date) {
  const spent = await tx
    .select()
    .from(ledgerEntries)
    .where(and(eq(ledgerEntries.orderId, orderId), eq(ledgerEntries.kind, 'points_spend')));
  for (const entry of spent) {
    await tx.insert(ledgerEntries).values({
      memberId: entry.memberId,
      account: 'points',
      kind: 'points_refund',
      amountYen: -entry.amountYen,
      orderId,
      lotId: entry.lotId,
      createdAt: now,
    });
  }
}

/** Writes off the unspent remainder of every lapsed grant. Idempotent: a lapsed grant's remainder is zero afterwards. */
export async function expirePoints(tx: Tx, now: Date, limit = 500): Promise<number> {
  const result: any = await tx.execute(sql`
    select g.id as lot_id, g.member_id, g.amount_yen + coalesce(sum(u.amount_yen), 0) as remaining
    from ledger_entries g
    left join ledger_entries u on u.lot_id = g.id
    where g.account = 'points' and g.kind = 'points_grant' and g.expires_at <= ${now}
    group by g.id, g.member_id, g.amount_yen
    having g.amount_yen + coalesce(sum(u.amount_yen), 0) > 0
    limit ${limit}`);
  for (const row of result.rows) {
    await tx.insert(ledgerEntries).values({
      memberId: row.member_id,
      account: 'points',
      kind: 'points_expire',
      amountYen: -Number(row.remaining),
      lotId: Number(row.lot_id),
      createdAt: now,
    });
  }
  return result.rows.length;
}

export type Balances = { salesYen: number; payoutsInProgressYen: number; pointsYen: number; pointLots: PointLot[] };

/** What マイページ, the payout form and 退会's check show: all derived from the ledger. */
export async function memberBalances(tx: Tx, memberId: string, now: Date): Promise<Balances> {
  const lots = await pointLots(tx, memberId, now);
  const [inProgress] = await tx
    .select({ total: sum(payouts.amountYen) })
    .from(payouts)
    .where(and(eq(payouts.memberId, memberId), eq(payouts.status, 'requested')));
  return {
    salesYen: await salesBalance(tx, memberId),
    payoutsInProgressYen: Number(inProgress.total ?? 0),
    pointsYen: lots.reduce((total, lot) => total + lot.remaining, 0),
    pointLots: lots,
  };
}

export async function ledgerForMember(tx: Tx, memberId: string, limit = 100) {
  return tx
    .select()
    .from(ledgerEntries)
    .where(eq(ledgerEntries.memberId, memberId))
    .orderBy(asc(ledgerEntries.id))
    .limit(limit);
}
