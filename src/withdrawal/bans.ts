import { inArray } from 'drizzle-orm';
import type { Db, Tx } from '../platform/db/client';
import { keyedHash } from '../platform/tokens';
import { bannedIdentities } from './schema';

export const BAN_KEPT_YEARS = 3;

/** The address as the mail provider sees it: case, +tags and (for Gmail) dots do not make a new person. */
export function canonicalEmail(email: string): string {
  const [local, domain = ''] = email.trim().toLowerCase().split('@');
  const base = local.split('+')[0];
  const gmail = domain === 'gmail.com' || domain === 'googlemail.com';
  return `${gmail ? base.replace(/\./g, '') : base}@${gmail ? 'gmail.com' : domain}`;
}

export function banHash(secret: string, kind: 'email' | 'phone', value: string): string {
  return keyedHash(secret, `ban-${kind}`, kind === 'email' ? canonicalEmail(value) : value);
}

export async function recordBan(tx: Tx, secret: string, identities: { email: string; phone: string | null }, now: Date) {
  const expires = new Date(now);
  expires.setUTCFullYear(expires.getUTCFullYear() + BAN_KEPT_YEARS);
  const rows = [{ kind: 'email' as const, value: identities.email }, ...(identities.phone ? [{ kind: 'phone' as const, value: identities.phone }] : [])];
  for (const { kind, value } of rows) {
    await tx
      .insert(bannedIdentities)
      .values({ hash: banHash(secret, kind, value), kind, bannedOn: now.toISOString().slice(0, 10), expiresOn: expires.toISOString().slice(0, 10) })
      .onConflictDoNothing();
  }
}

/** The one rule for "is this a suspended member trying to come back". */
export async function isBanned(db: Db | Tx, secret: string, identities: { email?: string; phone?: string }): Promise<boolean> {
  const hashes = [
    ...(identities.email ? [banHash(secret, 'email', identities.email)] : []),
    ...(identities.phone ? [banHash(secret, 'phone', identities.phone)] : []),
  ];
  if (hashes.length === 0) return false;
  const found = await db.select({ hash: bannedIdentities.hash }).from(bannedIdentities).where(inArray(bannedIdentities.hash, hashes));
  return found.length > 0;
}
