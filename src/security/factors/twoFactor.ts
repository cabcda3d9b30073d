import type { Message } from '../../dictionary';
import { randomBytes } from 'node:crypto';
import { and, eq, isNull, isNotNull, lt, or, sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import type { Db, Tx } from '../../platform/db/client';
import type { Deps } from '../../platform/deps';
import { hashToken } from '../../platform/tokens';
import type { CurrentMember } from '../../platform/web/env';
import type { RequestOrigin } from '../../platform/context';
import { announceFactorChange } from './factorChanges';
import { factorRemovalRefusal, type FactorRemovalRefusal } from './waysIn';
import { recoveryCodes, totpFactors } from '../schema';
import { generateTotpSecret, matchTotp, openSecret, otpauthUri, sealSecret } from './totp';
import { dropSmsIfAlone, useLoginCode } from './sms';

export const RECOVERY_CODE_COUNT = 10;

/**
 * Whether a password login needs a second step (an authenticator app, or SMS to a verified number):
 * it decides the login steps and the password minimum. Passkeys are a login of their own.
 */
/** The one rule for "a code follows the password" (an authenticator app or a verified phone), as SQL over a member id. */
export function secondFactorCondition(memberId: SQLWrapper | string): SQL {
  return sql`(exists (select 1 from totp_factors where member_id = ${memberId} and confirmed_at is not null)
    or exists (select 1 from phone_numbers where member_id = ${memberId} and verified_at is not null))`;
}

export async function hasSecondFactor(db: Db | Tx, memberId: string): Promise<boolean> {
  const result: any = await db.execute(sql`select ${secondFactorCondition(memberId)} as on`);
  return result.rows[0].on === true;
}

/** Starts (or resumes) authenticator-app setup: a fresh 160-bit secret, unconfirmed until a code matches. */
export async function beginTotpSetup(
  deps: Deps,
  member: CurrentMember,
): Promise<{ secret: string; uri: string } | null> {
  const [existing] = await deps.db.select().from(totpFactors).where(eq(totpFactors.memberId, member.id));
  if (existing?.confirmedAt) return null;
  let secret: string;
  if (existing) {
    secret = openSecret(deps.config.secretKey, existing.secretEncrypted);
  } else {
    secret = generateTotpSecret();
    await deps.db
      .insert(totpFactors)
      .values({
        memberId: member.id,
        secretEncrypted: sealSecret(deps.config.secretKey, secret),
        createdAt: deps.clock.now(),
      })
      .onConflictDoNothing();
  }
  return { secret, uri: otpauthUri(secret, member.username) };
}

/** A code from the app turns the factor on; the member gets recovery codes, shown once, and a mail. */
export async function confirmTotp(
  deps: Deps,
  member: CurrentMember,
  code: string,
  origin: RequestOrigin,
): Promise<string[] | null> {
  const now = deps.clock.now();
  const [factor] = await deps.db
    .select()
    .from(totpFactors)
    .where(and(eq(totpFactors.memberId, member.id), isNull(totpFactors.confirmedAt)));
  if (!factor) return null;
  const step = matchTotp(openSecret(deps.config.secretKey, factor.secretEncrypted), code.trim(), now);
  if (step === null) return null;
  return deps.db.transaction(async (tx) => {
    const confirmed = await tx
      .update(totpFactors)
      .set({ confirmedAt: now, lastUsedStep: step })
      .where(and(eq(totpFactors.memberId, member.id), isNull(totpFactors.confirmedAt)))
      .returning();
    if (confirmed.length === 0) return null;
    const codes = await replaceRecoveryCodes(tx, member.id, now);
    await announceFactorChange(tx, deps, member, 'totp_on', origin, now);
    return codes;
  });
}

export async function disableTotp(
  deps: Deps,
  member: CurrentMember,
  origin: RequestOrigin,
): Promise<FactorRemovalRefusal | null> {
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    const refusal = await factorRemovalRefusal(tx, member.id, 'totp');
    if (refusal) return refusal;
    const removed = await tx.delete(totpFactors).where(eq(totpFactors.memberId, member.id)).returning();
    await tx.delete(recoveryCodes).where(eq(recoveryCodes.memberId, member.id));
    if (removed.some((f) => f.confirmedAt)) await announceFactorChange(tx, deps, member, 'totp_off', origin, now);
    await dropSmsIfAlone(tx, deps, member, origin, now);
    return null;
  });
}

export async function regenerateRecoveryCodes(
  deps: Deps,
  member: CurrentMember,
  origin: RequestOrigin,
): Promise<string[] | null> {
  const now = deps.clock.now();
  if (!(await hasSecondFactor(deps.db, member.id))) return null;
  return deps.db.transaction(async (tx) => {
    const codes = await replaceRecoveryCodes(tx, member.id, now);
    await announceFactorChange(tx, deps, member, 'recovery_regenerated', origin, now);
    return codes;
  });
}

/** Ten fresh codes like "k7wq-3mzp-x2", replacing any old ones. Only their hashes are kept. */
async function replaceRecoveryCodes(tx: Tx, memberId: string, now: Date): Promise<string[]> {
  await tx.delete(recoveryCodes).where(eq(recoveryCodes.memberId, memberId));
  const alphabet = 'abcdefghjkmnpqrstuvwxyz23456789';
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, () => {
    const chars = [...randomBytes(10)].map((b) => alphabet[b % alphabet.length]).join('');
    return `${chars.slice(0, 4)}-${chars.slice(4, 8)}-${chars.slice(8)}`;
  });
  await tx.insert(recoveryCodes).values(codes.map((code) => ({ memberId, codeHash: hashToken(code), createdAt: now })));
  return codes;
}

const recoveryCodeShape = /^[a-z0-9]{4}-?[a-z0-9]{4}-?[a-z0-9]{2}$/;

/** What a refused code is told: a recovery code (used up, or mistyped) is not sent to look at the app. */
export function wrongCodeProblem(input: string): Message {
  return recoveryCodeShape.test(input.trim().toLowerCase())
    ? (t) => t.security.twoFactor.wrongRecoveryCode
    : (t) => t.security.twoFactor.wrongCode;
}

/**
 * Checks a second-factor code: an authenticator code (each 30-second step accepted once, however many
 * requests race) or an unused recovery code (used up by this call). Null when neither matches.
 */
export async function verifySecondFactor(
  deps: Deps,
  memberId: string,
  input: string,
  pendingLoginId?: string,
): Promise<'totp' | 'sms' | 'recovery' | null> {
  const now = deps.clock.now();
  const code = input.trim().toLowerCase();
  if (/^\d{6}$/.test(code)) {
    if (await useTotpCode(deps, memberId, code, now)) return 'totp';
    // An SMS code counts only for the login it was sent for.
    if (pendingLoginId && (await useLoginCode(deps.db, deps, memberId, pendingLoginId, code, now))) return 'sms';
    return null;
  }
  if (recoveryCodeShape.test(code)) {
    const normalised = code.replace(/-/g, '').replace(/^(.{4})(.{4})(.{2})$/, '$1-$2-$3');
    const used = await deps.db
      .update(recoveryCodes)
      .set({ usedAt: now })
      .where(
        and(
          eq(recoveryCodes.memberId, memberId),
          eq(recoveryCodes.codeHash, hashToken(normalised)),
          isNull(recoveryCodes.usedAt),
        ),
      )
      .returning();
    return used.length > 0 ? 'recovery' : null;
  }
  return null;
}

async function useTotpCode(deps: Deps, memberId: string, code: string, now: Date): Promise<boolean> {
  const [factor] = await deps.db
    .select()
    .from(totpFactors)
    .where(and(eq(totpFactors.memberId, memberId), isNotNull(totpFactors.confirmedAt)));
  if (!factor) return false;
  const step = matchTotp(openSecret(deps.config.secretKey, factor.secretEncrypted), code, now);
  if (step === null) return false;
  const accepted = await deps.db
    .update(totpFactors)
    .set({ lastUsedStep: step })
    .where(
      and(eq(totpFactors.memberId, memberId), or(isNull(totpFactors.lastUsedStep), lt(totpFactors.lastUsedStep, step))),
    )
    .returning();
  return accepted.length > 0;
}

export async function unusedRecoveryCodeCount(db: Db, memberId: string): Promise<number> {
  const rows = await db
    .select({ id: recoveryCodes.id })
    .from(recoveryCodes)
    .where(and(eq(recoveryCodes.memberId, memberId), isNull(recoveryCodes.usedAt)));
  return rows.length;
}
