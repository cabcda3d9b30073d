import { logOperatorAction, type Operator } from '../trust/operatorLog';
import { desc, eq, isNull, and } from 'drizzle-orm';
import type { Deps } from '../platform/deps';
import { BUILD_EXPORT_JOB } from './requestExport';
import { daysAfter, retention } from '../retention/periods';
import type { Message } from '../dictionary';
import { DAY } from '../platform/clock';
import { mailMember } from '../platform/mail/mailMember';
import { members } from '../accounts/schema';
import { privacyRequestReceivedMail, privacyRequestReplyMail } from './requestMails';
import { dataExports, privacyRequests, type requestKinds } from './schema';

type Kind = (typeof requestKinds)[number];

/**
 * The two-week mark of a request: APPI §39 lets the requester sue once two weeks have passed since the
 * request reached us (§33-35 ask for an answer without delay), so every request is answered before it.
 */
export const PRIVACY_REQUEST_ANSWER_DAYS = 14;

/** A request's age in whole days, its two-week mark, and whether it passed the mark unanswered. */
export function requestDeadline(
  request: { receivedAt: Date; repliedAt: Date | null; completedAt: Date | null },
  now: Date,
) {
  const answerBy = daysAfter(request.receivedAt, PRIVACY_REQUEST_ANSWER_DAYS);
  const ageDays = Math.floor((now.getTime() - request.receivedAt.getTime()) / DAY);
  const open = !request.repliedAt && !request.completedAt;
  return { ageDays, answerBy, overdue: open && now.getTime() >= answerBy.getTime() };
}

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
    const [requester] = input.memberId ? await tx.select().from(members).where(eq(members.id, input.memberId)) : [];
    // 受付 by mail to a member we can write to; one who left has no address left to answer to.
    const acknowledged =
      requester && requester.status !== 'withdrawn'
        ? await mailMember(tx, deps, requester, 'privacy_request_received', privacyRequestReceivedMail, {
            kind: input.kind,
            receivedAt: now,
            answerBy: requestDeadline({ receivedAt: now, repliedAt: null, completedAt: null }, now).answerBy,
          })
        : null;
    const [request] = await tx
      .insert(privacyRequests)
      .values({ ...input, exportId, receivedAt: now, acknowledgedAt: acknowledged ? now : null })
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

/**
 * 回答: the operator's answer, mailed to the requester in the same transaction and kept with the request.
 * Only a request from a member we can write to, answered once.
 */
export async function replyToPrivacyRequest(
  deps: Deps,
  operator: Operator,
  requestId: string,
  body: string,
): Promise<Message | null> {
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    const [request] = await tx.select().from(privacyRequests).where(eq(privacyRequests.id, requestId)).for('update');
    if (!request) return (t) => t.admin.console.replyNotFound;
    if (request.repliedAt) return (t) => t.admin.console.replyAlready;
    const [requester] = request.memberId ? await tx.select().from(members).where(eq(members.id, request.memberId)) : [];
    if (!requester || requester.status === 'withdrawn') return (t) => t.admin.console.replyNoAddress;
    await mailMember(tx, deps, requester, 'privacy_request_reply', privacyRequestReplyMail, {
      kind: request.kind,
      body,
    });
    await tx.update(privacyRequests).set({ replyBody: body, repliedAt: now }).where(eq(privacyRequests.id, request.id));
    await logOperatorAction(tx, operator, 'privacy_request_replied', request.memberId, request.kind, now);
    return null;
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
