import { hash, verify } from '@node-rs/argon2';
import type { Message } from '../dictionary';
import type { Locale } from '../platform/i18n';
import { estimateStrength, isTooGuessable } from '../security/passwordStrength';
import { PASSWORD_MAX, PASSWORD_MIN_SINGLE_FACTOR, PASSWORD_MIN_WITH_SECOND_FACTOR } from './limits';

// OWASP Password Storage: argon2id, m=19 MiB, t=2, p=1. 2 = Algorithm.Argon2id (a const enum in the typings).
const argon2Options = { algorithm: 2, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, argon2Options);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

/** Whether this password may be the account's only factor (NIST SP 800-63B-4: 15 characters). */
export function fitsAsOnlyFactor(password: string): boolean {
  return [...password].length >= PASSWORD_MIN_SINGLE_FACTOR;
}

let dummyHash: Promise<string> | null = null;
/** Verifying against this for an unknown address makes "no such account" cost what a wrong password costs. */
export function dummyPasswordHash(): Promise<string> {
  dummyHash ??= hashPassword('not-a-real-password-for-timing-only');
  return dummyHash;
}

/**
 * The one rule for a new password (ASVS 6.2): long enough, no composition rules, nothing personal,
 * not on the blocklist and not trivially guessable.
 */
export function passwordProblem(
  password: string,
  owner: { email?: string; username?: string },
  hasSecondFactor = false,
): Message | null {
  const min = hasSecondFactor ? PASSWORD_MIN_WITH_SECOND_FACTOR : PASSWORD_MIN_SINGLE_FACTOR;
  const length = [...password].length;
  if (length < min) return (t) => t.accounts.errors.passwordTooShort(min);
  if (length > PASSWORD_MAX) return (t) => t.accounts.errors.passwordTooLong(PASSWORD_MAX);
  const lower = password.toLowerCase();
  const personal = [owner.email?.split('@')[0], owner.username, 'wazaichi', '技市'].filter(
    (w): w is string => !!w && w.length >= 3,
  );
  if (personal.some((word) => lower.includes(word.toLowerCase())))
    return (t) => t.accounts.errors.passwordContainsPersonal;
  const strength = estimateStrength(password, personal);
  if (isTooGuessable(strength)) {
    return (t) =>
      [t.accounts.errors.passwordTooGuessable, strength.warning(t.common.locale as Locale)].filter(Boolean).join(' ');
  }
  return null;
}
