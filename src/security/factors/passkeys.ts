import { factorRemovalRefusal, leavesAWayIn, type FactorRemovalRefusal } from './waysIn';
import { randomBytes } from 'node:crypto';
import {
  generateAuthenticationOptions,
  generateRegistrationOptions,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
  type AuthenticationResponseJSON,
  type AuthenticatorTransport,
  type RegistrationResponseJSON,
} from '@simplewebauthn/server';
import { and, asc, eq, gt } from 'drizzle-orm';
import type { Message } from '../../dictionary';
import type { Tx } from '../../platform/db/client';
import type { Deps } from '../../platform/deps';
import { MINUTE } from '../../platform/clock';
import { mailMember } from '../../platform/mail/mailMember';
import type { CurrentMember } from '../../platform/web/env';
import type { Result } from '../../platform/context';
import { recordSecurityEvent } from '../sessions/securityEvents';
import type { RequestOrigin } from '../../platform/context';
import { passkeyChangedMail } from '../mails';
import { passkeys, webauthnChallenges, webauthnUsers } from '../schema';
import { dropSmsIfAlone } from './sms';
import { mailLinks } from '../../platform/mail/links';

// WebAuthn Level 3 and the requirements: 5-minute ceremonies, resident keys, user verification, no attestation.
const CEREMONY_MS = 5 * MINUTE;

async function userHandleFor(tx: Tx, memberId: string): Promise<string> {
  await tx
    .insert(webauthnUsers)
    .values({ memberId, userHandle: randomBytes(32).toString('base64url') })
    .onConflictDoNothing();
  const [row] = await tx.select().from(webauthnUsers).where(eq(webauthnUsers.memberId, memberId));
  return row.userHandle;
}

async function saveChallenge(
  tx: Tx,
  challenge: string,
  purpose: 'register' | 'login',
  memberId: string | null,
  now: Date,
): Promise<string> {
  const [row] = await tx
    .insert(webauthnChallenges)
    .values({ challenge, purpose, memberId, expiresAt: new Date(now.getTime() + CEREMONY_MS) })
    .returning({ id: webauthnChallenges.id });
  return row.id;
}

/** Takes a challenge back exactly once: a second answer to it finds nothing. */
async function takeChallenge(tx: Tx, id: string, purpose: 'register' | 'login', now: Date) {
  const [row] = await tx
    .delete(webauthnChallenges)
    .where(
      and(
        eq(webauthnChallenges.id, id),
        eq(webauthnChallenges.purpose, purpose),
        gt(webauthnChallenges.expiresAt, now),
      ),
    )
    .returning();
  return row ?? null;
}

export async function passkeysOf(tx: Tx, memberId: string) {
  return tx.select().from(passkeys).where(eq(passkeys.memberId, memberId)).orderBy(asc(passkeys.createdAt));
}

export async function registrationOptions(deps: Deps, member: CurrentMember) {
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    const existing = await passkeysOf(tx, member.id);
    const options = await generateRegistrationOptions({
      rpName: '技市 Wazaichi',
      rpID: deps.config.webauthn.rpId,
      userID: Buffer.from(await userHandleFor(tx, member.id), 'base64url'),
      userName: member.username,
      userDisplayName: member.displayName,
      attestationType: 'none',
      timeout: CEREMONY_MS,
      excludeCredentials: existing.map((p) => ({ id: p.credentialId, transports: splitTransports(p.transports) })),
      authenticatorSelection: { residentKey: 'required', userVerification: 'required' },
    });
    const challengeId = await saveChallenge(tx, options.challenge, 'register', member.id, now);
    return { options, challengeId };
  });
}

export async function registerPasskey(
  deps: Deps,
  member: CurrentMember,
  input: { challengeId: string; name: string; response: RegistrationResponseJSON },
  origin: RequestOrigin,
): Promise<Result<{}, { problem: Message }>> {
  const now = deps.clock.now();
  const refused = { ok: false as const, problem: ((t) => t.security.passkeys.failed) as Message };
  const challenge = await takeChallenge(deps.db, input.challengeId, 'register', now);
  if (!challenge || challenge.memberId !== member.id) return refused;
  const verification = await verifyRegistrationResponse({
    response: input.response,
    expectedChallenge: challenge.challenge,
    expectedOrigin: deps.config.webauthn.origin,
    expectedRPID: deps.config.webauthn.rpId,
    requireUserVerification: true,
  }).catch(() => null);
  if (!verification?.verified) return refused;
  const credential = verification.registrationInfo.credential;
  await deps.db.transaction(async (tx) => {
    await tx.insert(passkeys).values({
      memberId: member.id,
      credentialId: credential.id,
      publicKey: Buffer.from(credential.publicKey).toString('base64url'),
      counter: credential.counter,
      transports: (credential.transports ?? []).join(','),
      name: input.name,
      createdAt: now,
    });
    await announce(tx, deps, member, 'added', input.name, origin, now);
  });
  return { ok: true };
}

export async function loginOptions(deps: Deps) {
  const options = await generateAuthenticationOptions({
    rpID: deps.config.webauthn.rpId,
    userVerification: 'required',
    timeout: CEREMONY_MS,
  });
  const challengeId = await saveChallenge(deps.db, options.challenge, 'login', null, deps.clock.now());
  return { options, challengeId };
}

/** Usernameless login: the device says which credential; its signature over our challenge proves it. */
export async function verifyPasskeyLogin(
  deps: Deps,
  input: { challengeId: string; response: AuthenticationResponseJSON },
): Promise<string | null> {
  const now = deps.clock.now();
  const challenge = await takeChallenge(deps.db, input.challengeId, 'login', now);
  if (!challenge) return null;
  const [stored] = await deps.db.select().from(passkeys).where(eq(passkeys.credentialId, input.response.id));
  if (!stored) return null;
  const verification = await verifyAuthenticationResponse({
    response: input.response,
    expectedChallenge: challenge.challenge,
    expectedOrigin: deps.config.webauthn.origin,
    expectedRPID: deps.config.webauthn.rpId,
    requireUserVerification: true,
    credential: {
      id: stored.credentialId,
      publicKey: Buffer.from(stored.publicKey, 'base64url'),
      counter: stored.counter,
      transports: splitTransports(stored.transports),
    },
  }).catch(() => null);
  if (!verification?.verified) return null;
  await deps.db
    .update(passkeys)
    .set({ counter: verification.authenticationInfo.newCounter, lastUsedAt: now })
    .where(eq(passkeys.id, stored.id));
  return stored.memberId;
}

export async function renamePasskey(deps: Deps, member: CurrentMember, passkeyId: string, name: string) {
  await deps.db
    .update(passkeys)
    .set({ name })
    .where(and(eq(passkeys.id, passkeyId), eq(passkeys.memberId, member.id)));
}

/** Removes a passkey, never the last way into the account (an SNS-only account may rely on one), nor the last factor beside a short password. */
export async function removePasskey(
  deps: Deps,
  member: CurrentMember,
  passkeyId: string,
  origin: RequestOrigin,
): Promise<FactorRemovalRefusal | null> {
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    if (!(await leavesAWayIn(tx, member.id, { passkeyId }))) return 'last-way-in' as const;
    const refusal = await factorRemovalRefusal(tx, member.id, { passkeyId });
    if (refusal) return refusal;
    const [removed] = await tx
      .delete(passkeys)
      .where(and(eq(passkeys.id, passkeyId), eq(passkeys.memberId, member.id)))
      .returning();
    if (removed) await announce(tx, deps, member, 'removed', removed.name, origin, now);
    await dropSmsIfAlone(tx, deps, member, origin, now);
    return null;
  });
}

async function announce(
  tx: Tx,
  deps: Deps,
  member: CurrentMember,
  change: 'added' | 'removed',
  name: string,
  origin: RequestOrigin,
  now: Date,
) {
  await recordSecurityEvent(tx, member.id, change === 'added' ? 'passkey_added' : 'passkey_removed', origin, now);
  await mailMember(tx, deps, member, `passkey_${change}`, passkeyChangedMail, {
    change,
    passkeyName: name,
    when: now,
    securityUrl: mailLinks(deps.config.baseUrl).passkeys,
  });
}

function splitTransports(value: string): AuthenticatorTransport[] {
  return value ? (value.split(',') as AuthenticatorTransport[]) : [];
}
