import { sql } from 'drizzle-orm';
import type { Message } from '../dictionary';
import type { Tx } from '../platform/db/client';
import { isBanned } from './bans';
import { liveHoldersOf, signalHash } from './signals';

/**
 * The one rule for "may this member verify this phone number": not if another account still here has it
 * verified, and not if it belonged to a suspended member. Serialised per number, so two accounts racing
 * for one number cannot both win.
 */
export async function phoneRefusal(tx: Tx, secret: string, memberId: string, phone: string): Promise<Message | null> {
  const signal = { kind: 'phone' as const, value: phone };
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${signalHash(secret, 'phone', phone)}, 0))`);
  if (await isBanned(tx, secret, [signal])) return (t) => t.trust.errors.phoneBanned;
  if ((await liveHoldersOf(tx, secret, signal, memberId)).length > 0) return (t) => t.trust.errors.phoneInUse;
  return null;
}
