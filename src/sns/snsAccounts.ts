import { and, eq, ne } from 'drizzle-orm';
import { deviceKey, rememberDevice } from '../security/login/devices';
import type { Message } from '../dictionary';
import type { Tx } from '../platform/db/client';
import type { Deps } from '../platform/deps';
import type { SnsProviderSettings } from '../platform/config';
import { mailMember } from '../platform/mail/mailMember';
import { MINUTE } from '../platform/clock';
import { consumeRateLimit } from '../platform/rateLimit';
import type { CurrentMember } from '../platform/web/env';
import type { Result } from '../platform/context';
import { finishLogin, type LoginContext, type SuspensionNotice } from '../security/login/logIn';
import { findLiveMemberByEmail, findMemberById, isUsernameTaken } from '../accounts/members';
import { members } from '../accounts/schema';
import { recordSecurityEvent } from '../security/sessions/securityEvents';
import { markReauthenticated } from '../security/sessions/sessions';
import type { RequestOrigin } from '../platform/context';
import { isUniqueViolation, signupSignals } from '../accounts/signUp';
import { leavesAWayIn } from '../security/factors/waysIn';
import { startPendingLogin } from '../security/login/pendingLogins';
import { hasSecondFactor } from '../security/factors/twoFactor';
import { isBanned } from '../trust/bans';
import { queueDuplicates } from '../trust/duplicates';
import { identitySignals } from '../trust/schema';
import { recordSignals, signalHash, type SignalValue } from '../trust/signals';
import { suspensionNotice } from '../security/login/suspensionNotice';
import { snsLinkedMail, snsUnlinkedMail } from './mails';
import type { SnsClaims } from './oidc';
import { snsIdentities } from './schema';
import { mailLinks } from '../platform/mail/links';
import { recordConsent, termsToAgree, type ConsentInput } from '../legal/terms';

/** The SNS account as a signal: provider issuer and subject together name one person's account. */
function snsSignal(provider: SnsProviderSettings, subject: string): SignalValue {
  return { kind: 'sns', value: `${provider.issuer}|${subject}` };
}

export function subjectHash(deps: Deps, provider: SnsProviderSettings, subject: string): string {
  return signalHash(deps.config.secretKey, 'sns', snsSignal(provider, subject).value);
}

export function providerById(deps: Deps, id: string): SnsProviderSettings | null {
  return deps.config.snsProviders.find((p) => p.id === id) ?? null;
}

async function memberBySubject(tx: Tx, hash: string) {
  const [row] = await tx
    .select({ member: members })
    .from(snsIdentities)
    .innerJoin(members, eq(members.id, snsIdentities.memberId))
    .where(and(eq(snsIdentities.subjectHash, hash), ne(members.status, 'withdrawn')));
  return row?.member ?? null;
}

/** A sign-up in progress: what the provider proved, carried (sealed) to the page where the member picks a username. */
export type PendingSnsSignup = { provider: string; subject: string; email: string; name: string | null };

export type SnsLoginOutcome =
  | { kind: 'session'; token: string }
  | { kind: 'second_factor'; pendingToken: string }
  | { kind: 'suspended'; notice: SuspensionNotice }
  | { kind: 'new_member'; pending: PendingSnsSignup }
  | { kind: 'refused'; problem: Message };

/**
 * Logging in with an SNS account. A known subject logs its member in (through the second step when one
 * is on: SNS never bypasses 2FA). An unknown one may become a new account, but never takes over an
 * existing one: an address already registered must log in with its password and link the SNS account
 * from the settings. Subjects of suspended members are refused.
 */
export async function logInWithSns(
  deps: Deps,
  provider: SnsProviderSettings,
  claims: SnsClaims,
  ctx: LoginContext,
): Promise<SnsLoginOutcome> {
  const now = deps.clock.now();
  const hash = subjectHash(deps, provider, claims.subject);
  const member = await memberBySubject(deps.db, hash);
  if (member?.status === 'suspended') return { kind: 'suspended', notice: await suspensionNotice(deps.db, member.id) };
  if (member) {
    await deps.db.transaction(async (tx) => {
      await tx.update(snsIdentities).set({ lastLoginAt: now }).where(eq(snsIdentities.subjectHash, hash));
      await recordSecurityEvent(tx, member.id, 'sns_login', ctx.origin, now);
    });
    if (await hasSecondFactor(deps.db, member.id)) {
      // Each pending login brings five code tries: SNS logins start at most as many as password logins may.
      const rule = { bucket: 'login:sns-pending', limit: deps.config.loginLimits.perAddress, windowMs: 15 * MINUTE };
      if (!(await consumeRateLimit(deps.db, rule, member.id, now)))
        return { kind: 'refused', problem: (t) => t.accounts.errors.tooManyAttempts };
      return { kind: 'second_factor', pendingToken: await startPendingLogin(deps.db, member.id, now) };
    }
    const done = await finishLogin(deps, member, ctx, { secondFactor: false, remember: false });
    return { kind: 'session', token: done.token };
  }
  if (
    await isBanned(deps.db, deps.config.secretKey, [
      snsSignal(provider, claims.subject),
      ...(claims.email ? [{ kind: 'email' as const, value: claims.email }] : []),
    ])
  ) {
    return { kind: 'refused', problem: (t) => t.trust.errors.signupBanned };
  }
  if (!claims.email || !claims.emailVerified) return { kind: 'refused', problem: (t) => t.sns.errors.noVerifiedEmail };
  if (await findLiveMemberByEmail(deps.db, claims.email))
    return { kind: 'refused', problem: (t) => t.sns.errors.emailHasAccount };
  return {
    kind: 'new_member',
    pending: { provider: provider.id, subject: claims.subject, email: claims.email, name: claims.name },
  };
}

export type SnsSignupInput = { username: string; displayName: string } & ConsentInput;

/** Creates the account the provider vouched for (its address counts as confirmed) and logs it in. No password yet. */
export async function completeSnsSignup(
  deps: Deps,
  provider: SnsProviderSettings,
  pending: PendingSnsSignup,
  input: SnsSignupInput,
  ctx: LoginContext,
): Promise<Result<{ token: string }, { errors: Partial<Record<keyof SnsSignupInput | 'form', Message>> }>> {
  const now = deps.clock.now();
  const terms = await termsToAgree(deps.db, input.termsVersion, now);
  if (typeof terms === 'function') return { ok: false, errors: { termsVersion: terms } };
  if (await isUsernameTaken(deps.db, input.username))
    return { ok: false, errors: { username: (t) => t.accounts.errors.usernameTaken } };
  const signals = [...signupSignals(pending.email, ctx), snsSignal(provider, pending.subject)];
  if (await isBanned(deps.db, deps.config.secretKey, signals))
    return { ok: false, errors: { form: (t) => t.trust.errors.signupBanned } };
  let member: typeof members.$inferSelect;
  try {
    member = await deps.db.transaction(async (tx) => {
      const [created] = await tx
        .insert(members)
        .values({
          email: pending.email,
          username: input.username,
          displayName: input.displayName,
          passwordHash: null,
          emailVerifiedAt: now,
          locale: ctx.locale,
          createdAt: now,
          updatedAt: now,
        })
        .returning();
      await tx.insert(snsIdentities).values({
        memberId: created.id,
        provider: provider.id,
        subjectHash: subjectHash(deps, provider, pending.subject),
        linkedAt: now,
        lastLoginAt: now,
      });
      await recordSecurityEvent(tx, created.id, 'signup', ctx.origin, now);
      await recordSecurityEvent(tx, created.id, 'sns_linked', ctx.origin, now);
      await recordConsent(tx, {
        memberId: created.id,
        termsVersionId: terms.id,
        kind: 'signup',
        age: input.age,
        origin: ctx.origin,
        now,
      });
      await rememberDevice(tx, created.id, deviceKey(deps.config.secretKey, ctx.deviceToken), now);
      await recordSignals(tx, deps.config.secretKey, created.id, signals, now);
      await queueDuplicates(tx, created.id, now);
      return created;
    });
  } catch (error) {
    if (isUniqueViolation(error, 'members_username_key'))
      return { ok: false, errors: { username: (t) => t.accounts.errors.usernameTaken } };
    if (isUniqueViolation(error, 'members_email_live_key'))
      return { ok: false, errors: { form: (t) => t.sns.errors.emailHasAccount } };
    if (isUniqueViolation(error, 'sns_identities_subject_key'))
      return { ok: false, errors: { form: (t) => t.sns.errors.linkedElsewhere } };
    throw error;
  }
  const done = await finishLogin(deps, member, ctx, { secondFactor: false, remember: false });
  return { ok: true, token: done.token };
}

/** Links an SNS account to the logged-in member (after re-authentication). One account per provider; one member per SNS account. */
export async function linkSns(
  deps: Deps,
  member: CurrentMember,
  provider: SnsProviderSettings,
  claims: SnsClaims,
  origin: RequestOrigin,
): Promise<Message | null> {
  const now = deps.clock.now();
  const hash = subjectHash(deps, provider, claims.subject);
  if (await isBanned(deps.db, deps.config.secretKey, [snsSignal(provider, claims.subject)]))
    return (t) => t.trust.errors.signupBanned;
  return deps.db.transaction(async (tx) => {
    const [existing] = await tx.select().from(snsIdentities).where(eq(snsIdentities.subjectHash, hash));
    if (existing?.memberId === member.id) return null;
    if (existing) return ((t) => t.sns.errors.linkedElsewhere) as Message;
    const [sameProvider] = await tx
      .select()
      .from(snsIdentities)
      .where(and(eq(snsIdentities.memberId, member.id), eq(snsIdentities.provider, provider.id)));
    if (sameProvider) return ((t) => t.sns.errors.providerAlreadyLinked) as Message;
    // Two links racing for one SNS account (or one provider): the unique indexes decide, the loser is told.
    const linked = await tx
      .insert(snsIdentities)
      .values({ memberId: member.id, provider: provider.id, subjectHash: hash, linkedAt: now })
      .onConflictDoNothing()
      .returning({ id: snsIdentities.id });
    if (linked.length === 0) return ((t) => t.sns.errors.linkedElsewhere) as Message;
    await recordSignals(tx, deps.config.secretKey, member.id, [snsSignal(provider, claims.subject)], now);
    await queueDuplicates(tx, member.id, now);
    await recordSecurityEvent(tx, member.id, 'sns_linked', origin, now);
    const row = (await findMemberById(tx, member.id))!;
    await mailMember(tx, deps, row, 'sns_linked', snsLinkedMail, {
      provider: provider.name,
      when: now,
      settingsUrl: mailLinks(deps.config.baseUrl).account,
    });
    return null;
  });
}

/** Unlinks an SNS account, never the last way in. */
export async function unlinkSns(
  deps: Deps,
  member: CurrentMember,
  providerId: string,
  origin: RequestOrigin,
): Promise<Message | null> {
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    const [link] = await tx
      .select()
      .from(snsIdentities)
      .where(and(eq(snsIdentities.memberId, member.id), eq(snsIdentities.provider, providerId)));
    if (!link) return null;
    if (!(await leavesAWayIn(tx, member.id, { snsProvider: providerId })))
      return ((t) => t.sns.errors.lastWayIn) as Message;
    await tx.delete(snsIdentities).where(eq(snsIdentities.id, link.id));
    await tx
      .delete(identitySignals)
      .where(and(eq(identitySignals.memberId, member.id), eq(identitySignals.hash, link.subjectHash)));
    await recordSecurityEvent(tx, member.id, 'sns_unlinked', origin, now);
    const row = (await findMemberById(tx, member.id))!;
    const providerName = providerById(deps, providerId)?.name ?? providerId;
    await mailMember(tx, deps, row, 'sns_unlinked', snsUnlinkedMail, {
      provider: providerName,
      when: now,
    });
    return null;
  });
}

/** Re-authentication by signing in again at a provider linked to this member (for accounts without a password). */
export async function reauthenticateWithSns(
  deps: Deps,
  member: CurrentMember,
  sessionId: string,
  provider: SnsProviderSettings,
  claims: SnsClaims,
  origin: RequestOrigin,
): Promise<boolean> {
  const now = deps.clock.now();
  const [link] = await deps.db
    .select()
    .from(snsIdentities)
    .where(
      and(
        eq(snsIdentities.subjectHash, subjectHash(deps, provider, claims.subject)),
        eq(snsIdentities.memberId, member.id),
      ),
    );
  if (!link) return false;
  await deps.db.transaction(async (tx) => {
    await markReauthenticated(tx, sessionId, now);
    await recordSecurityEvent(tx, member.id, 'reauthenticated', origin, now);
  });
  return true;
}

/** The member's links, for the settings page. */
export async function linkedProviders(deps: Deps, memberId: string) {
  return deps.db
    .select({
      provider: snsIdentities.provider,
      linkedAt: snsIdentities.linkedAt,
      lastLoginAt: snsIdentities.lastLoginAt,
    })
    .from(snsIdentities)
    .where(eq(snsIdentities.memberId, memberId));
}
