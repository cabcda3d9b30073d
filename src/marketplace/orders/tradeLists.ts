import { and, count, desc, eq, inArray, isNotNull, isNull, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Tx } from '../../platform/db/client';
import { members } from '../../accounts/schema';
import { shownAs } from '../../profiles/shownAs';
import { orders, rooms } from '../schema';
import { cancelRequestStatuses } from './stateMachine';

// 取引管理: マイページ groups a member's orders by what they wait for, the ones someone must act on first.
export const tradeGroups = [
  'cancel_requested',
  'delivered',
  'in_progress',
  'disputed',
  'completed',
  'cancelled',
] as const;
export type TradeGroup = (typeof tradeGroups)[number];

export const tradeSides = ['purchases', 'sales'] as const;
export type TradeSide = (typeof tradeSides)[number];

export const TRADES_PER_PAGE = 20;

const counterpart = alias(members, 'counterpart');

function sideColumns(side: TradeSide) {
  return side === 'purchases'
    ? { own: orders.buyerId, other: orders.sellerId }
    : { own: orders.sellerId, other: orders.buyerId };
}

/**
 * The one statement of which group an order is in. A cancellation request (キャンセル申請中) is a flag on an
 * open order, not a status, and while it stands the order shows in that group alone.
 */
function inGroup(group: TradeGroup): SQL {
  if (group === 'cancel_requested')
    return and(isNotNull(orders.cancelRequestedBy), inArray(orders.status, [...cancelRequestStatuses]))!;
  if (group === 'in_progress' || group === 'delivered')
    return and(eq(orders.status, group), isNull(orders.cancelRequestedBy))!;
  return eq(orders.status, group);
}

const groupOfOrder = sql<TradeGroup>`case ${sql.join(
  tradeGroups.map((g) => sql`when ${inGroup(g)} then ${g}::text`),
  sql` `,
)} end`;

const groupRank = sql`case ${sql.join(
  tradeGroups.map((g, i) => sql`when ${inGroup(g)} then ${i}::int`),
  sql` `,
)} end`;

export type TradeCounts = { byGroup: Record<TradeGroup, number>; total: number };

/** How many of the member's orders on one side are in each group: one GROUP BY over the member's index range. */
export async function tradeCounts(tx: Tx, memberId: string, side: TradeSide): Promise<TradeCounts> {
  const rows = await tx
    .select({ group: groupOfOrder, n: count() })
    .from(orders)
    .where(eq(sideColumns(side).own, memberId))
    // By position: the CASE carries bound parameters, so PostgreSQL would not see a repeated expression as the same.
    .groupBy(sql`1`);
  const byGroup = Object.fromEntries(tradeGroups.map((g) => [g, 0])) as Record<TradeGroup, number>;
  for (const row of rows) byGroup[row.group] = row.n;
  return { byGroup, total: rows.reduce((sum, r) => sum + r.n, 0) };
}

export type TradeRow = {
  id: string;
  title: string;
  group: TradeGroup;
  priceYen: number;
  createdAt: Date;
  counterpartName: string | null;
  roomId: string | null;
};

/**
 * One page of the member's orders on one side, in one group or in all (grouped, the ones needing action first),
 * newest first within a group, with the other party as the member may see them.
 */
export async function tradesPage(
  tx: Tx,
  memberId: string,
  side: TradeSide,
  group: TradeGroup | null,
  page: number,
): Promise<{ items: TradeRow[]; hasNext: boolean }> {
  const { own, other } = sideColumns(side);
  const rows = await tx
    .select({
      id: orders.id,
      title: orders.titleSnapshot,
      group: groupOfOrder,
      priceYen: orders.priceYen,
      createdAt: orders.createdAt,
      roomId: rooms.id,
      other: { status: counterpart.status, displayName: counterpart.displayName, username: counterpart.username },
    })
    .from(orders)
    .innerJoin(counterpart, eq(counterpart.id, other))
    .leftJoin(rooms, eq(rooms.orderId, orders.id))
    .where(group ? and(eq(own, memberId), inGroup(group)) : eq(own, memberId))
    .orderBy(...(group ? [] : [groupRank]), desc(orders.createdAt), desc(orders.id))
    .limit(TRADES_PER_PAGE + 1)
    .offset((page - 1) * TRADES_PER_PAGE);
  return {
    items: rows
      .slice(0, TRADES_PER_PAGE)
      .map(({ other: who, ...row }) => ({ ...row, counterpartName: shownAs(who).name })),
    hasNext: rows.length > TRADES_PER_PAGE,
  };
}
