import type { Message } from '../../dictionary';
import type { Tx } from '../../platform/db/client';
import type { Deps } from '../../platform/deps';
import { mailMember } from '../../platform/mail/mailMember';
import { consumeRateLimits } from '../../platform/rateLimit';
import { deviceKey, isKnownDevice, rememberDevice } from './devices';
import { accountLockedMail, newDeviceLoginMail } from '../mails';
import {
  addressKey,
  clearAddressFailures,
  clearFailures,
  LOCK_AFTER_FAILURES,
  releaseAttempt,
  reserveAttempt,
} from './throttle';
import { describeUserAgent } from '../sessions/userAgent';
import type { ActionContext, Result } from '../../platform/context';
import { consumeEmailToken, issueEmailToken } from '../../accounts/emailTokens';
import { findMemberById, keepPasswordMark, normaliseEmail } from '../../accounts/members';
import { dummyPasswordHash, verifyPassword } from '../../accounts/password';
import { members } from '../../accounts/schema';
import { recordSecurityEvent } from '../sessions/securityEvents';
import { endSession, startSession, type SessionPolicy } from '../sessions/sessions';
import { secondFactorCondition } from '../factors/twoFactor';
import { startPendingLogin } from './pendingLogins';
import { suspensionNotice } from './suspensionNotice';
import { recordSignals } from '../../trust/signals';
import { eq, sql } from 'drizzle-orm';
import { mailLinks } from '../../platform/mail/links';

const WINDOW_MS = 15 * 60_000;

export type LoginContext = ActionContext & { deviceToken: string };

/**
 * Password login. Every refusal reads the same whether or not the address has an account, and costs
 * about the same: rate limits per IP and address, back-off and a soft lock per address (waived for a
 * browser the member has logged in from before), an argon2id verification against a dummy hash for
 * unknown addresses.
 */
export type LoginOutcome =
  | { step: 'done'; token: string; sessionId: string; memberId: string }
  | { step: 'second_factor'; pendingToken: string; memberId: string };

export type SuspensionNotice = { reason: string | null; endsAt: Date | null };

export async function logIn(
  deps: Deps,
  input: { email: string; password: string },
  ctx: LoginContext,
): Promise<Result<LoginOutcome, { problem: Message; suspension?: SuspensionNotice }>> {
  const email = normaliseEmail(input.email);
  const now = deps.clock.now();
  const found = await memberForLogin(deps.db, { email }, deviceKey(deps.config.secretKey, ctx.deviceToken));
  const account = found && !found.member.withdrawnAt ? found : null;
  const member = account?.member ?? null;
  // A withdrawn account keeps its password hash for 30 days, to answer "withdrawn" to its owner only.
  const withdrawnHash = found?.member.withdrawnAt ? found.member.passwordHash : null;
  const trusted = account?.knownBrowser ?? false;
  // The member's own browsers have their own per-address limit and failure count: whoever spends the
  // others guessing cannot lock the owner out, and a known browser still meets a limit of its own.
  if (!(await consumeRateLimits(deps.db, loginLimits(deps, email, ctx, trusted), now)))
    return { ok: false, problem: (t) => t.accounts.errors.tooManyAttempts };
  const key = addressKey(deps.config.secretKey, email, trusted ? 'known' : 'other');
  // The slot is taken before the password is checked, so parallel guesses cannot all pass the back-off.
  const { state: throttle, lockedNow, reservation } = await reserveAttempt(deps.db, key, now);
  if (throttle.kind === 'locked') return { ok: false, problem: (t) => t.accounts.errors.accountLocked };
  if (throttle.kind === 'wait') return { ok: false, problem: (t) => t.accounts.errors.tooManyAttempts };

  // One verification whichever account it is (live, recently withdrawn or none), so the time says nothing.
  const passwordOk = await verifyPassword(
    member?.passwordHash ?? withdrawnHash ?? (await dummyPasswordHash()),
    input.password,
  );
  if (!member && withdrawnHash && passwordOk) {
    await releaseAttempt(deps.db, reservation);
    return { ok: false, problem: (t) => t.withdrawal.withdrawnLogin };
  }
  // Only someone who knows the password learns that the account is suspended, and why.
  if (member?.status === 'suspended' && passwordOk) {
    await releaseAttempt(deps.db, reservation);
    return {
      ok: false,
      problem: (t) => t.trust.suspendedLogin.title,
      suspension: await suspensionNotice(deps.db, member.id),
    };
  }
  if (!member || !passwordOk) {
    await deps.db.transaction(async (tx) => {
      // A failure on an unknown address is logged too, without any account: the same writes either way.
      await recordSecurityEvent(tx, member?.id ?? null, 'login_failed', ctx.origin, now);
      if (member && lockedNow) await sendUnlockMail(tx, deps, member, now);
    });
    return { ok: false, problem: (t) => t.accounts.errors.loginFailed };
  }

  await keepPasswordMark(deps.db, member, input.password);
  // Password reset and this first step never open a session by themselves when a second factor is on.
  // The failure count stays until the second step succeeds: wrong codes keep adding to it.
  if (account!.secondFactor) {
    await releaseAttempt(deps.db, reservation);
    return {
      ok: true,
      step: 'second_factor',
      pendingToken: await startPendingLogin(deps.db, member.id, now),
      memberId: member.id,
    };
  }
  await clearFailures(deps.db, key);
  return { ok: true, ...(await finishLogin(deps, member, ctx, { secondFactor: false, remember: false }, trusted)) };
}

/**
 * What a login needs to know about an account, in one statement (it runs on every login): the member
 * (by address: the live account, or else the one withdrawn last), whether this browser is one of
 * theirs, and whether a code follows the password. An unknown address costs the same statement.
 */
export async function memberForLogin(tx: Tx, where: { email: string } | { id: string }, device: string) {
  const [row] = await tx
    .select({
      member: members,
      knownBrowser: sql<boolean>`exists (select 1 from known_devices kd where kd.member_id = ${members.id} and kd.device_hash = ${device})`,
      secondFactor: sql<boolean>`${secondFactorCondition(members.id)}`,
    })
    .from(members)
    .where('email' in where ? eq(members.email, where.email) : eq(members.id, where.id))
    .orderBy(sql`${members.withdrawnAt} desc nulls first`)
    .limit(1);
  return row
    ? { member: row.member, knownBrowser: row.knownBrowser === true, secondFactor: row.secondFactor === true }
    : null;
}

function loginLimits(deps: Deps, email: string, ctx: LoginContext, trustedBrowser: boolean) {
  const { perIp, perAddress } = deps.config.loginLimits;
  const checks = [];
  checks.push({
    rule: { bucket: trustedBrowser ? 'login:email-known' : 'login:email', limit: perAddress, windowMs: WINDOW_MS },
    key: email,
  });
  if (ctx.origin.ip)
    checks.push({ rule: { bucket: 'login:ip', limit: perIp, windowMs: WINDOW_MS }, key: ctx.origin.ip });
  return checks;
}

/** Opens the session once every required factor is proven, and reports a browser seen for the first time (the caller may already know). */
export async function finishLogin(
  deps: Deps,
  member: typeof members.$inferSelect,
  ctx: LoginContext,
  policy: SessionPolicy,
  knownBrowser?: boolean,
) {
  const now = deps.clock.now();
  const session = await startSession(deps.db, deps.config, member.id, ctx.origin, now, policy);
  const device = deviceKey(deps.config.secretKey, ctx.deviceToken);
  await recordSignals(deps.db, deps.config.secretKey, member.id, loginSignals(ctx), now);
  if (!(knownBrowser ?? (await isKnownDevice(deps.db, member.id, device)))) {
    await deps.db.transaction((tx) => noteNewDevice(tx, deps, member, device, session.sessionId, ctx, now));
  }
  return { step: 'done' as const, token: session.token, sessionId: session.sessionId, memberId: member.id };
}

function loginSignals(ctx: LoginContext) {
  return [
    { kind: 'device' as const, value: ctx.deviceToken },
    ...(ctx.origin.ip ? [{ kind: 'ip' as const, value: ctx.origin.ip }] : []),
  ];
}

/** Remembers the browser and tells the member by mail, with a link that ends the session (sign-up remembers the first browser). */
async function noteNewDevice(
  tx: Tx,
  deps: Deps,
  member: typeof members.$inferSelect,
  device: string,
  sessionId: string,
  ctx: LoginContext,
  now: Date,
) {
  await rememberDevice(tx, member.id, device, now);
  const token = await issueEmailToken(tx, member.id, 'end_session', member.email, now, sessionId);
  await mailMember(tx, deps, member, 'new_device_login', newDeviceLoginMail, {
    when: now,
    ip: ctx.origin.ip ?? '-',
    device: describeUserAgent(ctx.origin.userAgent),
    endUrl: mailLinks(deps.config.baseUrl).endSession(token),
    resetUrl: mailLinks(deps.config.baseUrl).passwordReset,
  });
}

export async function sendUnlockMail(tx: Tx, deps: Deps, member: typeof members.$inferSelect, now: Date) {
  const token = await issueEmailToken(tx, member.id, 'unlock_account', member.email, now);
  await mailMember(tx, deps, member, 'account_locked', accountLockedMail, {
    failures: LOCK_AFTER_FAILURES,
    unlockUrl: mailLinks(deps.config.baseUrl).unlock(token),
    resetUrl: mailLinks(deps.config.baseUrl).passwordReset,
  });
}

/** The link from the lock mail: proves the owner holds the address, and lifts the lock. */
export async function unlockAccount(deps: Deps, token: string): Promise<boolean> {
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    const used = await consumeEmailToken(tx, 'unlock_account', token, now);
    if (!used) return false;
    await clearAddressFailures(tx, deps.config.secretKey, used.email);
    return true;
  });
}

/** The link from the new-browser mail: ends that one session, no login needed. */
export async function endSessionByMail(deps: Deps, token: string, ctx: ActionContext): Promise<boolean> {
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    const used = await consumeEmailToken(tx, 'end_session', token, now);
    if (!used?.subjectId) return false;
    await endSession(tx, used.subjectId, 'ended_from_mail', now);
    const member = await findMemberById(tx, used.memberId);
    if (member) await recordSecurityEvent(tx, member.id, 'session_ended', ctx.origin, now);
    return true;
  });
}

export async function logOut(deps: Deps, session: { sessionId: string; memberId: string }, ctx: ActionContext) {
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    await endSession(tx, session.sessionId, 'logout', now);
    await recordSecurityEvent(tx, session.memberId, 'logout', ctx.origin, now);
  });
}
