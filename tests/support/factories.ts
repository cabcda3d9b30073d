import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { verifyEmail } from '../../src/accounts/changeCredentials';
import { members } from '../../src/accounts/schema';
import { signUp } from '../../src/accounts/signUp';
import type { TestContext } from './context';
import { currentTerms } from '../../src/legal/terms';
import type { AgeConfirmation } from '../../src/legal/termsSchema';
import { lastMailTo, linkIn } from './client';

export const DEFAULT_PASSWORD = 'correct horse battery staple 2026';

/** The consent part of a sign-up form: agreeing to the first 利用規約 (migration 0031), as an adult. */
export const SIGNUP_CONSENT = { agree: 'on', age: 'adult', termsVersion: '2026-01-01' } as const;

let counter = 0;
const ctx0 = { origin: { ip: null, userAgent: 'factory' }, locale: 'ja' as const };

/** A member made through the real sign-up command (and the emailed link, unless unverified is asked for). */
export async function createMember(
  ctx: TestContext,
  options: {
    verified?: boolean;
    password?: string;
    displayName?: string;
    role?: 'member' | 'operator';
    email?: string;
    deviceToken?: string;
    ip?: string;
    age?: AgeConfirmation;
  } = {},
) {
  counter += 1;
  const tag = `${randomBytes(3).toString('hex')}${counter}`;
  const email = options.email ?? `m${tag}@example.test`;
  const username = `user_${tag}`;
  const password = options.password ?? DEFAULT_PASSWORD;
  const result = await signUp(
    ctx.deps,
    {
      email,
      username,
      displayName: options.displayName ?? `会員${tag}`,
      password,
      termsVersion: (await currentTerms(ctx.deps.db, ctx.deps.clock.now()))!.version,
      age: options.age ?? 'adult',
    },
    {
      ...ctx0,
      origin: { ...ctx0.origin, ip: options.ip ?? null },
      deviceToken: options.deviceToken ?? randomBytes(16).toString('hex'),
    },
  );
  if (!result.ok) throw new Error('factory sign-up failed');
  if (options.verified !== false) {
    const mail = await lastMailTo(ctx, email);
    const token = new URLSearchParams(linkIn(mail!.textBody, '/verify-email').split('?')[1]).get('token')!;
    if (!(await verifyEmail(ctx.deps, token, ctx0))) throw new Error('factory verification failed');
  }
  if (options.role === 'operator')
    await ctx.deps.db.update(members).set({ role: 'operator' }).where(eq(members.email, email));
  const [row] = await ctx.deps.db.select().from(members).where(eq(members.email, email));
  return { ...row, password };
}
