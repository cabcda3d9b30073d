import { logOperatorAction, type Operator } from '../trust/operatorLog';
import { desc, eq, isNull, and } from 'drizzle-orm';
import type { Deps } from '../platform/deps';
import { BUILD_EXPORT_JOB } from './requestExport';
import { daysAfter, retention } from '../retention/periods';
import { dataExports, privacyRequests, type requestKinds } from './schema';

type Kind = (typeof requestKinds)[number];

/**
 * Records a request received by other means. A disclosure request also starts the same export a member
 * makes for themselves, for the operator to send on (APPI Art. 33: without delay, electronically).
 */
export async function recordPrivacyRequest(
  deps: Deps,
  input: { operatorId: string; memberId: string | null; kind: Kind; notes: string },
) {
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    let exportId: string | null = null;
    if (input.kind === 'disclosure' && input.memberId) {
      const [row] = await tx
        .insert(dataExports)
        .values({ memberId: input.memberId, createdAt: now, expiresAt: daysAfter(now, retention.exportDownloadDays) })
        .returning();
      await deps.jobs.enqueue(tx, BUILD_EXPORT_JOB, { exportId: row.id });
      exportId = row.id;
    }
    const [request] = await tx
      .insert(privacyRequests)
      .values({ ...input, exportId, receivedAt: now })
      .returning();
    await logOperatorAction(tx, { id: input.operatorId }, `privacy_request_${input.kind}`, input.memberId, '', now);
    return request;
  });
}

export async function completePrivacyRequest(deps: Deps, operator: Operator, requestId: string) {
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    const [done] = await tx
      .update(privacyRequests)
      .set({ completedAt: now })
      .where(and(eq(privacyRequests.id, requestId), isNull(privacyRequests.completedAt)))
      .returning();
    if (done) await logOperatorAction(tx, operator, `privacy_request_completed`, done.memberId, done.kind, now);
  });
}

export async function listPrivacyRequests(deps: Deps) {
  return deps.db
    .select({ request: privacyRequests, exportStatus: dataExports.status, exportPath: dataExports.filePath })
    .from(privacyRequests)
    .leftJoin(dataExports, eq(dataExports.id, privacyRequests.exportId))
    .orderBy(desc(privacyRequests.receivedAt))
    .limit(200);
}
