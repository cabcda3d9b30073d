import { spawn, type ChildProcess } from 'node:child_process';
import { hash, verify } from '@node-rs/argon2';
import { cpuMs, loadAverage, postgresCpuMeter } from '../cpu';
import { createTarget, freePort, load, round, startApp, type LoadResult, type Row, type Target } from '../lib';
import { signUpAndLogIn } from './accounts';

// Wazaichi beside better-auth on the same work: the same PostgreSQL server, the same argon2id cost, the
// load from this process, each taking turns (rounds interleaved) so both meet the same machine state.
const PASSWORD = 'bench tea garden at sunrise';
const ROUNDS = Number(process.env.BENCH_PEER_ROUNDS ?? 3);
const CONCURRENCY = 4;

type Measured = { rps: number; nodeMsPerReq: number; pgMsPerReq: number; failures: number };

/** Runs a load and charges the CPU that the server process and PostgreSQL spent to each answered request. */
async function measured(
  server: { pid: number; databaseUrl: string },
  run: () => Promise<LoadResult>,
): Promise<Measured> {
  const node0 = cpuMs(server.pid);
  const pgSpent = await postgresCpuMeter(server.databaseUrl);
  const r = await run();
  const pgMs = await pgSpent();
  const answered = Math.max(1, r.total - r.non2xx - r.errors);
  return {
    rps: r.rps,
    nodeMsPerReq: (cpuMs(server.pid) - node0) / answered,
    pgMsPerReq: pgMs / answered,
    failures: r.non2xx + r.errors,
  };
}

async function startBetterAuth(target: Target): Promise<{ baseUrl: string; child: ChildProcess; stop(): void }> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'bench/peer/betterAuthServer.ts'], {
    env: { ...process.env, ...target.env, PORT: String(port), NODE_ENV: 'production' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => chunk.toString().includes('ready') && resolve());
    child.once('exit', (code) => reject(new Error(`better-auth exited with ${code}`)));
    setTimeout(() => reject(new Error('better-auth did not start within 60 s')), 60_000).unref();
  });
  return { baseUrl: `http://localhost:${port}`, child, stop: () => child.kill('SIGKILL') };
}

async function betterAuthSignUp(baseUrl: string): Promise<string> {
  const res = await fetch(`${baseUrl}/api/auth/sign-up/email`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: baseUrl },
    body: JSON.stringify({ email: 'peer@example.test', password: PASSWORD, name: 'Peer' }),
  });
  if (!res.ok) throw new Error(`better-auth sign-up failed: ${res.status} ${await res.text()}`);
  return res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
}

async function rawArgon2(seconds: number): Promise<Measured> {
  const stored = await hash(PASSWORD, { algorithm: 2, memoryCost: 19456, timeCost: 2, parallelism: 1 });
  let done = 0;
  const until = Date.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (Date.now() < until) {
        await verify(stored, PASSWORD);
        done += 1;
      }
    }),
  );
  return { rps: round(done / seconds, 1), nodeMsPerReq: 0, pgMsPerReq: 0, failures: 0 };
}

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const summary = (ms: Measured[]) => ({
  rps: round(mean(ms.map((m) => m.rps)), 1),
  node: round(mean(ms.map((m) => m.nodeMsPerReq))),
  pg: round(mean(ms.map((m) => m.pgMsPerReq))),
  failures: ms.reduce((a, m) => a + m.failures, 0),
});

export async function benchPeer(kind: 'pglite' | 'postgres') {
  if (kind !== 'postgres') return { rows: [] as Row[], figures: {} };
  const appTarget = (await createTarget('postgres'))!;
  const peerTarget = (await createTarget('postgres'))!;
  const app = await startApp(appTarget);
  const peer = await startBetterAuth(peerTarget);
  try {
    const { session, email } = await signUpAndLogIn(app, 'peer');
    const peerCookie = await betterAuthSignUp(peer.baseUrl);
    // A returning browser without a session, as in the accounts section.
    const returning = new (session.constructor as typeof import('../lib').Session)(app.baseUrl);
    for (const [k, v] of session.cookies) if (!k.includes('session')) returning.cookies.set(k, v);
    await returning.request('/login');
    const wazaichiLogin = () =>
      load({
        url: `${app.baseUrl}/login`,
        method: 'POST',
        connections: CONCURRENCY,
        headers: { cookie: returning.cookieHeader, 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ _csrf: returning.csrf, email, password: PASSWORD }).toString(),
        expectedStatus: 303,
      } as never);
    const peerLogin = () =>
      load({
        url: `${peer.baseUrl}/api/auth/sign-in/email`,
        method: 'POST',
        connections: CONCURRENCY,
        headers: { 'content-type': 'application/json', origin: peer.baseUrl },
        body: JSON.stringify({ email: 'peer@example.test', password: PASSWORD }),
        expectedStatus: 200,
      } as never);
    const ourServer = { pid: app.child.pid!, databaseUrl: appTarget.env.DATABASE_URL };
    const peerServer = { pid: peer.child.pid!, databaseUrl: peerTarget.env.DATABASE_URL };
    const raw: Measured[] = [];
    const ours: Measured[] = [];
    const theirs: Measured[] = [];
    const loads: string[] = [];
    for (let round_ = 0; round_ < ROUNDS; round_ += 1) {
      raw.push(await rawArgon2(5));
      theirs.push(await measured(peerServer, peerLogin));
      ours.push(await measured(ourServer, wazaichiLogin));
      loads.push(loadAverage());
    }
    // What being logged in costs: the same request with and without the session cookie.
    const visitorPage = await measured(ourServer, () => load({ url: `${app.baseUrl}/`, connections: 10 }));
    const memberPage = await measured(ourServer, () =>
      load({ url: `${app.baseUrl}/`, connections: 10, headers: { cookie: session.cookieHeader } }),
    );
    const peerNoSession = await measured(peerServer, () =>
      load({ url: `${peer.baseUrl}/api/auth/get-session`, connections: 10 }),
    );
    const peerSession = await measured(peerServer, () =>
      load({ url: `${peer.baseUrl}/api/auth/get-session`, connections: 10, headers: { cookie: peerCookie } }),
    );
    const r = summary(raw);
    const o = summary(ours);
    const t = summary(theirs);
    const oursSessionMs =
      memberPage.nodeMsPerReq + memberPage.pgMsPerReq - (visitorPage.nodeMsPerReq + visitorPage.pgMsPerReq);
    const theirsSessionMs =
      peerSession.nodeMsPerReq + peerSession.pgMsPerReq - (peerNoSession.nodeMsPerReq + peerNoSession.pgMsPerReq);
    const figures = {
      rawArgon2PerSec: r.rps,
      wazaichiLoginsPerSec: o.rps,
      betterAuthSignInsPerSec: t.rps,
      loginRatio: round(o.rps / t.rps),
      wazaichiNodeMsPerLogin: o.node,
      wazaichiPgMsPerLogin: o.pg,
      betterAuthNodeMsPerSignIn: t.node,
      betterAuthPgMsPerSignIn: t.pg,
      wazaichiSessionCheckMs: round(oursSessionMs),
      betterAuthSessionCheckMs: round(theirsSessionMs),
      sessionCheckRatio: round(oursSessionMs / theirsSessionMs),
      failures: o.failures + t.failures,
      loadAverages: loads,
    };
    const rows: Row[] = [
      {
        database: kind,
        measure: `raw argon2id verifies/s (${CONCURRENCY} at once, mean of ${ROUNDS})`,
        value: String(r.rps),
        target: '',
      },
      {
        database: kind,
        measure: 'better-auth sign-ins/s; Node + PG ms each',
        value: `${t.rps}; ${t.node} + ${t.pg}`,
        target: '',
      },
      {
        database: kind,
        measure: 'Wazaichi logins/s; Node + PG ms each',
        value: `${o.rps}; ${o.node} + ${o.pg}`,
        target: 'PG ≤ 2.5 ms',
      },
      {
        database: kind,
        measure: 'Wazaichi / better-auth sign-ins per second',
        value: String(figures.loginRatio),
        target: '≥ 1.05',
      },
      {
        database: kind,
        measure: 'CPU ms a session check adds: Wazaichi vs better-auth',
        value: `${figures.wazaichiSessionCheckMs} vs ${figures.betterAuthSessionCheckMs}`,
        target: '',
      },
      {
        database: kind,
        measure: 'session check CPU, Wazaichi / better-auth',
        value: String(figures.sessionCheckRatio),
        target: '≤ 0.5',
      },
      { database: kind, measure: 'load average after each round', value: loads.join(' | '), target: '' },
    ];
    if (figures.failures > 0)
      rows.push({ database: kind, measure: 'FAILED sign-ins', value: String(figures.failures), target: '0' });
    return { rows, figures };
  } finally {
    peer.stop();
    await app.stop();
    await appTarget.cleanup();
    await peerTarget.cleanup();
  }
}
