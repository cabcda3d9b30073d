import { and, count, eq, isNotNull, ne } from 'drizzle-orm';
import type { Tx } from '../../platform/db/client';
import { members } from '../../accounts/schema';
import { snsIdentities } from '../../sns/schema';
import { passkeys, phoneNumbers, totpFactors } from '../schema';

/**
 * The one rule for "may this way in go": an account keeps at least one of a password, a linked SNS
 * account or a passkey. Call inside the transaction that removes it, after locking the member's row.
 */
export async function leavesAWayIn(
  tx: Tx,
  memberId: string,
  removing: { snsProvider: string } | { passkeyId: string },
): Promise<boolean> {
  const [row] = await tx
    .select({ passwordHash: members.passwordHash })
    .from(members)
    .where(eq(members.id, memberId))
    .for('update');
  const otherSns = 'snsProvider' in removing ? ne(snsIdentities.provider, removing.snsProvider) : undefined;
  const otherKeys = 'passkeyId' in removing ? ne(passkeys.id, removing.passkeyId) : undefined;
  const [sns] = await tx
    .select({ n: count() })
    .from(snsIdentities)
    .where(and(eq(snsIdentities.memberId, memberId), otherSns));
  const [keys] = await tx
    .select({ n: count() })
    .from(passkeys)
    .where(and(eq(passkeys.memberId, memberId), otherKeys));
  return !!row?.passwordHash || sns.n > 0 || keys.n > 0;
}

export type FactorRemovalRefusal = 'last-way-in' | 'short-password';

/**
 * The one rule for taking away a second factor: a password shorter than 15 characters (allowed only
 * beside a second factor) may not be left as the only thing guarding password logins (NIST SP 800-63B-4).
 * SMS only counts beside an authenticator app or a passkey, as it does everywhere else.
 */
export async function factorRemovalRefusal(
  tx: Tx,
  memberId: string,
  removing: 'totp' | 'phone' | { passkeyId: string },
): Promise<FactorRemovalRefusal | null> {
  const [row] = await tx
    .select({ passwordHash: members.passwordHash, fitsAlone: members.passwordFitsAlone })
    .from(members)
    .where(eq(members.id, memberId))
    .for('update');
  if (!row?.passwordHash || row.fitsAlone) return null;
  const [totp] = await tx
    .select({ n: count() })
    .from(totpFactors)
    .where(and(eq(totpFactors.memberId, memberId), isNotNull(totpFactors.confirmedAt)));
  const [phone] = await tx
    .select({ n: count() })
    .from(phoneNumbers)
    .where(and(eq(phoneNumbers.memberId, memberId), isNotNull(phoneNumbers.verifiedAt)));
  const [keys] = await tx.select({ n: count() }).from(passkeys).where(eq(passkeys.memberId, memberId));
  const secondFactor = (has: { totp: boolean; phone: boolean; keys: number }) =>
    has.totp || (has.phone && has.keys > 0);
  const now = { totp: totp.n > 0, phone: phone.n > 0, keys: keys.n };
  const after = {
    totp: now.totp && removing !== 'totp',
    phone: now.phone && removing !== 'phone',
    keys: typeof removing === 'object' ? Math.max(0, now.keys - 1) : now.keys,
  };
  // Only a removal that takes the last second factor away is refused; anything else may go.
  return secondFactor(now) && !secondFactor(after) ? 'short-password' : null;
}
