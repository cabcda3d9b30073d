import { alias } from 'drizzle-orm/pg-core';
import { and, desc, eq, ilike, inArray, isNull, or } from 'drizzle-orm';
import type { Db } from '../platform/db/client';
import { members, securityEvents } from '../accounts/schema';
import { orders, reviews } from '../marketplace/schema';
import { duplicateCases, identitySignals, operatorActions, suspensions } from './schema';
import { matchingAccounts } from './signals';

/** Operator search by part of a username, display name or email address. */
export async function searchMembers(db: Db, query: string) {
  const pattern = `%${query.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
  return db
    .select({
      id: members.id,
      username: members.username,
      displayName: members.displayName,
      email: members.email,
      status: members.status,
      role: members.role,
      createdAt: members.createdAt,
    })
    .from(members)
    .where(or(ilike(members.username, pattern), ilike(members.displayName, pattern), ilike(members.email, pattern)))
    .orderBy(desc(members.createdAt))
    .limit(50);
}

/** Everything an operator needs to judge one account: state, signals (kinds and dates, never values), matches, history. */
export async function memberFile(db: Db, memberId: string, now: Date) {
  const [member] = await db.select().from(members).where(eq(members.id, memberId));
  if (!member) return null;
  const signals = await db
    .select({
      kind: identitySignals.kind,
      firstSeenAt: identitySignals.firstSeenAt,
      lastSeenAt: identitySignals.lastSeenAt,
    })
    .from(identitySignals)
    .where(eq(identitySignals.memberId, memberId))
    .orderBy(identitySignals.kind, desc(identitySignals.lastSeenAt));
  const matches = await matchingAccounts(db, memberId, now);
  const others =
    matches.length === 0
      ? []
      : await db
          .select({ id: members.id, username: members.username })
          .from(members)
          .where(
            inArray(
              members.id,
              matches.map((m) => m.otherMemberId),
            ),
          );
  const matched = matches.map((m) => ({ ...m, other: others.find((o) => o.id === m.otherMemberId) }));
  const history = await db
    .select()
    .from(suspensions)
    .where(eq(suspensions.memberId, memberId))
    .orderBy(desc(suspensions.createdAt));
  const events = await db
    .select()
    .from(securityEvents)
    .where(eq(securityEvents.memberId, memberId))
    .orderBy(desc(securityEvents.at))
    .limit(20);
  const operator = alias(members, 'operator');
  const actions = await db
    .select({
      action: operatorActions.action,
      detail: operatorActions.detail,
      at: operatorActions.at,
      operatorUsername: operator.username,
    })
    .from(operatorActions)
    .leftJoin(operator, eq(operator.id, operatorActions.operatorId))
    .where(eq(operatorActions.memberId, memberId))
    .orderBy(desc(operatorActions.at))
    .limit(20);
  const author = alias(members, 'author');
  const received = await db
    .select({
      id: reviews.id,
      rating: reviews.rating,
      comment: reviews.comment,
      status: reviews.status,
      createdAt: reviews.createdAt,
      authorUsername: author.username,
      serviceTitle: orders.titleSnapshot,
    })
    .from(reviews)
    .innerJoin(orders, eq(orders.id, reviews.orderId))
    .innerJoin(author, eq(author.id, reviews.authorId))
    .where(eq(reviews.subjectId, memberId))
    .orderBy(desc(reviews.createdAt))
    .limit(50);
  return { member, signals, matched, history, events, actions, received };
}

export type MemberFile = NonNullable<Awaited<ReturnType<typeof memberFile>>>;

/** The open duplicate cases, oldest first, with both accounts side by side. */
export async function openDuplicateCases(db: Db) {
  const newer = alias(members, 'newer');
  const older = alias(members, 'older');
  return db
    .select({
      id: duplicateCases.id,
      evidence: duplicateCases.evidence,
      strength: duplicateCases.strength,
      createdAt: duplicateCases.createdAt,
      newer: {
        id: newer.id,
        username: newer.username,
        displayName: newer.displayName,
        email: newer.email,
        status: newer.status,
        createdAt: newer.createdAt,
      },
      older: {
        id: older.id,
        username: older.username,
        displayName: older.displayName,
        email: older.email,
        status: older.status,
        createdAt: older.createdAt,
      },
    })
    .from(duplicateCases)
    .innerJoin(newer, eq(newer.id, duplicateCases.memberId))
    .innerJoin(older, eq(older.id, duplicateCases.otherMemberId))
    .where(eq(duplicateCases.status, 'open'))
    .orderBy(duplicateCases.createdAt)
    .limit(100);
}

/** Suspensions in force now. */
export async function suspensionsInForce(db: Db) {
  return db
    .select({
      memberId: members.id,
      username: members.username,
      displayName: members.displayName,
      reason: suspensions.reason,
      endsAt: suspensions.endsAt,
      createdAt: suspensions.createdAt,
    })
    .from(suspensions)
    .innerJoin(members, eq(members.id, suspensions.memberId))
    .where(and(eq(members.status, 'suspended'), isNull(suspensions.liftedAt)))
    .orderBy(desc(suspensions.createdAt))
    .limit(200);
}
