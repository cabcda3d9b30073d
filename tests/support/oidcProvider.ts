import type { Server } from 'node:http';
import Provider from 'oidc-provider';
import type { TestClient } from './client';

export const TEST_CLIENT_ID = 'wazaichi-test';
const TEST_CLIENT_SECRET = 'wazaichi-test-client-secret-0123456789';

/**
 * A real, certified OpenID provider (the oidc-provider package) on localhost. Its development login page
 * accepts any login name: that name is the subject; the address is <name>@example.test, confirmed unless
 * the name starts with "unverified". Consent is granted without a page (a first-party client).
 */
export async function startOidcProvider(options: {
  port: number;
  redirectUris: string[];
}): Promise<{ issuer: string; close(): Promise<void> }> {
  const issuer = `http://localhost:${options.port}`;
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: TEST_CLIENT_ID,
        client_secret: TEST_CLIENT_SECRET,
        redirect_uris: options.redirectUris,
        grant_types: ['authorization_code'],
        response_types: ['code'],
      },
    ],
    async findAccount(_ctx, id) {
      return {
        accountId: id,
        async claims() {
          return {
            sub: id,
            email: id.includes('@') ? id : `${id}@example.test`,
            email_verified: !id.startsWith('unverified'),
            name: `SNSの${id}`,
          };
        },
      };
    },
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
    scopes: ['openid', 'email', 'profile'],
    // Email and name in the ID token itself, as Google, LINE and Apple send them.
    conformIdTokenClaims: false,
    pkce: { required: () => true },
    cookies: { keys: ['test-oidc-cookie-key'] },
    ttl: { Interaction: 600, Session: 3600, Grant: 3600, AccessToken: 600, IdToken: 600, AuthorizationCode: 60 },
    async loadExistingGrant(ctx) {
      const grantId = ctx.oidc.result?.consent?.grantId ?? ctx.oidc.session!.grantIdFor(ctx.oidc.client!.clientId);
      if (grantId) return ctx.oidc.provider.Grant.find(grantId);
      const grant = new ctx.oidc.provider.Grant({
        clientId: ctx.oidc.client!.clientId,
        accountId: ctx.oidc.session!.accountId,
      });
      grant.addOIDCScope('openid email profile');
      await grant.save();
      return grant;
    },
  });
  const server: Server = provider.listen(options.port);
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  return {
    issuer,
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/** The app's settings for that provider. */
export function snsProviderEnv(issuer: string): Record<string, string> {
  return {
    SNS_PROVIDERS: JSON.stringify([
      { id: 'local', name: 'テストSNS', issuer, clientId: TEST_CLIENT_ID, clientSecret: TEST_CLIENT_SECRET },
    ]),
  };
}

/**
 * Walks an SNS sign-in the way a browser would, without one: the app's start button, the provider's
 * login page (real HTTP, its own cookies), and back to the app's callback. Returns the app's answer.
 */
export async function signInAtProvider(
  client: TestClient,
  login: string,
  form: Record<string, string> = { intent: 'login' },
) {
  const started = await client.post('/auth/local/start', form);
  if (!started.location?.startsWith('http')) return started;
  const jar = new Map<string, string>();
  let url = new URL(started.location);
  let init: RequestInit = {};
  for (let hop = 0; hop < 20; hop += 1) {
    if (url.pathname === '/auth/local/callback') return client.get(url.pathname + url.search);
    const res = await fetch(url, {
      ...init,
      redirect: 'manual',
      headers: {
        ...(init.headers as Record<string, string>),
        cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; '),
      },
    });
    for (const cookie of res.headers.getSetCookie()) {
      const [pair] = cookie.split(';');
      const at = pair.indexOf('=');
      jar.set(pair.slice(0, at), pair.slice(at + 1));
    }
    const location = res.headers.get('location');
    if (location) {
      await res.arrayBuffer();
      url = new URL(location, url);
      init = {};
      continue;
    }
    const html = await res.text();
    const action = html.match(/<form[^>]*action="([^"]+)"/)?.[1];
    if (!action || !html.includes('name="login"')) throw new Error(`unexpected provider page: ${html.slice(0, 300)}`);
    url = new URL(action.replace(/&amp;/g, '&'), url);
    init = {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ prompt: 'login', login, password: 'any' }).toString(),
    };
  }
  throw new Error('too many redirects at the provider');
}
