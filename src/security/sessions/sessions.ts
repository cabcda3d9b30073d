import { and, eq, isNull, ne, sql, type SQLWrapper } from 'drizzle-orm';
import type { Db, Tx } from '../../platform/db/client';
import type { Config } from '../../platform/config';
import { DAY, HOUR, MINUTE } from '../../platform/clock';
import { hashToken, randomToken } from '../../platform/tokens';
import type { CurrentMember } from '../../platform/web/env';
import { members, sessions } from '../../accounts/schema';
import type { RequestOrigin } from '../../platform/context';
import { termsPendingSql } from '../../legal/terms';

export type SessionPolicy = { secondFactor: boolean; remember: boolean };

/**
 * How long a session lives (NIST 800-63B-4). Password only: 30 days at most, 7 idle (settings).
 * After a second factor: 24 hours and 1 hour idle (AAL2), unless the member chose to stay logged in
 * on this device, when the password-only limits apply.
 */
export function sessionLifetime(
  config: Pick<Config, 'session'>,
  policy: SessionPolicy = { secondFactor: false, remember: false },
) {
  if (policy.secondFactor && !policy.remember) return { idleMs: HOUR, absoluteMs: DAY };
  return { idleMs: config.session.idleDays * DAY, absoluteMs: config.session.absoluteDays * DAY };
}

// Writing last_seen on every request would turn every page view into a write; once every few minutes is enough.
const TOUCH_AFTER_MS = 5 * MINUTE;

/**
 * A new random token at every login; only its hash is stored. The login is written to the security
 * log in the same statement: one round trip, and never a session without its log entry. `alongside`:
 * further writes the login makes (a cleared failure count, refreshed signals), in that same statement.
 */
export async function startSession(
  tx: Tx,
  config: Pick<Config, 'session'>,
  memberId: string,
  origin: RequestOrigin,
  now: Date,
  policy?: SessionPolicy,
  alongside: SQLWrapper[] = [],
) {
  const token = randomToken();
  const life = sessionLifetime(config, policy);
  const userAgent = origin.userAgent?.slice(0, 400) ?? null;
  const result: any = await tx.execute(sql`
    with new_session as (
      insert into sessions (token_hash, member_id, created_at, last_seen_at, idle_expires_at, expires_at, ip, user_agent, reauthenticated_at, second_factor_at)
      values (${hashToken(token)}, ${memberId}, ${now}, ${now}, ${new Date(now.getTime() + life.idleMs)}, ${new Date(now.getTime() + life.absoluteMs)}, ${origin.ip}, ${userAgent}, ${now}, ${policy?.secondFactor ? now : null})
      returning id
    ), login_event as (
      insert into security_events (member_id, kind, at, ip, user_agent) values (${memberId}, 'login', ${now}, ${origin.ip}, ${userAgent})
    )${sql.join(
      alongside.map((write, i) => sql`, ${sql.raw(`alongside_${i}`)} as ${write}`),
      sql``,
    )}
    select id from new_session`);
  return { token, sessionId: String(result.rows[0].id) };
}

function buildSessionLookup(db: Db) {
  return db
    .select({
      sessionId: sessions.id,
      lastSeenAt: sessions.lastSeenAt,
      reauthenticatedAt: sessions.reauthenticatedAt,
      secondFactorAt: sessions.secondFactorAt,
      idleExpiresAt: sessions.idleExpiresAt,
      expiresAt: sessions.expiresAt,
      member: {
        id: members.id,
        email: members.email,
        username: members.username,
        displayName: members.displayName,
        role: members.role,
        status: members.status,
        emailVerifiedAt: members.emailVerifiedAt,
        locale: members.locale,
        termsPending: termsPendingSql(members.id, sql`${sql.placeholder('now')}::timestamptz`),
      },
    })
    .from(sessions)
    .innerJoin(members, eq(members.id, sessions.memberId))
    .where(and(eq(sessions.tokenHash, sql.placeholder('tokenHash')), isNull(sessions.endedAt)))
    .prepare('find_session');
}

// Prepared once per database: every page view runs it, so the server plans it once.
const sessionLookups = new WeakMap<Db, ReturnType<typeof buildSessionLookup>>();

/** One indexed query per request: the session and its member together. */
export async function findSession(
  db: Db,
  token: string,
  now: Date,
): Promise<{
  sessionId: string;
  lastSeenAt: Date;
  reauthenticatedAt: Date | null;
  secondFactorAt: Date | null;
  member: CurrentMember;
} | null> {
  let lookup = sessionLookups.get(db);
  if (!lookup) sessionLookups.set(db, (lookup = buildSessionLookup(db)));
  const [row] = await lookup.execute({ tokenHash: hashToken(token), now: now.toISOString() });
  if (!row || row.idleExpiresAt <= now || row.expiresAt <= now) return null;
  // A withdrawn or suspended member's old cookie opens nothing, even if a session row survived.
  if (row.member.status === 'withdrawn' || row.member.status === 'suspended') return null;
  const { emailVerifiedAt, ...member } = row.member;
  return {
    sessionId: row.sessionId,
    lastSeenAt: row.lastSeenAt,
    reauthenticatedAt: row.reauthenticatedAt,
    secondFactorAt: row.secondFactorAt,
    member: { ...member, emailVerified: emailVerifiedAt !== null },
  };
}

/** Moves the idle limit forward by the session's own idle length (1 hour after a second factor, 7 days otherwise). */
export async function touchSession(db: Db, session: { sessionId: string; lastSeenAt: Date }, now: Date) {
  if (now.getTime() - session.lastSeenAt.getTime() < TOUCH_AFTER_MS) return;
  await db
    .update(sessions)
    .set({
      lastSeenAt: now,
      idleExpiresAt: sql`least(${sessions.expiresAt}, ${now}::timestamptz + (${sessions.idleExpiresAt} - ${sessions.lastSeenAt}))`,
    })
    .where(eq(sessions.id, session.sessionId));
}

export async function endSession(tx: Tx, sessionId: string, reason: string, now: Date) {
  await tx
    .update(sessions)
    .set({ endedAt: now, endReason: reason })
    .where(and(eq(sessions.id, sessionId), isNull(sessions.endedAt)));
}

/** Ends every live session of a member, optionally keeping the one making the request. Returns how many ended. */
export async function endMemberSessions(
  tx: Tx,
  memberId: string,
  reason: string,
  now: Date,
  keepSessionId?: string | null,
): Promise<number> {
  const ended = await endMemberSessionsStatement(tx, memberId, reason, now, keepSessionId).returning({
    id: sessions.id,
  });
  return ended.length;
}

/** The update endMemberSessions runs, unsent, for a caller that sends several writes as one (withdrawMember). */
export function endMemberSessionsStatement(
  tx: Tx,
  memberId: string,
  reason: string,
  now: Date,
  keepSessionId?: string | null,
) {
  return tx
    .update(sessions)
    .set({ endedAt: now, endReason: reason })
    .where(
      and(
        eq(sessions.memberId, memberId),
        isNull(sessions.endedAt),
        keepSessionId ? ne(sessions.id, keepSessionId) : undefined,
      ),
    );
}

/** A member's live sessions, most recently used first, for the sessions list. */
export async function liveSessions(db: Db, memberId: string, now: Date) {
  const rows = await db
    .select()
    .from(sessions)
    .where(and(eq(sessions.memberId, memberId), isNull(sessions.endedAt)))
    .orderBy(sql`${sessions.lastSeenAt} desc`)
    .limit(100);
  return rows.filter((s) => s.idleExpiresAt > now && s.expiresAt > now);
}

/** A fresh proof of identity; with a second-factor code it also makes the session a two-step one. */
export async function markReauthenticated(
  tx: Tx,
  sessionId: string,
  now: Date,
  options: { secondFactor?: boolean } = {},
) {
  await tx
    .update(sessions)
    .set({ reauthenticatedAt: now, ...(options.secondFactor ? { secondFactorAt: now } : {}) })
    .where(eq(sessions.id, sessionId));
}
