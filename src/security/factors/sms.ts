import { randomInt } from 'node:crypto';
import { and, desc, eq, gt, isNotNull, isNull, lt, sql } from 'drizzle-orm';
import type { Message } from '../../dictionary';
import type { Tx } from '../../platform/db/client';
import type { SmsProvider } from '../../platform/providers';
import type { Deps } from '../../platform/deps';
import { MINUTE } from '../../platform/clock';
import { consumeRateLimits } from '../../platform/rateLimit';
import { keyedHash } from '../../platform/tokens';
import type { CurrentMember } from '../../platform/web/env';
import type { Result } from '../../platform/context';
import type { RequestOrigin } from '../../platform/context';
import { forgetSignal, recordSignals } from '../../trust/signals';
import { queueDuplicates } from '../../trust/duplicates';
import { phoneRefusal } from '../../trust/onePhoneOneAccount';
import { announceFactorChange } from './factorChanges';
import { factorRemovalRefusal, type FactorRemovalRefusal } from './waysIn';
import { passkeys, phoneNumbers, smsCodes, smsOutbox, totpFactors } from '../schema';

export const SMS_CODE_MS = 10 * MINUTE;

/** The built-in SMS provider: a test mode that sends nothing and keeps each text in sms_outbox, shown at /dev/sms outside production. */
export const testModeSmsProvider: SmsProvider = {
  testMode: true,
  async send(tx, message) {
    await tx
      .insert(smsOutbox)
      .values({ memberId: message.memberId, toNumber: message.to, body: message.body, createdAt: message.at });
  },
};

/** Japanese numbers as people type them (090-1234-5678) or in international form, as E.164. */
export function normalisePhone(input: string): string | null {
  const digits = input.normalize('NFKC').replace(/[\s\-()]/g, '');
  if (/^0\d{9,10}$/.test(digits)) return `+81${digits.slice(1)}`;
  if (/^\+[1-9]\d{7,14}$/.test(digits)) return digits;
  return null;
}

function codeHash(deps: Deps, code: string) {
  return keyedHash(deps.config.secretKey, 'sms-code', code);
}

/** SMS is offered only beside an authenticator app or a passkey, never as the only factor. */
export async function hasStrongFactor(tx: Tx, memberId: string): Promise<boolean> {
  const [totp] = await tx
    .select({ id: totpFactors.memberId })
    .from(totpFactors)
    .where(and(eq(totpFactors.memberId, memberId), isNotNull(totpFactors.confirmedAt)));
  const [key] = await tx.select({ id: passkeys.id }).from(passkeys).where(eq(passkeys.memberId, memberId)).limit(1);
  return !!totp || !!key;
}

export async function verifiedPhone(tx: Tx, memberId: string): Promise<string | null> {
  const [row] = await tx
    .select()
    .from(phoneNumbers)
    .where(and(eq(phoneNumbers.memberId, memberId), isNotNull(phoneNumbers.verifiedAt)));
  return row?.phoneE164 ?? null;
}

/** Per number and per account: three texts in 10 minutes, ten a day. */
async function smsAllowed(tx: Tx, memberId: string, phone: string, now: Date) {
  return consumeRateLimits(
    tx,
    [
      { rule: { bucket: 'sms:phone:10m', limit: 3, windowMs: 10 * MINUTE }, key: phone },
      { rule: { bucket: 'sms:member:10m', limit: 3, windowMs: 10 * MINUTE }, key: memberId },
      { rule: { bucket: 'sms:phone:day', limit: 10, windowMs: 24 * 60 * MINUTE }, key: phone },
    ],
    now,
  );
}

async function sendCode(
  tx: Tx,
  deps: Deps,
  input: { memberId: string; phone: string; purpose: 'verify_phone' | 'login'; pendingLoginId?: string },
  now: Date,
) {
  const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
  await tx.insert(smsCodes).values({
    memberId: input.memberId,
    purpose: input.purpose,
    phoneE164: input.phone,
    codeHash: codeHash(deps, code),
    pendingLoginId: input.pendingLoginId ?? null,
    createdAt: now,
    expiresAt: new Date(now.getTime() + SMS_CODE_MS),
  });
  await deps.smsProvider.send(tx, {
    memberId: input.memberId,
    to: input.phone,
    body: `技市 Wazaichi 確認コード: ${code}（10分間有効）。このコードを誰にも教えないでください。`,
    at: now,
  });
}

export async function startPhoneVerification(
  deps: Deps,
  member: CurrentMember,
  phoneInput: string,
  origin: RequestOrigin,
): Promise<Result<{ phone: string }, { problem: Message }>> {
  const phone = normalisePhone(phoneInput);
  if (!phone) return { ok: false, problem: (t) => t.security.sms.invalidNumber };
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    if (!(await hasStrongFactor(tx, member.id)))
      return { ok: false as const, problem: ((t) => t.security.sms.needsStrongFactor) as Message };
    const refusal = await phoneRefusal(tx, deps.config.secretKey, member.id, phone);
    if (refusal) return { ok: false as const, problem: refusal };
    if (!(await smsAllowed(tx, member.id, phone, now)))
      return { ok: false as const, problem: ((t) => t.accounts.errors.tooManyAttempts) as Message };
    // A verified number being replaced stops receiving codes now: that is a factor change the member hears of.
    const [previous] = await tx.select().from(phoneNumbers).where(eq(phoneNumbers.memberId, member.id));
    if (previous?.verifiedAt) {
      // Until the new number is confirmed there is no SMS factor: the same rule as removing it.
      if (await factorRemovalRefusal(tx, member.id, 'phone'))
        return { ok: false as const, problem: ((t) => t.security.twoFactor.passwordTooShortAlone) as Message };
      await announceFactorChange(tx, deps, member, 'sms_off', origin, now);
    }
    await tx
      .insert(phoneNumbers)
      .values({ memberId: member.id, phoneE164: phone, createdAt: now })
      .onConflictDoUpdate({
        target: phoneNumbers.memberId,
        set: { phoneE164: phone, verifiedAt: null, createdAt: now },
      });
    // The number being replaced is no longer verified here, so it no longer identifies this account.
    await forgetSignal(tx, member.id, 'phone');
    await sendCode(tx, deps, { memberId: member.id, phone, purpose: 'verify_phone' }, now);
    return { ok: true as const, phone };
  });
}

// A six-digit code allows five guesses, so one code gives a guesser one chance in 200,000.
const MAX_CODE_TRIES = 5;

/** Uses the newest code of this purpose (and this pending login) once; each guess takes one of its tries first. */
async function useCode(
  tx: Tx,
  deps: Deps,
  memberId: string,
  purpose: 'verify_phone' | 'login',
  code: string,
  now: Date,
  pendingLoginId?: string,
): Promise<boolean> {
  if (!/^\d{6}$/.test(code)) return false;
  const [latest] = await tx
    .select()
    .from(smsCodes)
    .where(
      and(
        eq(smsCodes.memberId, memberId),
        eq(smsCodes.purpose, purpose),
        isNull(smsCodes.usedAt),
        gt(smsCodes.expiresAt, now),
        pendingLoginId ? eq(smsCodes.pendingLoginId, pendingLoginId) : undefined,
      ),
    )
    .orderBy(desc(smsCodes.createdAt))
    .limit(1);
  if (!latest) return false;
  const taken = await tx
    .update(smsCodes)
    .set({ tries: sql`${smsCodes.tries} + 1` })
    .where(and(eq(smsCodes.id, latest.id), isNull(smsCodes.usedAt), lt(smsCodes.tries, MAX_CODE_TRIES)))
    .returning({ id: smsCodes.id });
  if (taken.length === 0 || latest.codeHash !== codeHash(deps, code)) return false;
  const used = await tx
    .update(smsCodes)
    .set({ usedAt: now })
    .where(and(eq(smsCodes.id, latest.id), isNull(smsCodes.usedAt)))
    .returning();
  return used.length === 1;
}

/** Confirms the number with its code; null when done, else why not. The number becomes a strong identity signal. */
export async function confirmPhone(
  deps: Deps,
  member: CurrentMember,
  code: string,
  origin: RequestOrigin,
): Promise<Message | null> {
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    const [pending] = await tx.select().from(phoneNumbers).where(eq(phoneNumbers.memberId, member.id));
    if (!pending) return ((t) => t.security.sms.wrongCode) as Message;
    // Checked again at confirmation: another account may have verified the number in the meantime.
    const refusal = await phoneRefusal(tx, deps.config.secretKey, member.id, pending.phoneE164);
    if (refusal) return refusal;
    if (!(await useCode(tx, deps, member.id, 'verify_phone', code.trim(), now)))
      return ((t) => t.security.sms.wrongCode) as Message;
    await tx.update(phoneNumbers).set({ verifiedAt: now }).where(eq(phoneNumbers.memberId, member.id));
    await forgetSignal(tx, member.id, 'phone');
    await recordSignals(tx, deps.config.secretKey, member.id, [{ kind: 'phone', value: pending.phoneE164 }], now);
    await queueDuplicates(tx, member.id, now);
    await announceFactorChange(tx, deps, member, 'sms_on', origin, now);
    return null;
  });
}

export async function removePhone(
  deps: Deps,
  member: CurrentMember,
  origin: RequestOrigin,
): Promise<FactorRemovalRefusal | null> {
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    const refusal = await factorRemovalRefusal(tx, member.id, 'phone');
    if (refusal) return refusal;
    const removed = await tx.delete(phoneNumbers).where(eq(phoneNumbers.memberId, member.id)).returning();
    await tx.delete(smsCodes).where(eq(smsCodes.memberId, member.id));
    await forgetSignal(tx, member.id, 'phone');
    if (removed.some((p) => p.verifiedAt)) await announceFactorChange(tx, deps, member, 'sms_off', origin, now);
    return null;
  });
}

/** Sends a login code bound to this pending login. */
export async function sendLoginCode(deps: Deps, memberId: string, pendingLoginId: string): Promise<boolean> {
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    const phone = await verifiedPhone(tx, memberId);
    if (!phone || !(await hasStrongFactor(tx, memberId)) || !(await smsAllowed(tx, memberId, phone, now))) return false;
    await sendCode(tx, deps, { memberId, phone, purpose: 'login', pendingLoginId }, now);
    return true;
  });
}

export function useLoginCode(tx: Tx, deps: Deps, memberId: string, pendingLoginId: string, code: string, now: Date) {
  return useCode(tx, deps, memberId, 'login', code, now, pendingLoginId);
}

/** After a factor is removed: SMS never stays as the only second factor, so it goes too (and the member is told). */
export async function dropSmsIfAlone(tx: Tx, deps: Deps, member: CurrentMember, origin: RequestOrigin, now: Date) {
  if (await hasStrongFactor(tx, member.id)) return;
  const removed = await tx.delete(phoneNumbers).where(eq(phoneNumbers.memberId, member.id)).returning();
  await tx.delete(smsCodes).where(eq(smsCodes.memberId, member.id));
  await forgetSignal(tx, member.id, 'phone');
  if (removed.some((p) => p.verifiedAt)) await announceFactorChange(tx, deps, member, 'sms_off', origin, now);
}
