import { and, count, eq, ne } from 'drizzle-orm';
import type { Tx } from '../platform/db/client';
import { members } from '../accounts/schema';
import { snsIdentities } from '../sns/schema';
import { passkeys } from './schema';

/**
 * The one rule for "may this way in go": an account keeps at least one of a password, a linked SNS
 * account or a passkey. Call inside the transaction that removes it, after locking the member's row.
 */
export async function leavesAWayIn(tx: Tx, memberId: string, removing: { snsProvider: string } | { passkeyId: string }): Promise<boolean> {
  const [row] = await tx.select({ passwordHash: members.passwordHash }).from(members).where(eq(members.id, memberId)).for('update');
  const otherSns = 'snsProvider' in removing ? ne(snsIdentities.provider, removing.snsProvider) : undefined;
  const otherKeys = 'passkeyId' in removing ? ne(passkeys.id, removing.passkeyId) : undefined;
  const [sns] = await tx.select({ n: count() }).from(snsIdentities).where(and(eq(snsIdentities.memberId, memberId), otherSns));
  const [keys] = await tx.select({ n: count() }).from(passkeys).where(and(eq(passkeys.memberId, memberId), otherKeys));
  return !!row?.passwordHash || sns.n > 0 || keys.n > 0;
}
