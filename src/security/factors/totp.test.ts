import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import {
  base32Decode,
  base32Encode,
  generateTotpSecret,
  hotp,
  matchTotp,
  openSecret,
  sealSecret,
  totpStep,
} from './totp';

const hasOathtool = (() => {
  try {
    execFileSync('oathtool', ['--version']);
    return true;
  } catch {
    return false;
  }
})();

/** A code from Debian's oathtool, an implementation nobody here wrote. */
function oathtool(secret: string, at: Date): string {
  const when = at
    .toISOString()
    .replace('T', ' ')
    .replace(/\.\d+Z$/, ' UTC');
  return execFileSync('oathtool', ['--totp', '--base32', '-N', when, secret]).toString().trim();
}

it('matches the RFC 4226 test vectors', () => {
  const secret = Buffer.from('12345678901234567890');
  expect([0, 1, 2, 9].map((c) => hotp(secret, c))).toEqual(['755224', '287082', '359152', '520489']);
  expect(base32Decode(base32Encode(secret)).equals(secret)).toBe(true);
});

it('makes 160-bit secrets and keeps them sealed with the server key', () => {
  const secret = generateTotpSecret();
  expect(base32Decode(secret)).toHaveLength(20);
  const box = sealSecret('server-secret-server-secret-server-secret', secret);
  expect(box).not.toContain(secret);
  expect(openSecret('server-secret-server-secret-server-secret', box)).toBe(secret);
  expect(() => openSecret('another-secret-another-secret-another-secret', box)).toThrow();
});

describe.skipIf(!hasOathtool && process.env.CI !== 'true')('against oathtool', () => {
  it('accepts oathtool’s code for now and one step either side, and nothing further', () => {
    const secret = generateTotpSecret();
    const now = new Date('2026-04-01T12:00:10Z');
    expect(matchTotp(secret, oathtool(secret, now), now)).toBe(totpStep(now));
    expect(matchTotp(secret, oathtool(secret, new Date(now.getTime() - 30_000)), now)).toBe(totpStep(now) - 1);
    expect(matchTotp(secret, oathtool(secret, new Date(now.getTime() + 30_000)), now)).toBe(totpStep(now) + 1);
    expect(matchTotp(secret, oathtool(secret, new Date(now.getTime() - 60_000)), now)).toBeNull();
    expect(matchTotp(secret, oathtool(secret, new Date(now.getTime() + 90_000)), now)).toBeNull();
    expect(matchTotp(secret, 'abcdef', now)).toBeNull();
  });
});
