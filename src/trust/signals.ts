import { and, eq, gt, inArray, isNull, ne, or, sql } from 'drizzle-orm';
import type { Db, Tx } from '../platform/db/client';
import { DAY } from '../platform/clock';
import { daysAfter, retention } from '../retention/periods';
import { keyedHash } from '../platform/tokens';
import { members } from '../accounts/schema';
import { identitySignals, type SignalKind, strongSignalKinds } from './schema';

/** How long a sign-up or login IP address is kept as a signal. */
/** Two accounts on one browser count only if they also used one IP address within this window. */
export const WEAK_MATCH_WINDOW_MS = 1 * DAY;

/** The address as the mail provider reads it: case, +tags and (for Gmail) dots do not make a new person. */
export function canonicalEmail(email: string): string {
  const [local, domain = ''] = email.trim().toLowerCase().split('@');
  const base = local.split('+')[0];
  const gmail = domain === 'gmail.com' || domain === 'googlemail.com';
  return `${gmail ? base.replace(/\./g, '') : base}@${gmail ? 'gmail.com' : domain}`;
}

/**
 * The stored form of every signal: a keyed hash, so the table alone reveals no address, number or account.
 * Email and phone keep the labels the first bans were written with, so those bans still match.
 */
export function signalHash(secret: string, kind: SignalKind, value: string): string {
  const label = kind === 'email' || kind === 'phone' ? `ban-${kind}` : `signal-${kind}`;
  return keyedHash(secret, label, kind === 'email' ? canonicalEmail(value) : value);
}

export type SignalValue = { kind: SignalKind; value: string };

/** Records (or refreshes) what was seen of a member; IP addresses are kept for retention.identitySignalIpDays only. */
export async function recordSignals(db: Db | Tx, secret: string, memberId: string, signals: SignalValue[], now: Date) {
  if (signals.length === 0) return;
  await signalUpsert(db, secret, memberId, signals, now);
}

/**
 * The upsert behind recordSignals, as a statement to run or embed. With staleAfterMs, a signal seen that
 * recently is left as it is (a login every few minutes rewrites nothing); its expiry then comes a little
 * sooner than the retention period, never later.
 */
export function signalUpsert(
  db: Db | Tx,
  secret: string,
  memberId: string,
  signals: SignalValue[],
  now: Date,
  staleAfterMs?: number,
) {
  const ipExpiry = daysAfter(now, retention.identitySignalIpDays);
  return db
    .insert(identitySignals)
    .values(
      signals.map(({ kind, value }) => ({
        memberId,
        kind,
        hash: signalHash(secret, kind, value),
        firstSeenAt: now,
        lastSeenAt: now,
        expiresAt: kind === 'ip' ? ipExpiry : null,
      })),
    )
    .onConflictDoUpdate({
      target: [identitySignals.memberId, identitySignals.kind, identitySignals.hash],
      set: { lastSeenAt: sql`excluded.last_seen_at`, expiresAt: sql`excluded.expires_at` },
      setWhere:
        staleAfterMs === undefined
          ? undefined
          : sql`${identitySignals.lastSeenAt} <= ${new Date(now.getTime() - staleAfterMs)}::timestamptz`,
    });
}

export async function forgetSignal(tx: Tx, memberId: string, kind: SignalKind) {
  await tx.delete(identitySignals).where(and(eq(identitySignals.memberId, memberId), eq(identitySignals.kind, kind)));
}

export type SignalMatch = {
  otherMemberId: string;
  otherStatus: string;
  evidence: SignalKind[];
  strength: 'strong' | 'weak';
};

/**
 * The one rule for "is this the same person as another account": any shared strong signal, or a shared
 * browser plus an IP address both used within a day. Withdrawn accounts do not count (their signals are
 * deleted at withdrawal; a suspended member's survive as bans). Index lookups by hash only: an IP
 * address is checked only against accounts already found through the browser, so a busy shared IP
 * (an office, a mobile network) never fans out.
 */
export async function matchingAccounts(db: Db | Tx, memberId: string, now: Date): Promise<SignalMatch[]> {
  const mine = await db.select().from(identitySignals).where(eq(identitySignals.memberId, memberId));
  const live = or(isNull(identitySignals.expiresAt), gt(identitySignals.expiresAt, now));
  const sharedWith = (hashes: string[], among?: string[]) =>
    hashes.length === 0 || among?.length === 0
      ? Promise.resolve([])
      : db
          .select({
            memberId: identitySignals.memberId,
            kind: identitySignals.kind,
            hash: identitySignals.hash,
            lastSeenAt: identitySignals.lastSeenAt,
            status: members.status,
          })
          .from(identitySignals)
          .innerJoin(members, eq(members.id, identitySignals.memberId))
          .where(
            and(
              inArray(identitySignals.hash, hashes),
              ne(identitySignals.memberId, memberId),
              ne(members.status, 'withdrawn'),
              live,
              among ? inArray(identitySignals.memberId, among) : undefined,
            ),
          )
          .limit(500);
  const direct = await sharedWith(mine.filter((s) => s.kind !== 'ip').map((s) => s.hash));
  const sameBrowser = [...new Set(direct.filter((r) => r.kind === 'device').map((r) => r.memberId))];
  const myIps = mine.filter((s) => s.kind === 'ip');
  // An IP address counts only beside a shared browser, and only if both accounts used it close together in time.
  const ipRows = (
    await sharedWith(
      myIps.map((s) => s.hash),
      sameBrowser,
    )
  ).filter((row) => {
    const mineSeen = myIps.find((s) => s.hash === row.hash)!.lastSeenAt;
    return Math.abs(row.lastSeenAt.getTime() - mineSeen.getTime()) <= WEAK_MATCH_WINDOW_MS;
  });
  const byMember = new Map<string, { status: string; kinds: Set<SignalKind> }>();
  for (const row of [...direct, ...ipRows]) {
    const entry = byMember.get(row.memberId) ?? { status: row.status, kinds: new Set<SignalKind>() };
    entry.kinds.add(row.kind);
    byMember.set(row.memberId, entry);
  }
  const matches: SignalMatch[] = [];
  for (const [otherMemberId, { status, kinds }] of byMember) {
    const evidence = [...kinds].sort();
    const strong = evidence.some((k) => (strongSignalKinds as readonly string[]).includes(k));
    if (strong || (kinds.has('device') && kinds.has('ip')))
      matches.push({ otherMemberId, otherStatus: status, evidence, strength: strong ? 'strong' : 'weak' });
  }
  return matches;
}

/** Members other than this one, still here, that hold this strong signal (e.g. the same verified phone). */
export async function liveHoldersOf(
  db: Db | Tx,
  secret: string,
  signal: SignalValue,
  exceptMemberId: string,
): Promise<string[]> {
  const rows = await db
    .select({ memberId: identitySignals.memberId })
    .from(identitySignals)
    .innerJoin(members, eq(members.id, identitySignals.memberId))
    .where(
      and(
        eq(identitySignals.kind, signal.kind),
        eq(identitySignals.hash, signalHash(secret, signal.kind, signal.value)),
        ne(identitySignals.memberId, exceptMemberId),
        inArray(members.status, ['active', 'paused', 'suspended']),
      ),
    );
  return rows.map((r) => r.memberId);
}
