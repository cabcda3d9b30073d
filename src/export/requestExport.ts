import { and, desc, eq, inArray } from 'drizzle-orm';
import type { Message } from '../dictionary';
import type { Deps } from '../platform/deps';
import { DAY } from '../platform/clock';
import { consumeRateLimit } from '../platform/rateLimit';
import type { CurrentMember } from '../platform/web/env';
import type { Result } from '../platform/context';
import { recordSecurityEvent } from '../security/sessions/securityEvents';
import type { RequestOrigin } from '../platform/context';
import { daysAfter, retention } from '../retention/periods';
import { dataExports } from './schema';

export const BUILD_EXPORT_JOB = 'export.build';

/** データのダウンロード: one at a time per member, five a day; the ZIP is built by a job. */
export async function requestExport(
  deps: Deps,
  member: CurrentMember,
  origin: RequestOrigin,
): Promise<Result<{ exportId: string }, { problem: Message }>> {
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    const busy = await tx
      .select({ id: dataExports.id })
      .from(dataExports)
      .where(and(eq(dataExports.memberId, member.id), inArray(dataExports.status, ['queued', 'running'])));
    if (busy.length > 0) return { ok: true as const, exportId: busy[0].id };
    if (!(await consumeRateLimit(tx, { bucket: 'export', limit: 5, windowMs: DAY }, member.id, now)))
      return { ok: false as const, problem: ((t) => t.accounts.errors.tooManyAttempts) as Message };
    const [row] = await tx
      .insert(dataExports)
      .values({ memberId: member.id, createdAt: now, expiresAt: daysAfter(now, retention.exportDownloadDays) })
      .returning();
    await recordSecurityEvent(tx, member.id, 'export_requested', origin, now);
    await deps.jobs.enqueue(tx, BUILD_EXPORT_JOB, { exportId: row.id });
    return { ok: true as const, exportId: row.id };
  });
}

export async function exportsOf(deps: Deps, memberId: string) {
  return deps.db
    .select()
    .from(dataExports)
    .where(eq(dataExports.memberId, memberId))
    .orderBy(desc(dataExports.createdAt))
    .limit(10);
}

/** The file of an export, for its own member only, while it has not expired. */
export async function downloadableExport(deps: Deps, memberId: string, exportId: string) {
  const [row] = await deps.db
    .select()
    .from(dataExports)
    .where(and(eq(dataExports.id, exportId), eq(dataExports.memberId, memberId)));
  if (!row || row.status !== 'ready' || !row.filePath || row.expiresAt <= deps.clock.now()) return null;
  return row;
}
