import { and, eq, gt, isNull, lt, sql } from 'drizzle-orm';
import type { Tx } from '../../platform/db/client';
import { MINUTE } from '../../platform/clock';
import { hashToken, randomToken } from '../../platform/tokens';
import { pendingLogins } from '../schema';

// The second step must follow the first within ten minutes, and gets five tries at most.
export const PENDING_LOGIN_MS = 10 * MINUTE;
export const MAX_WRONG_CODES = 5;

export async function startPendingLogin(tx: Tx, memberId: string, now: Date): Promise<string> {
  const token = randomToken();
  await tx.insert(pendingLogins).values({
    tokenHash: hashToken(token),
    memberId,
    createdAt: now,
    expiresAt: new Date(now.getTime() + PENDING_LOGIN_MS),
  });
  return token;
}

/** The login waiting for this browser's second step, if it is still open. */
export async function openPendingLogin(tx: Tx, token: string, now: Date) {
  const [row] = await tx
    .select()
    .from(pendingLogins)
    .where(
      and(
        eq(pendingLogins.tokenHash, hashToken(token)),
        isNull(pendingLogins.completedAt),
        gt(pendingLogins.expiresAt, now),
      ),
    );
  return row && row.failedCodes < MAX_WRONG_CODES ? row : null;
}

/**
 * Takes one of the five tries before the code is checked, in one statement, so that parallel posts
 * cannot get more. Returns how many tries are now used, or null when none is left.
 */
export async function takeCodeAttempt(tx: Tx, id: string): Promise<number | null> {
  const [row] = await tx
    .update(pendingLogins)
    .set({ failedCodes: sql`${pendingLogins.failedCodes} + 1` })
    .where(
      and(eq(pendingLogins.id, id), isNull(pendingLogins.completedAt), lt(pendingLogins.failedCodes, MAX_WRONG_CODES)),
    )
    .returning({ used: pendingLogins.failedCodes });
  return row?.used ?? null;
}

/** Closes the pending login; only one request can, so one password step opens at most one session. */
export async function completePendingLogin(tx: Tx, id: string, now: Date): Promise<boolean> {
  const done = await tx
    .update(pendingLogins)
    .set({ completedAt: now })
    .where(and(eq(pendingLogins.id, id), isNull(pendingLogins.completedAt)))
    .returning({ id: pendingLogins.id });
  return done.length === 1;
}
