import { and, eq, inArray, ne } from 'drizzle-orm';
import { members } from '../accounts/schema';
import type { Db, Tx } from '../platform/db/client';
import { bannedIdentities } from './schema';
import { identitySignals, strongSignalKinds, type SignalKind } from './schema';
import { signalHash, type SignalValue } from './signals';
import { retention, yearsAfter } from '../retention/periods';

type StrongKind = (typeof strongSignalKinds)[number];
const isStrong = (kind: SignalKind): kind is StrongKind => (strongSignalKinds as readonly string[]).includes(kind);

/** The strong signals of a member as stored, plus its current email and verified phone (always hashed the same way). */
async function strongHashes(tx: Tx, secret: string, memberId: string, known: SignalValue[]) {
  const stored = await tx
    .select({ kind: identitySignals.kind, hash: identitySignals.hash })
    .from(identitySignals)
    .where(eq(identitySignals.memberId, memberId));
  const all = [...stored, ...known.map((s) => ({ kind: s.kind, hash: signalHash(secret, s.kind, s.value) }))];
  return [
    ...new Map(
      all.filter((s) => isStrong(s.kind)).map((s) => [s.hash, s as { kind: StrongKind; hash: string }]),
    ).values(),
  ];
}

/**
 * From suspension on, a member's strong signals (email, verified phone, SNS account, bank account) are
 * banned: no new account may use them, even after the suspended one has left and been deleted. Only the
 * keyed hashes are kept, for retention.bannedIdentityYears after the ban was last confirmed.
 */
export async function recordBan(tx: Tx, secret: string, memberId: string, known: SignalValue[], now: Date) {
  const expires = yearsAfter(now, retention.bannedIdentityYears);
  const day = (d: Date) => d.toISOString().slice(0, 10);
  for (const { kind, hash } of await strongHashes(tx, secret, memberId, known)) {
    await tx
      .insert(bannedIdentities)
      .values({ hash, kind, bannedOn: day(now), expiresOn: day(expires) })
      .onConflictDoUpdate({ target: bannedIdentities.hash, set: { expiresOn: day(expires) } });
  }
}

/** Lifting a suspension lifts the ban on that member's signals, except those another suspended member also holds. */
export async function liftBan(tx: Tx, secret: string, memberId: string, known: SignalValue[]) {
  const hashes = (await strongHashes(tx, secret, memberId, known)).map((s) => s.hash);
  if (hashes.length === 0) return;
  const stillBanned = await tx
    .select({ hash: identitySignals.hash })
    .from(identitySignals)
    .innerJoin(members, eq(members.id, identitySignals.memberId))
    .where(
      and(
        inArray(identitySignals.hash, hashes),
        ne(identitySignals.memberId, memberId),
        eq(members.status, 'suspended'),
      ),
    );
  const lift = hashes.filter((h) => !stillBanned.some((s) => s.hash === h));
  if (lift.length > 0) await tx.delete(bannedIdentities).where(inArray(bannedIdentities.hash, lift));
}

/** The one rule for "is this a suspended member trying to come back". */
export async function isBanned(db: Db | Tx, secret: string, signals: SignalValue[]): Promise<boolean> {
  const hashes = signals.filter((s) => isStrong(s.kind)).map((s) => signalHash(secret, s.kind, s.value));
  if (hashes.length === 0) return false;
  const found = await db
    .select({ hash: bannedIdentities.hash })
    .from(bannedIdentities)
    .where(inArray(bannedIdentities.hash, hashes));
  return found.length > 0;
}
