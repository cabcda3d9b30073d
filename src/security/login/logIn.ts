import type { Message } from '../../dictionary';
import type { Db, Tx } from '../../platform/db/client';
import type { Deps } from '../../platform/deps';
import { mailMember } from '../../platform/mail/mailMember';
import { deviceKey, isKnownDevice, rememberDevice } from './devices';
import { accountLockedMail, newDeviceLoginMail } from '../mails';
import {
  addressKey,
  clearAddressFailures,
  failuresCleared,
  LOCK_AFTER_FAILURES,
  releaseAttempt,
  reserveLimitedAttempt,
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
import { signalUpsert } from '../../trust/signals';
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
  const device = deviceKey(deps.config.secretKey, ctx.deviceToken);
  const found = await memberForLogin(deps.db, { email }, device);
  const account = found && !found.member.withdrawnAt ? found : null;
  const member = account?.member ?? null;
  // A withdrawn account keeps its password hash for 30 days, to answer "withdrawn" to its owner only.
  const withdrawnHash = found?.member.withdrawnAt ? found.member.passwordHash : null;
  const trusted = account?.knownBrowser ?? false;
  const key = addressKey(deps.config.secretKey, email, trusted ? 'known' : 'other');
  // The member's own browsers have their own per-address limit and failure count: whoever spends the
  // others guessing cannot lock the owner out, and a known browser still meets a limit of its own.
  // The slot is taken before the password is checked, so parallel guesses cannot all pass the back-off.
  const reserved = await reserveLimitedAttempt(deps.db, loginLimits(deps, email, ctx, trusted), key, now);
  if (!reserved) return { ok: false, problem: (t) => t.accounts.errors.tooManyAttempts };
  const { state: throttle, lockedNow, reservation } = reserved;
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
  const policy = { secondFactor: false, remember: false };
  return { ok: true, ...(await finishLogin(deps, member, ctx, policy, { knownBrowser: trusted, clearKey: key })) };
}

/**
 * What a login needs to know about an account, in one statement (it runs on every login): the member
 * (by address: the live account, or else the one withdrawn last), whether this browser is one of
 * theirs, and whether a code follows the password. An unknown address costs the same statement.
 */
export async function memberForLogin(db: Db, where: { email: string } | { id: string }, device: string) {
  let lookups = loginLookups.get(db);
  if (!lookups)
    loginLookups.set(db, (lookups = { email: buildLoginLookup(db, 'email'), id: buildLoginLookup(db, 'id') }));
  const [row] =
    'email' in where
      ? await lookups.email.execute({ email: where.email, device })
      : await lookups.id.execute({ id: where.id, device });
  return row
    ? { member: row.member, knownBrowser: row.knownBrowser === true, secondFactor: row.secondFactor === true }
    : null;
}

function buildLoginLookup(db: Db, by: 'email' | 'id') {
  return db
    .select({
      member: members,
      knownBrowser: sql<boolean>`exists (select 1 from known_devices kd where kd.member_id = ${members.id} and kd.device_hash = ${sql.placeholder('device')})`,
      secondFactor: sql<boolean>`${secondFactorCondition(members.id)}`,
    })
    .from(members)
    .where(by === 'email' ? eq(members.email, sql.placeholder('email')) : eq(members.id, sql.placeholder('id')))
    .orderBy(sql`${members.withdrawnAt} desc nulls first`)
    .limit(1)
    .prepare(`member_for_login_by_${by}`);
}

// Prepared once per database, like the session lookup: every login runs one.
const loginLookups = new WeakMap<Db, Record<'email' | 'id', ReturnType<typeof buildLoginLookup>>>();

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

// A signal seen this recently is not rewritten at each login (see signalUpsert).
const SIGNAL_REFRESH_MS = 5 * 60_000;

/**
 * Opens the session once every required factor is proven, and reports a browser seen for the first time
 * (the caller may already know). clearKey: the failure count the login clears, in the same statement.
 */
export async function finishLogin(
  deps: Deps,
  member: typeof members.$inferSelect,
  ctx: LoginContext,
  policy: SessionPolicy,
  known: { knownBrowser?: boolean; clearKey?: string } = {},
) {
  const now = deps.clock.now();
  const { db, config } = deps;
  const session = await startSession(db, config, member.id, ctx.origin, now, policy, [
    signalUpsert(db, config.secretKey, member.id, loginSignals(ctx), now, SIGNAL_REFRESH_MS),
    ...(known.clearKey ? [failuresCleared(db, known.clearKey)] : []),
  ]);
  const device = deviceKey(config.secretKey, ctx.deviceToken);
  if (!(known.knownBrowser ?? (await isKnownDevice(db, member.id, device)))) {
    await db.transaction((tx) => noteNewDevice(tx, deps, member, device, session.sessionId, ctx, now));
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
