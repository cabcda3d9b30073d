import { sql } from 'drizzle-orm';
import type { Db } from '../platform/db/client';
import { serviceViews } from './schema';

/** The Japan-time calendar day of a moment, as YYYY-MM-DD. */
function japanDay(now: Date): string {
  return new Date(now.getTime() + 9 * 3600_000).toISOString().slice(0, 10);
}

/** One more view of a service today: a counter, nothing about the viewer. */
export async function countServiceView(db: Db, serviceId: string, now: Date) {
  await db
    .insert(serviceViews)
    .values({ serviceId, day: japanDay(now), views: 1 })
    .onConflictDoUpdate({
      target: [serviceViews.serviceId, serviceViews.day],
      set: { views: sql`${serviceViews.views} + 1` },
    });
}

export type MonthFigures = { month: string; views: number; orders: number; salesYen: number };
export type SellerFigures = {
  months: MonthFigures[];
  completed: number;
  cancelled: number;
  completionRate: number | null;
  averageRating: number | null;
  ratingCount: number;
};

/** The last 12 Japan-time months, oldest first, as YYYY-MM. */
function lastTwelveMonths(now: Date): string[] {
  const today = japanDay(now);
  let year = Number(today.slice(0, 4));
  let month = Number(today.slice(5, 7));
  const months: string[] = [];
  for (let i = 0; i < 12; i += 1) {
    months.unshift(`${year}-${String(month).padStart(2, '0')}`);
    month -= 1;
    if (month === 0) [year, month] = [year - 1, 12];
  }
  return months;
}

/**
 * 販売の実績: views, orders and sales (売上金 credited: prices and tips after the fee) per month for
 * 12 months, the completion rate (completed among orders that ended) and the average published rating.
 */
export async function sellerFigures(db: Db, sellerId: string, now: Date): Promise<SellerFigures> {
  const months = lastTwelveMonths(now);
  const from = `${months[0]}-01`;
  const byMonth = async (query: ReturnType<typeof sql>) => {
    const result: any = await db.execute(query);
    return new Map<string, number>(result.rows.map((r: any) => [r.month, Number(r.total)]));
  };
  const views = await byMonth(sql`
    select to_char(v.day, 'YYYY-MM') as month, sum(v.views) as total from service_views v
    join services s on s.id = v.service_id where s.seller_id = ${sellerId} and v.day >= ${from}::date group by 1`);
  const orders = await byMonth(sql`
    select to_char(created_at at time zone 'Asia/Tokyo', 'YYYY-MM') as month, count(*) as total from orders
    where seller_id = ${sellerId} and created_at at time zone 'Asia/Tokyo' >= ${from}::timestamp group by 1`);
  const sales = await byMonth(sql`
    select to_char(created_at at time zone 'Asia/Tokyo', 'YYYY-MM') as month, sum(amount_yen) as total from ledger_entries
    where member_id = ${sellerId} and account = 'sales' and kind in ('sale_credit', 'tip_credit')
      and created_at at time zone 'Asia/Tokyo' >= ${from}::timestamp group by 1`);
  const ended: any = await db.execute(sql`
    select count(*) filter (where status = 'completed') as completed, count(*) filter (where status = 'cancelled') as cancelled
    from orders where seller_id = ${sellerId}`);
  const rating: any = await db.execute(sql`
    select avg(r.rating)::float as average, count(*) as n from reviews r join orders o on o.id = r.order_id
    where o.seller_id = ${sellerId} and r.subject_id = ${sellerId} and r.status = 'published'`);
  const completed = Number(ended.rows[0].completed);
  const cancelled = Number(ended.rows[0].cancelled);
  const ratingCount = Number(rating.rows[0].n);
  return {
    months: months.map((month) => ({
      month,
      views: views.get(month) ?? 0,
      orders: orders.get(month) ?? 0,
      salesYen: sales.get(month) ?? 0,
    })),
    completed,
    cancelled,
    completionRate: completed + cancelled > 0 ? completed / (completed + cancelled) : null,
    averageRating: ratingCount > 0 ? Number(rating.rows[0].average) : null,
    ratingCount,
  };
}
