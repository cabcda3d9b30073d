import { and, count, desc, eq, isNull } from 'drizzle-orm';
import type { Tx } from '../platform/db/client';
import { mailSettings, notifications } from '../platform/mail/noticeSchema';
import { optionalMailKinds, type OptionalMailKind } from '../platform/mail/kinds';

export const NOTIFICATIONS_PAGE_SIZE = 50;

export async function unreadNotificationCount(tx: Tx, memberId: string): Promise<number> {
  const [row] = await tx
    .select({ n: count() })
    .from(notifications)
    .where(and(eq(notifications.memberId, memberId), isNull(notifications.readAt)));
  return row.n;
}

export async function latestNotifications(tx: Tx, memberId: string, limit = NOTIFICATIONS_PAGE_SIZE) {
  return tx
    .select()
    .from(notifications)
    .where(eq(notifications.memberId, memberId))
    .orderBy(desc(notifications.createdAt))
    .limit(limit);
}

/** 既読にする: idempotent; only the member's own. */
export async function markAllRead(tx: Tx, memberId: string, now: Date) {
  await tx
    .update(notifications)
    .set({ readAt: now })
    .where(and(eq(notifications.memberId, memberId), isNull(notifications.readAt)));
}

export async function mailChoices(tx: Tx, memberId: string): Promise<Record<OptionalMailKind, boolean>> {
  const [row] = await tx.select().from(mailSettings).where(eq(mailSettings.memberId, memberId));
  return Object.fromEntries(optionalMailKinds.map((k) => [k, row ? row[k] : true])) as Record<
    OptionalMailKind,
    boolean
  >;
}
