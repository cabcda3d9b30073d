import type { Message } from '../dictionary';
import type { Deps } from '../platform/deps';
import { queueMail } from '../platform/mail/outbox';
import { consumeRateLimit } from '../platform/rateLimit';
import type { Result } from '../platform/context';
import { issueEmailToken } from './emailTokens';
import { signupAttemptMail, verifyEmailMail } from './mails';
import { findLiveMemberByEmail, isUsernameTaken, normaliseEmail } from './members';
import { hashPassword, passwordProblem } from './password';
import { members, usernameHolds } from './schema';
import { recordSecurityEvent } from '../security/sessions/securityEvents';
import { isBanned } from '../trust/bans';
import { queueDuplicates } from '../trust/duplicates';
import { recordSignals, type SignalValue } from '../trust/signals';
import type { LoginContext } from '../security/login/logIn';
import { deviceKey, rememberDevice } from '../security/login/devices';
import { mailLinks } from '../platform/mail/links';
import { recordConsent, termsToAgree, type ConsentInput } from '../legal/terms';

export type SignUpInput = {
  email: string;
  username: string;
  displayName: string;
  password: string;
} & ConsentInput;
type SignUpErrors = Partial<Record<keyof SignUpInput | 'form', Message>>;

/**
 * Registers a member and emails a confirmation link. For an address that already has an account the
 * answer is the same (ASVS 6.3.8); the owner is told by email instead, so nobody learns who is a member.
 */
export async function signUp(
  deps: Deps,
  input: SignUpInput,
  ctx: LoginContext,
): Promise<Result<{ email: string }, { errors: SignUpErrors }>> {
  const email = normaliseEmail(input.email);
  const now = deps.clock.now();
  if (
    ctx.origin.ip &&
    !(await consumeRateLimit(
      deps.db,
      { bucket: 'signup:ip', limit: deps.config.signupLimitPerIp, windowMs: 3600_000 },
      ctx.origin.ip,
      now,
    ))
  ) {
    return { ok: false, errors: { form: (t) => t.accounts.errors.tooManyAttempts } };
  }
  // The limit comes first: the strength estimate is the costliest step here, so a flood is refused before it.
  const terms = await termsToAgree(deps.db, input.termsVersion, now);
  if (typeof terms === 'function') return { ok: false, errors: { termsVersion: terms } };
  const weak = passwordProblem(input.password, { email, username: input.username });
  if (weak) return { ok: false, errors: { password: weak } };
  if (await isUsernameTaken(deps.db, input.username))
    return { ok: false, errors: { username: (t) => t.accounts.errors.usernameTaken } };
  // A member suspended for breaking the rules does not come back with a new account.
  if (await isBanned(deps.db, deps.config.secretKey, [{ kind: 'email', value: email }]))
    return { ok: false, errors: { form: (t) => t.accounts.errors.banned } };
  // Hashed for every request, existing address or not, so both take the same time.
  const passwordHash = await hashPassword(input.password);
  try {
    await deps.db.transaction(async (tx) => {
      const existing = await findLiveMemberByEmail(tx, email);
      if (existing) {
        // The name is held as if an account had been made, so trying it again says "taken" either way.
        await tx
          .insert(usernameHolds)
          .values({ username: input.username.toLowerCase(), heldAt: now })
          .onConflictDoNothing();
        await queueMail(tx, deps, {
          to: existing.email,
          memberId: existing.id,
          template: 'signup_attempt',
          locale: existing.locale,
          content: signupAttemptMail(existing.locale, {
            loginUrl: mailLinks(deps.config.baseUrl).login,
            resetUrl: mailLinks(deps.config.baseUrl).passwordReset,
          }),
        });
        return;
      }
      const [member] = await tx
        .insert(members)
        .values({
          email,
          username: input.username,
          displayName: input.displayName,
          passwordHash,
          locale: ctx.locale,
          createdAt: now,
          updatedAt: now,
        })
        .returning();
      await recordSecurityEvent(tx, member.id, 'signup', ctx.origin, now);
      await recordConsent(tx, {
        memberId: member.id,
        termsVersionId: terms.id,
        kind: 'signup',
        age: input.age,
        origin: ctx.origin,
        now,
      });
      // The browser that signed up is the member's own: a login from any other one is mailed.
      await rememberDevice(tx, member.id, deviceKey(deps.config.secretKey, ctx.deviceToken), now);
      await recordSignals(tx, deps.config.secretKey, member.id, signupSignals(email, ctx), now);
      await queueDuplicates(tx, member.id, now);
      const token = await issueEmailToken(tx, member.id, 'verify_email', email, now);
      await queueMail(tx, deps, {
        to: email,
        memberId: member.id,
        template: 'verify_email',
        locale: ctx.locale,
        content: verifyEmailMail(ctx.locale, {
          name: input.displayName,
          url: mailLinks(deps.config.baseUrl).verifyEmail(token),
        }),
      });
    });
  } catch (error) {
    // Two sign-ups racing for one username: the loser is told plainly.
    if (isUniqueViolation(error, 'members_username_key'))
      return { ok: false, errors: { username: (t) => t.accounts.errors.usernameTaken } };
    if (!isUniqueViolation(error, 'members_email_live_key')) throw error;
  }
  return { ok: true, email };
}

/** What a new account is recognised by: its address, the browser it signed up in, the IP address. */
export function signupSignals(email: string, ctx: LoginContext): SignalValue[] {
  return [
    { kind: 'email', value: email },
    { kind: 'device', value: ctx.deviceToken },
    ...(ctx.origin.ip ? [{ kind: 'ip' as const, value: ctx.origin.ip }] : []),
  ];
}

export function isUniqueViolation(error: unknown, constraint: string): boolean {
  const e = error as { code?: string; constraint?: string; cause?: { code?: string; constraint?: string } };
  const inner = e?.code ? e : e?.cause;
  return (
    inner?.code === '23505' &&
    (inner.constraint === constraint || String((inner as any).detail ?? (error as Error).message).includes(constraint))
  );
}
