import { and, eq, gt, isNull } from 'drizzle-orm';
import type { Tx } from '../platform/db/client';
import { hashToken, randomToken } from '../platform/tokens';
import { emailTokens, type EmailTokenPurpose } from './schema';

export const EMAIL_TOKEN_TTL_MS: Record<EmailTokenPurpose, number> = {
  verify_email: 24 * 3600_000,
  change_email: 24 * 3600_000,
  // About an hour, as the Forgot Password cheat sheet advises.
  password_reset: 3600_000,
  end_session: 7 * 24 * 3600_000,
  unlock_account: 24 * 3600_000,
};

/** Issues a single-use token bound to one member and one address; only its hash is kept. */
export async function issueEmailToken(
  tx: Tx,
  memberId: string,
  purpose: EmailTokenPurpose,
  email: string,
  now: Date,
  subjectId: string | null = null,
): Promise<string> {
  const token = randomToken();
  await tx.insert(emailTokens).values({
    memberId,
    purpose,
    email,
    subjectId,
    tokenHash: hashToken(token),
    createdAt: now,
    expiresAt: new Date(now.getTime() + EMAIL_TOKEN_TTL_MS[purpose]),
  });
  return token;
}

/** Uses a token once: the update succeeds for exactly one request, however many race. */
export async function consumeEmailToken(tx: Tx, purpose: EmailTokenPurpose, token: string, now: Date) {
  const [row] = await tx
    .update(emailTokens)
    .set({ usedAt: now })
    .where(
      and(
        eq(emailTokens.tokenHash, hashToken(token)),
        eq(emailTokens.purpose, purpose),
        isNull(emailTokens.usedAt),
        gt(emailTokens.expiresAt, now),
      ),
    )
    .returning();
  return row ?? null;
}

/** Looks at a token without using it (to show the form the link leads to). */
export async function peekEmailToken(tx: Tx, purpose: EmailTokenPurpose, token: string, now: Date) {
  const [row] = await tx
    .select()
    .from(emailTokens)
    .where(
      and(
        eq(emailTokens.tokenHash, hashToken(token)),
        eq(emailTokens.purpose, purpose),
        isNull(emailTokens.usedAt),
        gt(emailTokens.expiresAt, now),
      ),
    );
  return row ?? null;
}
