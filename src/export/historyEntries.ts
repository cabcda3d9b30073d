import { and, asc, desc, eq, gt, inArray, or, sql } from 'drizzle-orm';
import type yazl from 'yazl';
import { securityEvents } from '../accounts/schema';
import { ledgerEntries, orderOptions, orders } from '../marketplace/schema';
import type { Deps } from '../platform/deps';
import { japanIso } from '../platform/i18n/dates';
import { csvLine, jsonArrayEntry, streamEntry } from './zipStream';

const PAGE = 1000;

type Db = Deps['db'];

/**
 * Pages read one after another, each from the last row of the one before (keyset), so a history of any
 * length is never whole in memory.
 */
async function* keysetPages<T>(next: (last: T | undefined) => Promise<T[]>): AsyncGenerator<T[]> {
  let last: T | undefined;
  for (;;) {
    const rows = await next(last);
    yield rows;
    if (rows.length < PAGE) return;
    last = rows[rows.length - 1];
  }
}

/**
 * A timestamp as PostgreSQL writes it, microseconds and all: a JavaScript Date keeps milliseconds only,
 * and a cursor rounded to them would repeat or skip rows written in the same millisecond.
 */
const exactAt = (column: typeof orders.createdAt | typeof securityEvents.at) => sql<string>`${column}::text`;

/** The member's orders, as buyer or seller, oldest first, each with the options bought with it. */
function orderPages(db: Db, memberId: string) {
  return keysetPages(async (last: { cursor: string; id: string } | undefined) => {
    const page = await db
      .select({ order: orders, cursor: exactAt(orders.createdAt) })
      .from(orders)
      .where(
        and(
          or(eq(orders.buyerId, memberId), eq(orders.sellerId, memberId)),
          last ? sql`(${orders.createdAt}, ${orders.id}) > (${last.cursor}::timestamptz, ${last.id}::uuid)` : undefined,
        ),
      )
      .orderBy(asc(orders.createdAt), asc(orders.id))
      .limit(PAGE);
    const options = page.length
      ? await db
          .select({
            orderId: orderOptions.orderId,
            title: orderOptions.title,
            priceYen: orderOptions.priceYen,
            extraDays: orderOptions.extraDays,
          })
          .from(orderOptions)
          .where(
            inArray(
              orderOptions.orderId,
              page.map((row) => row.order.id),
            ),
          )
          .orderBy(asc(orderOptions.position))
      : [];
    return page.map(({ order: { idempotencyKey, ...order }, cursor }) => ({
      ...order,
      role: order.buyerId === memberId ? ('buyer' as const) : ('seller' as const),
      options: options.filter((x) => x.orderId === order.id).map(({ orderId, ...x }) => x),
      cursor,
    }));
  });
}

/** The member's security log, newest first. */
function securityLogPages(db: Db, memberId: string) {
  return keysetPages(async (last: { cursor: string; id: string } | undefined) =>
    (
      await db
        .select({ event: securityEvents, cursor: exactAt(securityEvents.at) })
        .from(securityEvents)
        .where(
          and(
            eq(securityEvents.memberId, memberId),
            last
              ? sql`(${securityEvents.at}, ${securityEvents.id}) < (${last.cursor}::timestamptz, ${last.id}::uuid)`
              : undefined,
          ),
        )
        .orderBy(desc(securityEvents.at), desc(securityEvents.id))
        .limit(PAGE)
    ).map(({ event, cursor }) => ({ ...event, cursor })),
  );
}

function ledgerPages(db: Db, memberId: string) {
  return keysetPages((last: { id: number } | undefined) =>
    db
      .select()
      .from(ledgerEntries)
      .where(and(eq(ledgerEntries.memberId, memberId), last ? gt(ledgerEntries.id, last.id) : undefined))
      .orderBy(asc(ledgerEntries.id))
      .limit(PAGE),
  );
}

const withoutCursor = <T extends { cursor: string }>({ cursor, ...row }: T) => row;

/** orders.json and orders.csv (for Excel: a byte-order mark, times in Japan time). */
export async function addOrderEntries(db: Db, zip: yazl.ZipFile, memberId: string) {
  await jsonArrayEntry(zip, 'orders.json', orderPages(db, memberId), withoutCursor);
  await streamEntry(zip, 'orders.csv', async (push) => {
    const header = ['id', 'role', 'title', 'status', 'price_yen', 'points_used', 'charged_yen', 'created_at'];
    await push('\uFEFF' + csvLine([...header, 'completed_at']));
    for await (const page of orderPages(db, memberId)) {
      for (const o of page) {
        await push(
          csvLine([
            o.id,
            o.role,
            o.titleSnapshot,
            o.status,
            o.priceYen,
            o.pointsUsed,
            o.chargedYen,
            japanIso(o.createdAt),
            o.completedAt ? japanIso(o.completedAt) : '',
          ]),
        );
      }
    }
  });
}

export const addLedgerEntry = (db: Db, zip: yazl.ZipFile, memberId: string) =>
  jsonArrayEntry(zip, 'ledger.json', ledgerPages(db, memberId));

export const addSecurityLogEntry = (db: Db, zip: yazl.ZipFile, memberId: string) =>
  jsonArrayEntry(zip, 'security-log.json', securityLogPages(db, memberId), withoutCursor);
