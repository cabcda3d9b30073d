import { eq, sql, type SQL } from 'drizzle-orm';
import type { Deps } from '../platform/deps';
import { deleteQueuedFiles, queueFileDeletions } from '../platform/files/deletions';
import { sweepOrphanFiles } from './orphanFiles';
import { purgeRules, type Rule } from './purgeRules';
import { purgeLog } from './schema';
import { daysAgo, periodsOf, type Periods } from './periods';

/**
 * Rows of a member under legal hold stay. `owner` names the member columns ("buyer_id, seller_id"),
 * qualified with the table so the subquery cannot mistake them for its own.
 */
function notHeld(table: string, owner: string | null): SQL {
  if (!owner) return sql`true`;
  const columns = owner
    .split(',')
    .map((c) => `${table}.${c.trim()}`)
    .join(', ');
  return sql.raw(
    `not exists (select 1 from legal_holds h where h.member_id in (${columns}) and h.released_at is null)`,
  );
}

export type PurgeSummary = { category: string; table: string; rows: number; heldBack: number }[];

/**
 * The daily purge: applies every rule in batches, writes one purge-log line per rule that found
 * anything, and skips rows of members under legal hold (counting them). With dryRun it only counts.
 */
export async function purgeExpired(
  deps: Deps,
  options: { dryRun?: boolean; batchSize?: number } = {},
): Promise<PurgeSummary> {
  const now = deps.clock.now();
  const periods = periodsOf(deps.config);
  const batchSize = options.batchSize ?? 1000;
  const summary: PurgeSummary = [];
  // Files whose rows a crashed run (or withdrawal clean-up) deleted: their records finish the job.
  if (!options.dryRun) await deleteQueuedFiles(deps);
  for (const rule of purgeRules) {
    const table = sql.raw(rule.table);
    const condition = rule.expired(now, periods);
    const heldResult: any = await deps.db.execute(
      sql`select count(*)::int as n from ${table} where ${condition} and not (${notHeld(rule.table, rule.owner)})`,
    );
    const heldBack = Number(heldResult.rows[0].n);
    const line = { category: rule.category, table: rule.table, rows: 0, heldBack };
    if (!options.dryRun) {
      line.rows = await deleteInBatches(deps, rule, condition, { heldBack, batchSize, now });
      // Deleted rows were logged batch by batch; a line with none is only written for held-back rows.
      if (line.rows > 0) summary.push(line);
      else await logRun(deps, summary, line, false, now);
      continue;
    }
    const counted: any = await deps.db.execute(
      sql`select count(*)::int as n from ${table} where ${condition} and ${notHeld(rule.table, rule.owner)}`,
    );
    line.rows = Number(counted.rows[0].n);
    await logRun(deps, summary, line, true, now);
  }
  await logRun(
    deps,
    summary,
    await anonymiseWithdrawnAccounts(deps, now, periods, !!options.dryRun),
    !!options.dryRun,
    now,
  );
  await logRun(deps, summary, await sweepOrphanFiles(deps, now, !!options.dryRun), !!options.dryRun, now);
  return summary;
}

/**
 * Deletes a rule's expired rows batch by batch. Each batch is one transaction with its purge-log count and the
 * records of its files, so a run killed at any point has logged exactly what it deleted and leaves no file behind.
 */
async function deleteInBatches(
  deps: Deps,
  rule: Rule,
  condition: SQL,
  run: { heldBack: number; batchSize: number; now: Date },
): Promise<number> {
  const table = sql.raw(rule.table);
  const keys = sql.raw(rule.key);
  let lineId: number | null = null;
  let rows = 0;
  for (;;) {
    const deleted = await deps.db.transaction(async (tx) => {
      const result: any = await tx.execute(sql`
        delete from ${table} where (${keys}) in (select ${keys} from ${table} where ${condition} and ${notHeld(rule.table, rule.owner)} limit ${run.batchSize})
        returning ${rule.files ? sql.raw(rule.files) : sql`null`} as file`);
      const n: number = result.rows.length;
      if (n === 0) return 0;
      if (rule.files)
        await queueFileDeletions(
          tx,
          result.rows.map((r: { file: string | null }) => r.file),
          run.now,
        );
      if (lineId === null) {
        const [line] = await tx
          .insert(purgeLog)
          .values({
            category: `${rule.category}:${rule.table}`,
            rows: n,
            dryRun: false,
            heldBack: run.heldBack,
            ranAt: run.now,
          })
          .returning({ id: purgeLog.id });
        lineId = line.id;
      } else {
        await tx
          .update(purgeLog)
          .set({ rows: sql`${purgeLog.rows} + ${n}` })
          .where(eq(purgeLog.id, lineId));
      }
      return n;
    });
    if (rule.files && deleted > 0) await deleteQueuedFiles(deps);
    rows += deleted;
    if (deleted < run.batchSize) return rows;
  }
}

async function logRun(deps: Deps, summary: PurgeSummary, line: PurgeSummary[number], dryRun: boolean, now: Date) {
  if (line.rows === 0 && line.heldBack === 0) return;
  summary.push(line);
  await deps.db.insert(purgeLog).values({
    category: `${line.category}:${line.table}`,
    rows: line.rows,
    dryRun,
    heldBack: line.heldBack,
    ranAt: now,
  });
}

/**
 * Accounts 30 days after 退会: address, password and name go; the row and username stay (orders and
 * reviews point at it, and the name stays reserved). The withdrawal's own delayed job does the same;
 * this catches any it missed.
 */
async function anonymiseWithdrawnAccounts(
  deps: Deps,
  now: Date,
  p: Periods,
  dryRun: boolean,
): Promise<PurgeSummary[number]> {
  const due = sql`withdrawn_at < ${daysAgo(now, p.accountAfterWithdrawalDays)} and email not like 'withdrawn+%'`;
  const held: any = await deps.db.execute(
    sql`select count(*)::int as n from members where ${due} and not (${notHeld('members', 'id')})`,
  );
  const changed: any = dryRun
    ? await deps.db.execute(sql`select id from members where ${due} and ${notHeld('members', 'id')}`)
    : await deps.db.execute(
        sql`update members set email = 'withdrawn+' || id || '@invalid', password_hash = null, display_name = '' where ${due} and ${notHeld('members', 'id')} returning id`,
      );
  return { category: 'account', table: 'members', rows: changed.rows.length, heldBack: Number(held.rows[0].n) };
}
