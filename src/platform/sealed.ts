import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

function keyFor(serverSecret: string, purpose: string): Buffer {
  return Buffer.from(hkdfSync('sha256', serverSecret, 'wazaichi', `sealed-${purpose}`, 32));
}

/**
 * Short-lived state the browser carries between two requests (e.g. an SNS sign-in in progress):
 * encrypted and authenticated with a key derived from SECRET_KEY, so any web process can read it back
 * and nobody can read or forge it. Carries its own expiry.
 */
export function sealJson(serverSecret: string, purpose: string, value: unknown, expiresAt: Date): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', keyFor(serverSecret, purpose), iv);
  const sealed = Buffer.concat([
    cipher.update(JSON.stringify({ value, exp: expiresAt.getTime() }), 'utf8'),
    cipher.final(),
  ]);
  return [iv, cipher.getAuthTag(), sealed].map((b) => b.toString('base64url')).join('.');
}

/** The value, or null when the box was tampered with, sealed for another purpose, or has expired. */
export function openJson<T>(
  serverSecret: string,
  purpose: string,
  box: string | undefined | null,
  now: Date,
): T | null {
  if (!box || box.length > 4096) return null;
  try {
    const [iv, tag, sealed] = box.split('.').map((part) => Buffer.from(part, 'base64url'));
    if (tag.length !== 16) return null;
    const decipher = createDecipheriv('aes-256-gcm', keyFor(serverSecret, purpose), iv, { authTagLength: 16 });
    decipher.setAuthTag(tag);
    const { value, exp } = JSON.parse(Buffer.concat([decipher.update(sealed), decipher.final()]).toString('utf8')) as {
      value: T;
      exp: number;
    };
    return exp > now.getTime() ? value : null;
  } catch {
    return null;
  }
}
