import { and, eq } from 'drizzle-orm';
import type { Tx } from '../../platform/db/client';
import { keyedHash } from '../../platform/tokens';
import { knownDevices } from '../../accounts/schema';

/** The stored form of a browser's device cookie: keyed, so the table alone identifies no browser. */
export function deviceKey(secret: string, deviceToken: string): string {
  return keyedHash(secret, 'device', deviceToken);
}

export async function isKnownDevice(tx: Tx, memberId: string, key: string): Promise<boolean> {
  const [row] = await tx
    .select({ memberId: knownDevices.memberId })
    .from(knownDevices)
    .where(and(eq(knownDevices.memberId, memberId), eq(knownDevices.deviceHash, key)));
  return !!row;
}

export async function rememberDevice(tx: Tx, memberId: string, key: string, now: Date) {
  await tx.insert(knownDevices).values({ memberId, deviceHash: key, firstSeenAt: now }).onConflictDoNothing();
}
