import { sql } from 'drizzle-orm';
import type { Db, Tx } from '../platform/db/client';
import type { DocumentKind } from './schema';
import { monthOf, monthSpan, yearOf, yearSpan, type Span } from './periods';

/**
 * What each document says, drawn from the member's own transaction records (orders, ledger lines, payouts). The
 * member's own ledger lines are what the purge removes when their period is over: without them there is nothing
 * to issue, which is how "the records are gone" is told.
 */
export type ReceiptRecord = {
  kind: 'receipt';
  orderId: string;
  title: string;
  completedAt: Date;
  priceYen: number;
  pointsUsed: number;
  paidYen: number;
};
export type InvoiceLine = { orderId: string; title: string; at: Date; saleYen: number; feeYen: number };
export type InvoiceRecord = { kind: 'invoice'; span: Span; lines: InvoiceLine[]; feeYen: number };
export type AnnualRecord = {
  kind: 'annual_report';
  span: Span;
  purchasesYen: number;
  salesYen: number;
  feesYen: number;
  payoutsYen: number;
  payoutFeesYen: number;
};
export type DocumentRecord = ReceiptRecord | InvoiceRecord | AnnualRecord;

type Reader = Db | Tx;
const rows = async (db: Reader, query: ReturnType<typeof sql>) => ((await db.execute(query)) as any).rows as any[];

// The platform fee of a sale or tip is written on its credit line ("fee 500", see marketplace/orders/transitions.ts).
const feeOf = sql.raw(`coalesce(nullif(split_part(le.note, ' ', 2), '')::int, 0)`);

export async function receiptRecord(db: Reader, memberId: string, orderId: string): Promise<ReceiptRecord | null> {
  if (!/^[0-9a-f-]{36}$/.test(orderId)) return null;
  const [row] = await rows(
    db,
    sql`select o.id, o.title_snapshot, o.completed_at, o.price_yen, o.points_used,
          coalesce(sum(le.amount_yen) filter (where le.account = 'payments' and le.kind = 'charge'), 0) as paid
        from orders o join ledger_entries le on le.order_id = o.id and le.member_id = o.buyer_id
        where o.id = ${orderId} and o.buyer_id = ${memberId} and o.status = 'completed'
        group by o.id`,
  );
  if (!row) return null;
  return {
    kind: 'receipt',
    orderId: row.id,
    title: row.title_snapshot,
    completedAt: new Date(row.completed_at),
    priceYen: Number(row.price_yen),
    pointsUsed: Number(row.points_used),
    paidYen: Number(row.paid),
  };
}

export async function invoiceRecord(db: Reader, memberId: string, month: string): Promise<InvoiceRecord | null> {
  const span = monthSpan(month);
  if (!span) return null;
  const found = await rows(
    db,
    sql`select le.order_id, o.title_snapshot, le.created_at, le.amount_yen, ${feeOf} as fee
        from ledger_entries le join orders o on o.id = le.order_id
        where le.member_id = ${memberId} and le.account = 'sales' and le.kind in ('sale_credit', 'tip_credit')
          and le.created_at >= ${span.from} and le.created_at < ${span.to}
        order by le.created_at, le.id`,
  );
  if (found.length === 0) return null;
  const lines = found.map((r) => ({
    orderId: r.order_id,
    title: r.title_snapshot,
    at: new Date(r.created_at),
    feeYen: Number(r.fee),
    saleYen: Number(r.amount_yen) + Number(r.fee),
  }));
  return { kind: 'invoice', span, lines, feeYen: lines.reduce((a, l) => a + l.feeYen, 0) };
}

export async function annualRecord(db: Reader, memberId: string, year: string): Promise<AnnualRecord | null> {
  const span = yearSpan(year);
  if (!span) return null;
  const [money] = await rows(
    db,
    sql`select count(*)::int as n,
          coalesce(sum(le.amount_yen) filter (where le.account = 'payments'), 0) as purchases,
          coalesce(sum(le.amount_yen + ${feeOf}) filter (where le.kind in ('sale_credit', 'tip_credit')), 0) as sales,
          coalesce(sum(${feeOf}) filter (where le.kind in ('sale_credit', 'tip_credit')), 0) as fees
        from ledger_entries le
        where le.member_id = ${memberId} and le.account in ('payments', 'sales')
          and le.created_at >= ${span.from} and le.created_at < ${span.to}`,
  );
  const [paid] = await rows(
    db,
    sql`select count(*)::int as n, coalesce(sum(amount_yen), 0) as amount, coalesce(sum(fee_yen), 0) as fees
        from payouts where member_id = ${memberId} and status = 'paid'
          and decided_at >= ${span.from} and decided_at < ${span.to}`,
  );
  if (Number(money.n) === 0 && Number(paid.n) === 0) return null;
  return {
    kind: 'annual_report',
    span,
    purchasesYen: Number(money.purchases),
    salesYen: Number(money.sales),
    feesYen: Number(money.fees),
    payoutsYen: Number(paid.amount),
    payoutFeesYen: Number(paid.fees),
  };
}

export function recordOf(db: Reader, memberId: string, kind: DocumentKind, subject: string) {
  if (kind === 'receipt') return receiptRecord(db, memberId, subject);
  if (kind === 'invoice') return invoiceRecord(db, memberId, subject);
  return annualRecord(db, memberId, subject);
}

export type AvailableDocument = { kind: DocumentKind; subject: string; title: string; at: Date };

/**
 * Every document a member can have now: a receipt per completed purchase, and an invoice per month and a report
 * per year once that month or year is over (Japan time), so what they say no longer changes.
 */
export async function availableDocuments(db: Reader, memberId: string, now: Date): Promise<AvailableDocument[]> {
  const receipts = await rows(
    db,
    sql`select o.id, o.title_snapshot, o.completed_at from orders o
        where o.buyer_id = ${memberId} and o.status = 'completed'
          and exists (select 1 from ledger_entries le where le.order_id = o.id and le.member_id = o.buyer_id)
        order by o.completed_at desc`,
  );
  const credits = await rows(
    db,
    sql`select distinct created_at from ledger_entries
        where member_id = ${memberId} and account = 'sales' and kind in ('sale_credit', 'tip_credit')`,
  );
  const activity = await rows(
    db,
    sql`select created_at as at from ledger_entries where member_id = ${memberId} and account in ('payments', 'sales')
        union select decided_at as at from payouts where member_id = ${memberId} and status = 'paid'`,
  );
  const months = [...new Set(credits.map((r) => monthOf(new Date(r.created_at))))].filter(
    (m) => monthSpan(m)!.to <= now,
  );
  const years = [...new Set(activity.map((r) => yearOf(new Date(r.at))))].filter((y) => yearSpan(y)!.to <= now);
  return [
    ...receipts.map((r) => ({
      kind: 'receipt' as const,
      subject: r.id as string,
      title: r.title_snapshot as string,
      at: new Date(r.completed_at),
    })),
    ...months
      .sort()
      .reverse()
      .map((m) => ({ kind: 'invoice' as const, subject: m, title: m, at: monthSpan(m)!.to })),
    ...years
      .sort()
      .reverse()
      .map((y) => ({ kind: 'annual_report' as const, subject: y, title: y, at: yearSpan(y)!.to })),
  ];
}
