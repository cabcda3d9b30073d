import { desc, sql } from 'drizzle-orm';
import type { Db } from '../platform/db/client';
import type { ViewContext } from '../platform/web/env';
import { Layout } from '../platform/web/layout';
import { withdrawalReasonKeys } from '../withdrawal/schema';
import { withdrawalReasons } from '../withdrawal/schema';

export async function withdrawalReport(db: Db) {
  const byReason: any = await db.execute(
    sql`select reason, count(*)::int as n from withdrawal_reasons, unnest(reasons) as reason group by reason`,
  );
  const byMonth: any = await db.execute(
    sql`select to_char(answered_on, 'YYYY-MM') as month, count(*)::int as n from withdrawal_reasons group by 1 order by 1 desc limit 24`,
  );
  const comments = await db
    .select({ text: withdrawalReasons.freeText, on: withdrawalReasons.answeredOn })
    .from(withdrawalReasons)
    .where(sql`${withdrawalReasons.freeText} <> ''`)
    .orderBy(desc(withdrawalReasons.answeredOn))
    .limit(100);
  const counts = new Map<string, number>(
    byReason.rows.map((r: { reason: string; n: number }) => [r.reason, Number(r.n)]),
  );
  return {
    byReason: withdrawalReasonKeys.map((key) => ({ key, n: counts.get(key) ?? 0 })),
    byMonth: (byMonth.rows as { month: string; n: number }[])
      .map((r) => ({ month: r.month, n: Number(r.n) }))
      .reverse(),
    comments: comments.map((c) => ({ text: c.text, month: String(c.on).slice(0, 7) })),
  };
}

function Bars({ rows }: { rows: { label: string; n: number }[] }) {
  const max = Math.max(1, ...rows.map((r) => r.n));
  return (
    <table>
      <tbody>
        {rows.map((r) => (
          <tr>
            <td>{r.label}</td>
            <td>
              <meter class="bar" value={r.n} min={0} max={max} aria-hidden="true"></meter> {r.n}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Reasons for leaving, with no identities: counts by reason, a chart by month, and the comments (month only). */
export function WithdrawalReportPage({
  v,
  report,
}: {
  v: ViewContext;
  report: Awaited<ReturnType<typeof withdrawalReport>>;
}) {
  const t = v.t.withdrawal;
  return (
    <Layout v={v} title={t.adminTitle} noindex>
      <h1>{t.adminTitle}</h1>
      <section class="card" data-testid="by-reason">
        <h2>{t.adminByReason}</h2>
        <Bars rows={report.byReason.map((r) => ({ label: t.reasons[r.key], n: r.n }))} />
      </section>
      <section class="card" data-testid="by-month">
        <h2>{t.adminByMonth}</h2>
        <Bars rows={report.byMonth.map((r) => ({ label: r.month, n: r.n }))} />
      </section>
      <section class="card">
        <h2>{t.adminFreeText}</h2>
        <ul>
          {report.comments.map((c) => (
            <li>
              <span class="small muted">{c.month}</span> {c.text}
            </li>
          ))}
        </ul>
      </section>
    </Layout>
  );
}
