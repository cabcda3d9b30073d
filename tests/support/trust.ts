import { execFileSync } from 'node:child_process';
import { desc } from 'drizzle-orm';
import { smsOutbox } from '../../src/security/schema';
import { TestClient } from './client';
import type { TestContext } from './context';
import { createMember, DEFAULT_PASSWORD } from './factories';

export function totpCodeAt(secret: string, at: Date): string {
  const when = at
    .toISOString()
    .replace('T', ' ')
    .replace(/\.\d+Z$/, ' UTC');
  return execFileSync('oathtool', ['--totp', '--base32', '-N', when, secret]).toString().trim();
}

/** Turns on an authenticator app through the settings page (codes from oathtool); returns the logged-in client and secret. */
export async function enableTotp(ctx: TestContext, member: { email: string }, loggedIn?: TestClient) {
  const client = loggedIn ?? new TestClient(ctx);
  if (!loggedIn) await client.logIn(member.email, DEFAULT_PASSWORD);
  const setup = await client.get('/settings/security/totp');
  const secret = setup.text.match(/data-testid="totp-secret"[^>]*>([A-Z2-7 ]+)</)![1].replace(/ /g, '');
  await client.post('/settings/security/totp', { code: totpCodeAt(secret, ctx.clock.now()) });
  return { client, secret };
}

/** Adds a phone number the way a member does: an app first, then the number and the texted code. Returns the confirm response. */
export async function verifyPhone(ctx: TestContext, member: { email: string }, phone: string) {
  const { client } = await enableTotp(ctx, member);
  const sent = await client.post('/settings/security/phone', { phone });
  if (sent.status !== 200) return sent;
  const [text] = await ctx.deps.db.select().from(smsOutbox).orderBy(desc(smsOutbox.createdAt)).limit(1);
  return client.post('/settings/security/phone/confirm', { code: text.body.match(/(\d{6})/)![1] });
}

/** An operator whose session passed two-step verification, as the console requires. */
export async function operatorClient(ctx: TestContext) {
  const operator = await createMember(ctx, { role: 'operator' });
  const { client, secret } = await enableTotp(ctx, operator);
  // The session predates the factor: it confirms with a fresh code (the next 30-second step).
  ctx.clock.advance(30_000);
  const confirmed = await client.post('/settings/reauth', {
    next: '/admin',
    code: totpCodeAt(secret, ctx.clock.now()),
  });
  if (confirmed.location !== '/admin') throw new Error(`operator confirmation failed: ${confirmed.status}`);
  return Object.assign(client, { member: operator, totpSecret: secret });
}
