import { expect, it } from 'vitest';
import { createMember } from '../../../tests/support/factories';
import { asCurrent } from '../../../tests/support/marketplace';
import { describeOnDatabases } from '../../../tests/support/suites';
import { loginOptions, registrationOptions, verifyPasskeyLogin } from './passkeys';

describeOnDatabases('passkey options', (ctx) => {
  it('asks for a resident key with user verification, no attestation, 5 minutes, and a user id with nothing personal', async () => {
    const member = await createMember(ctx());
    const { options } = await registrationOptions(ctx().deps, asCurrent(member));
    expect(Buffer.from(options.challenge, 'base64url').length).toBeGreaterThanOrEqual(16);
    expect(options.timeout).toBe(300_000);
    expect(options.attestation).toBe('none');
    expect(options.authenticatorSelection).toMatchObject({ residentKey: 'required', userVerification: 'required' });
    expect(options.rp.id).toBe('localhost');
    const userId = Buffer.from(options.user.id, 'base64url');
    expect(userId.length).toBeLessThanOrEqual(64);
    expect(userId.toString('utf8')).not.toContain(member.username);
    expect(userId.toString('hex')).not.toContain(member.id.replace(/-/g, ''));
    // The same member keeps one user handle across registrations.
    expect((await registrationOptions(ctx().deps, asCurrent(member))).options.user.id).toBe(options.user.id);
  });

  it('refuses an answer to a challenge that does not exist or was already used', async () => {
    const { challengeId } = await loginOptions(ctx().deps);
    const forged = { id: 'x', rawId: 'x', type: 'public-key', response: {}, clientExtensionResults: {} } as never;
    expect(await verifyPasskeyLogin(ctx().deps, { challengeId, response: forged })).toBeNull();
    expect(await verifyPasskeyLogin(ctx().deps, { challengeId, response: forged })).toBeNull();
  });
});
