import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Db, Tx } from '../../platform/db/client';
import { keyedHash } from '../../platform/tokens';
import { loginFailures } from '../../accounts/schema';
import { rateLimitCtes, type RateLimitCheck } from '../../platform/rateLimit';

// NIST SP 800-63B-4: at most 100 consecutive failed attempts on one account.
export const LOCK_AFTER_FAILURES = 100;
// Back-off starts after a few honest typos and doubles with each failure, up to 15 minutes.
const FREE_FAILURES = 5;
const MAX_DELAY_MS = 15 * 60_000;
// A lock nobody lifts by mail lapses after a day, so an attacker cannot keep an owner out for long.
export const LOCK_LAPSES_AFTER_MS = 24 * 3600_000;

export type ThrottleState = { kind: 'open' } | { kind: 'wait'; untilMs: number } | { kind: 'locked' };

/**
 * The failures of one address are counted twice over: from browsers the member has used (`known`) and
 * from any other. Guessers elsewhere cannot push the owner's own browser into back-off or the lock, and
 * a browser that is known (or whose cookie was stolen) still meets both after its own failures.
 */
export function addressKey(secret: string, normalisedEmail: string, browser: 'known' | 'other' = 'other'): string {
  return keyedHash(secret, browser === 'known' ? 'login-address-known' : 'login-address', normalisedEmail);
}

/** Both counts of an address: what the unlock link, a password reset and a completed login clear. */
export async function clearAddressFailures(tx: Tx, secret: string, normalisedEmail: string) {
  await tx
    .delete(loginFailures)
    .where(
      inArray(loginFailures.addressHash, [
        addressKey(secret, normalisedEmail),
        addressKey(secret, normalisedEmail, 'known'),
      ]),
    );
}

/** The one rule: may this address try a password now? Same answer whether or not an account has it. */
export function throttleState(
  row: { consecutive: number; lastFailedAt: Date; lockedAt: Date | null } | null,
  now: Date,
): ThrottleState {
  if (!row) return { kind: 'open' };
  if (row.lockedAt && now.getTime() - row.lockedAt.getTime() < LOCK_LAPSES_AFTER_MS) return { kind: 'locked' };
  if (row.consecutive < FREE_FAILURES) return { kind: 'open' };
  const delay = Math.min(1000 * 2 ** (row.consecutive - FREE_FAILURES), MAX_DELAY_MS);
  const untilMs = row.lastFailedAt.getTime() + delay;
  return now.getTime() < untilMs ? { kind: 'wait', untilMs } : { kind: 'open' };
}

export type Reservation = { key: string; reservedAt: Date; previousFailureAt: Date | null };
export type Reserved = { state: ThrottleState; lockedNow: boolean; reservation: Reservation };

/**
 * Takes one attempt for this key before the secret is checked: the count is read under a row lock and,
 * if the rule says open, raised in the same transaction, as if the attempt had failed. Parallel guesses
 * take turns at the row, so they meet the back-off exactly as sequential ones would. A right answer
 * gives the slot back (releaseAttempt) or clears the count; a wrong one has already been counted.
 * lockedNow: this attempt reached the lock (tell the owner only if it turns out wrong).
 */
export async function reserveAttempt(db: Db, key: string, now: Date): Promise<Reserved> {
  return (await reserveLimitedAttempt(db, [], key, now))!;
}

/**
 * reserveAttempt after counting the attempt against rate limits, in the same statement (a login runs
 * this once); null when a limit is used up, and then no attempt is reserved.
 */
export async function reserveLimitedAttempt(
  db: Db,
  limits: RateLimitCheck[],
  key: string,
  now: Date,
): Promise<Reserved | null> {
  return db.transaction(async (tx) => {
    const refused = limits.length > 0 ? sql`exists (select 1 from counted where count > lim)` : sql`false`;
    // The no-op update takes the row lock and returns the row as the last committed failure left it.
    const result: any = await tx.execute(sql`
      with ${limits.length > 0 ? sql`${rateLimitCtes(limits, now)},` : sql``}
      refused as (select ${refused} as refused),
      reserved as (
        insert into login_failures (address_hash, consecutive, last_failed_at)
        select ${key}, 0, ${now}::timestamptz where not (select refused from refused)
        on conflict (address_hash) do update set address_hash = excluded.address_hash
        returning consecutive, last_failed_at, locked_at)
      select (select refused from refused) as refused, r.consecutive, r.last_failed_at, r.locked_at
      from (select 1) one left join reserved r on true`);
    const [row] = result.rows;
    if (row.refused) return null;
    const counted =
      row.consecutive > 0
        ? {
            consecutive: row.consecutive,
            lastFailedAt: new Date(row.last_failed_at),
            lockedAt: row.locked_at && new Date(row.locked_at),
          }
        : null;
    const reservation = { key, reservedAt: now, previousFailureAt: counted?.lastFailedAt ?? null };
    const state = throttleState(counted, now);
    if (state.kind !== 'open') return { state, lockedNow: false, reservation };
    return { state, lockedNow: await recordFailure(tx, key, now), reservation };
  });
}

/**
 * Gives back a reserved attempt whose answer was right but that does not clear the count (a second
 * step follows): one fewer, and the last failure's time as it was unless another failure came since.
 */
export async function releaseAttempt(db: Db, { key, reservedAt, previousFailureAt }: Reservation) {
  await db.transaction(async (tx) => {
    await tx
      .update(loginFailures)
      .set({
        consecutive: sql`greatest(${loginFailures.consecutive} - 1, 0)`,
        lockedAt: sql`case when ${loginFailures.consecutive} - 1 < ${LOCK_AFTER_FAILURES} then null else ${loginFailures.lockedAt} end`,
        lastFailedAt: sql`case when ${loginFailures.lastFailedAt} = ${reservedAt}::timestamptz then ${previousFailureAt ?? reservedAt}::timestamptz else ${loginFailures.lastFailedAt} end`,
      })
      .where(eq(loginFailures.addressHash, key));
    await tx.delete(loginFailures).where(and(eq(loginFailures.addressHash, key), eq(loginFailures.consecutive, 0)));
  });
}

/**
 * Counts a failure; returns true exactly when this failure locks the address. One statement, so
 * failures racing the hundredth one keep counting and leave the lock in place; only a lapsed lock
 * starts the count again.
 */
export async function recordFailure(tx: Tx, key: string, now: Date): Promise<boolean> {
  const lapsed = sql`(${loginFailures.lockedAt} is not null and ${loginFailures.lockedAt} <= ${new Date(now.getTime() - LOCK_LAPSES_AFTER_MS)}::timestamptz)`;
  const [row] = await tx
    .insert(loginFailures)
    .values({ addressHash: key, consecutive: 1, lastFailedAt: now })
    .onConflictDoUpdate({
      target: loginFailures.addressHash,
      set: {
        consecutive: sql`case when ${lapsed} then 1 else ${loginFailures.consecutive} + 1 end`,
        lockedAt: sql`case when ${lapsed} then null
          when ${loginFailures.lockedAt} is null and ${loginFailures.consecutive} + 1 >= ${LOCK_AFTER_FAILURES} then ${now}::timestamptz
          else ${loginFailures.lockedAt} end`,
        lastFailedAt: now,
      },
    })
    .returning({ consecutive: loginFailures.consecutive, lockedAt: loginFailures.lockedAt });
  // Updates of one row take turns, so exactly one failure sees the count reach the limit.
  return row.consecutive === LOCK_AFTER_FAILURES && row.lockedAt !== null;
}

export async function clearFailures(tx: Tx, key: string) {
  await failuresCleared(tx, key);
}

/** clearFailures as a statement, for a caller that runs it inside one of its own. */
export function failuresCleared(tx: Tx, key: string) {
  return tx.delete(loginFailures).where(eq(loginFailures.addressHash, key));
}
