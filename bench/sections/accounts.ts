import { availableParallelism } from 'node:os';
import { verify, hash } from '@node-rs/argon2';
import { load, round, Session, type AppProcess, type Row } from '../lib';

const PASSWORD = 'bench tea garden at sunrise';

/** Signs a member up and logs in over HTTP, as a browser would. */
export async function signUpAndLogIn(app: AppProcess, tag: string) {
  const session = new Session(app.baseUrl);
  const email = `bench-${tag}@example.test`;
  const displayName = `ベンチ会員${tag}`;
  const signup = await session.signUp({ email, username: `bench_${tag}`, displayName, password: PASSWORD });
  if (signup.status !== 200) throw new Error(`sign-up failed: ${signup.status}`);
  const login = await session.request('/login', { email, password: PASSWORD });
  if (login.status !== 303) throw new Error(`login failed: ${login.status}`);
  return { session, email, displayName };
}

/** Argon2id verifications per second on this machine, with the app's parameters and the given concurrency. */
async function rawArgon2PerSecond(concurrency: number, seconds: number): Promise<number> {
  const stored = await hash(PASSWORD, { algorithm: 2, memoryCost: 19456, timeCost: 2, parallelism: 1 });
  let done = 0;
  const until = Date.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (Date.now() < until) {
        await verify(stored, PASSWORD);
        done += 1;
      }
    }),
  );
  return done / seconds;
}

export async function benchAccounts(app: AppProcess, database: string) {
  const { session, email, displayName } = await signUpAndLogIn(app, `${database}a`);
  const home = await session.request('/');
  if (!home.text.includes(displayName)) throw new Error('logged-in home page does not show the member');
  const loggedIn = await load({ url: `${app.baseUrl}/`, connections: 10, headers: { cookie: session.cookieHeader } });
  const anonymous = await load({ url: `${app.baseUrl}/`, connections: 10 });
  // A returning browser: it has its device cookie from an earlier login (a new device would get a
  // "new login" mail each time), and no session.
  const visitor = new Session(app.baseUrl);
  await visitor.request('/login');
  await visitor.request('/login', { email, password: PASSWORD });
  for (const name of [...visitor.cookies.keys()]) if (name.includes('session')) visitor.cookies.delete(name);
  await visitor.request('/login');
  const loginConcurrency = 4;
  const logins = await load({
    url: `${app.baseUrl}/login`,
    method: 'POST',
    connections: loginConcurrency,
    headers: { cookie: visitor.cookieHeader, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ _csrf: visitor.csrf, email, password: PASSWORD }).toString(),
    expectedStatus: 303,
  } as never);
  const argon2 = await rawArgon2PerSecond(loginConcurrency, 5);
  const figures = {
    pageLoggedInRps: loggedIn.rps,
    pageLoggedInP99Ms: loggedIn.p99,
    pageAnonRps: anonymous.rps,
    pageAnonP99Ms: anonymous.p99,
    pageRatio: round(loggedIn.rps / anonymous.rps),
    pageErrors: loggedIn.non2xx + anonymous.non2xx + loggedIn.errors + anonymous.errors,
    loginsPerSec: round(logins.rps, 1),
    loginFailures: logins.non2xx + logins.errors,
    argon2PerSec: round(argon2, 1),
    loginRatio: round(logins.rps / argon2),
    cores: availableParallelism(),
  };
  const rows: Row[] = [
    {
      database,
      measure: 'home page, logged in: req/s (p99 ms)',
      value: `${figures.pageLoggedInRps} (${figures.pageLoggedInP99Ms})`,
      target: '',
    },
    {
      database,
      measure: 'home page, visitor: req/s (p99 ms)',
      value: `${figures.pageAnonRps} (${figures.pageAnonP99Ms})`,
      target: '',
    },
    { database, measure: 'logged-in / visitor req/s', value: String(figures.pageRatio), target: '≥ 0.6' },
    { database, measure: 'logins/s (4 connections)', value: String(figures.loginsPerSec), target: '' },
    { database, measure: 'raw argon2id verifies/s (4 at once)', value: String(figures.argon2PerSec), target: '' },
    { database, measure: 'logins / argon2id', value: String(figures.loginRatio), target: '≥ 0.85' },
  ];
  if (figures.pageErrors > 0 || figures.loginFailures > 0) {
    rows.push({
      database,
      measure: 'unexpected responses',
      value: `${figures.pageErrors} page, ${figures.loginFailures} login`,
      target: '0',
    });
  }
  return { figures, rows };
}
