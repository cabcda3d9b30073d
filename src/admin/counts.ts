import { sql } from 'drizzle-orm';
import type { Db } from '../platform/db/client';

/** What waits for an operator in each console section (the tabs show it on every console page). */
export type ConsoleCounts = {
  duplicates: number;
  reviews: number;
  reports: number;
  inquiries: number;
  requests: number;
  departed: number;
};

/** One statement for every count, each on an indexed status (the console is opened by a few people). */
export async function consoleCounts(db: Db): Promise<ConsoleCounts> {
  const result: any = await db.execute(sql`
    select
      (select count(*) from duplicate_cases where status = 'open')::int as duplicates,
      (select count(*) from reviews where status = 'held')::int as reviews,
      (select count(*) from reports where status = 'open')::int as reports,
      (select count(*) from inquiries where status = 'open')::int as inquiries,
      (select count(*) from privacy_requests where completed_at is null)::int as requests,
      (select count(*) from (
        select m.id from members m join ledger_entries l on l.member_id = m.id and l.account = 'sales'
        where m.withdrawn_at is not null
          and not exists (select 1 from payouts p where p.member_id = m.id and p.status = 'requested')
        group by m.id having sum(l.amount_yen) > 0) owed)::int as departed`);
  const row = result.rows[0];
  return Object.fromEntries(Object.entries(row).map(([k, n]) => [k, Number(n)])) as ConsoleCounts;
}
