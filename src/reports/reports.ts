import { and, count, desc, eq, inArray } from 'drizzle-orm';
import type { Message } from '../dictionary';
import type { Tx } from '../platform/db/client';
import type { Deps } from '../platform/deps';
import { members } from '../accounts/schema';
import { messages, reviews, rooms, services } from '../marketplace/schema';
import { roomAccess } from '../messages/access';
import { moderateReview } from '../trust/reviewModeration';
import { queueSearchSync } from '../platform/searchPort';
import { logOperatorAction, type Operator } from '../trust/operatorLog';
import { suspensions } from '../trust/schema';
import { hiddenContent, reports, type ReportKind, type ReportReason } from './schema';
import { dictionaries } from '../dictionary';
import { mailMember } from '../platform/mail/mailMember';
import { mailLinks } from '../platform/mail/links';
import { contentWarningMail } from './mails';

export const REPORT_DETAIL_MAX = 1000;

type Target = { ownerId: string; content: string };

/** The content behind a report and whose it is, when the reporter may see it (else null: nothing to report). */
async function targetFor(tx: Tx, reporterId: string, kind: ReportKind, targetId: string): Promise<Target | null> {
  if (kind === 'service') {
    const [s] = await tx.select().from(services).where(eq(services.id, targetId));
    return s && s.status !== 'deleted' ? { ownerId: s.sellerId, content: `${s.title}\n${s.description}` } : null;
  }
  if (kind === 'profile') {
    const [m] = await tx.select().from(members).where(eq(members.id, targetId));
    return m && m.status !== 'withdrawn'
      ? { ownerId: m.id, content: `${m.displayName} (@${m.username})\n${m.bio}\n${m.skills}` }
      : null;
  }
  if (kind === 'review') {
    const [r] = await tx.select().from(reviews).where(eq(reviews.id, targetId));
    return r && r.status === 'published' ? { ownerId: r.authorId, content: `★${r.rating} ${r.comment}` } : null;
  }
  if (!/^\d{1,18}$/.test(targetId)) return null;
  const [row] = await tx
    .select({ message: messages, room: rooms })
    .from(messages)
    .innerJoin(rooms, eq(rooms.id, messages.roomId))
    .where(eq(messages.id, Number(targetId)));
  // Only the other participant of the room can have seen the message, so only they report it.
  if (
    !row?.message.senderId ||
    row.message.senderId === reporterId ||
    roomAccess(row.room, { id: reporterId, verifiedOperator: false }) !== 'participant'
  )
    return null;
  return { ownerId: row.message.senderId, content: row.message.body };
}

/** 通報する: idempotent per member and item. Refuses one's own content and what the member cannot see. */
export async function fileReport(
  deps: Deps,
  reporterId: string,
  input: { kind: ReportKind; targetId: string; reason: ReportReason; detail: string },
): Promise<{ ok: true } | { ok: false; problem: Message }> {
  return deps.db.transaction(async (tx) => {
    const target = await targetFor(tx, reporterId, input.kind, input.targetId);
    if (!target) return { ok: false, problem: (t) => t.reports.errors.notFound };
    if (target.ownerId === reporterId) return { ok: false, problem: (t) => t.reports.errors.own };
    await tx
      .insert(reports)
      .values({
        reporterId,
        ownerId: target.ownerId,
        kind: input.kind,
        targetId: input.targetId,
        reason: input.reason,
        detail: input.detail,
        createdAt: deps.clock.now(),
      })
      .onConflictDoNothing();
    return { ok: true };
  });
}

export const reportDecisions = ['hide', 'warn', 'dismiss'] as const;
export type ReportDecision = (typeof reportDecisions)[number];

/**
 * An operator hides the reported content: it leaves every page (notHidden; a review is removed through the
 * review moderation, which also corrects the rating). Every open report of that item is closed with it.
 * 警告 (warn) hides it too and tells its owner by mail why; suspension stays in the member's file.
 */
export async function decideReport(
  deps: Deps,
  operator: Operator,
  reportId: string,
  decision: ReportDecision,
): Promise<boolean> {
  const [report] = await deps.db.select().from(reports).where(eq(reports.id, reportId));
  if (!report || report.status !== 'open') return false;
  const hides = decision !== 'dismiss';
  if (hides && report.kind === 'review') await moderateReview(deps, operator, report.targetId, 'remove');
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    if (hides && report.kind !== 'review') {
      await tx
        .insert(hiddenContent)
        .values({ kind: report.kind, targetId: report.targetId, hiddenAt: now, hiddenBy: operator.id })
        .onConflictDoNothing();
      if (report.kind === 'service') await queueSearchSync(tx, deps, { serviceIds: [report.targetId] });
    }
    const status = hides ? ('hidden' as const) : ('dismissed' as const);
    const sameItem = hides
      ? and(eq(reports.kind, report.kind), eq(reports.targetId, report.targetId))
      : eq(reports.id, reportId);
    await tx
      .update(reports)
      .set({ status, decidedAt: now, decidedBy: operator.id })
      .where(and(sameItem, eq(reports.status, 'open')));
    await logOperatorAction(
      tx,
      operator,
      `report_${decision}`,
      report.ownerId,
      `${report.kind} ${report.targetId}: ${report.reason}`,
      now,
    );
    if (decision === 'warn') await warnOwner(tx, deps, report.ownerId, report.kind, report.reason);
    return true;
  });
}

async function warnOwner(tx: Tx, deps: Deps, ownerId: string, kind: ReportKind, reason: ReportReason) {
  const [owner] = await tx.select().from(members).where(eq(members.id, ownerId));
  if (!owner || owner.status === 'withdrawn') return;
  const t = dictionaries[owner.locale].reports;
  await mailMember(tx, deps, owner, 'content_warning', contentWarningMail, {
    kind: t.kinds[kind],
    reason: t.reasons[reason],
    supportUrl: mailLinks(deps.config.baseUrl).support,
  });
}

/** The operators' queue: open reports, oldest first, each with the content and its owner's history beside it. */
export async function reportQueue(deps: Deps) {
  const open = await deps.db
    .select()
    .from(reports)
    .where(eq(reports.status, 'open'))
    .orderBy(reports.createdAt)
    .limit(100);
  const ownerIds = [...new Set(open.map((r) => r.ownerId))];
  const people = ownerIds.length
    ? await deps.db
        .select()
        .from(members)
        .where(inArray(members.id, [...ownerIds, ...open.map((r) => r.reporterId)]))
    : [];
  const byId = new Map(people.map((m) => [m.id, m]));
  const items = [];
  for (const r of open) {
    const target = await targetFor(deps.db, r.reporterId, r.kind, r.targetId);
    const history = await deps.db
      .select()
      .from(reports)
      .where(eq(reports.ownerId, r.ownerId))
      .orderBy(desc(reports.createdAt))
      .limit(20);
    const [suspended] = await deps.db
      .select({ n: count() })
      .from(suspensions)
      .where(eq(suspensions.memberId, r.ownerId));
    items.push({
      report: r,
      content: target?.content ?? null,
      owner: byId.get(r.ownerId)!,
      reporter: byId.get(r.reporterId)!,
      history: history.filter((h) => h.id !== r.id),
      suspensionCount: suspended.n,
    });
  }
  return items;
}

/** For the export: the reports this member made (never the ones made about them). */
export async function reportsMadeBy(tx: Tx, memberId: string) {
  const rows = await tx.select().from(reports).where(eq(reports.reporterId, memberId)).orderBy(desc(reports.createdAt));
  return rows.map((r) => ({
    kind: r.kind,
    targetId: r.targetId,
    reason: r.reason,
    detail: r.detail,
    status: r.status,
    createdAt: r.createdAt,
  }));
}
