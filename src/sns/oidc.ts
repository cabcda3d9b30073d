import * as client from 'openid-client';
import type { SnsProviderSettings } from '../platform/config';

/** What one sign-in at a provider proves: who (subject), and the address it vouches for, if any. */
export type SnsClaims = {
  provider: string;
  subject: string;
  email: string | null;
  emailVerified: boolean;
  name: string | null;
};

/** What must come back unchanged from the provider: checked by openid-client at the code exchange. */
export type AuthorizationCheck = { state: string; nonce: string; verifier: string };

// Discovery documents per issuer: public metadata, safe to cache per process (no member state).
const discovered = new Map<string, Promise<client.Configuration>>();

function configurationOf(provider: SnsProviderSettings): Promise<client.Configuration> {
  const key = `${provider.issuer}|${provider.clientId}`;
  let found = discovered.get(key);
  if (!found) {
    // Plain http is refused in production by the settings check; here it is the developer's own provider.
    const options = provider.issuer.startsWith('http://')
      ? { execute: [client.allowInsecureRequests], timeout: 10 }
      : { timeout: 10 };
    found = client.discovery(new URL(provider.issuer), provider.clientId, provider.clientSecret, undefined, options);
    // A provider that was down is asked again next time.
    found.catch(() => discovered.delete(key));
    discovered.set(key, found);
  }
  return found;
}

/** The provider's sign-in page, with PKCE (S256), state and nonce. */
export async function authorizationUrl(
  provider: SnsProviderSettings,
  redirectUri: string,
  loginHint?: string,
): Promise<{ url: URL; check: AuthorizationCheck }> {
  const config = await configurationOf(provider);
  const check = { state: client.randomState(), nonce: client.randomNonce(), verifier: client.randomPKCECodeVerifier() };
  const url = client.buildAuthorizationUrl(config, {
    redirect_uri: redirectUri,
    scope: 'openid email profile',
    code_challenge: await client.calculatePKCECodeChallenge(check.verifier),
    code_challenge_method: 'S256',
    state: check.state,
    nonce: check.nonce,
    ...(loginHint ? { login_hint: loginHint } : {}),
  });
  return { url, check };
}

/** Exchanges the code; openid-client checks issuer, state, nonce, PKCE and the ID token's signature. */
export async function completeAuthorization(
  provider: SnsProviderSettings,
  callbackUrl: URL,
  check: AuthorizationCheck,
): Promise<SnsClaims> {
  const config = await configurationOf(provider);
  const tokens = await client.authorizationCodeGrant(config, callbackUrl, {
    pkceCodeVerifier: check.verifier,
    expectedState: check.state,
    expectedNonce: check.nonce,
    idTokenExpected: true,
  });
  const claims = tokens.claims()!;
  const email = typeof claims.email === 'string' ? claims.email.trim().toLowerCase() : null;
  return {
    provider: provider.id,
    subject: claims.sub,
    email,
    emailVerified: email !== null && claims.email_verified === true,
    name: typeof claims.name === 'string' ? claims.name.slice(0, 50) : null,
  };
}
