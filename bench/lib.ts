import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import pg from 'pg';

export const POSTGRES_ADMIN_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

export type Target = { kind: 'pglite' | 'postgres'; env: Record<string, string>; cleanup(): Promise<void> };

/** A fresh embedded data folder, or a fresh database on the PostgreSQL server (null when the server is away). */
export async function createTarget(kind: 'pglite' | 'postgres'): Promise<Target | null> {
  if (kind === 'pglite') {
    const dir = mkdtempSync(join(tmpdir(), 'wz-bench-'));
    return { kind, env: { DATA_DIR: dir }, cleanup: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  const admin = new pg.Client({ connectionString: POSTGRES_ADMIN_URL, connectionTimeoutMillis: 3000 });
  try {
    await admin.connect();
  } catch {
    return null;
  }
  const name = `wz_bench_${randomBytes(5).toString('hex')}`;
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(POSTGRES_ADMIN_URL);
  url.pathname = `/${name}`;
  const dir = mkdtempSync(join(tmpdir(), 'wz-bench-'));
  return {
    kind,
    env: { DATABASE_URL: url.toString(), DATA_DIR: dir },
    cleanup: async () => {
      const c = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export type AppProcess = { baseUrl: string; child: ChildProcess; stop(): Promise<void> };

const children = new Set<ChildProcess>();
process.on('exit', () => {
  for (const child of children) child.kill('SIGKILL');
});

/** The app as its own process (`tsx src/main.ts all`), as production runs it. */
export async function startApp(target: Target, extraEnv: Record<string, string> = {}): Promise<AppProcess> {
  const port = await freePort();
  const baseUrl = `http://localhost:${port}`;
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts', 'all'], {
    env: {
      ...process.env,
      ...target.env,
      PORT: String(port),
      BASE_URL: baseUrl,
      NODE_ENV: 'production',
      SECRET_KEY: 'bench-secret-key-bench-secret-key-0123456789', // twoFactor.ts seals TOTP secrets with the same key
      SEED_DEMO: 'never',
      LOG_LEVEL: 'warn',
      // The bench logs in thousands of times from one address; the per-IP and per-address limits would answer instead.
      LOGIN_LIMIT_PER_IP: '1000000000',
      LOGIN_LIMIT_PER_ADDRESS: '1000000000',
      ...extraEnv,
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  children.add(child);
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`app exited with ${child.exitCode}`);
    try {
      if ((await fetch(`${baseUrl}/healthz`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error('app did not start within 60 s');
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    baseUrl,
    child,
    stop: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 10_000).unref();
        children.delete(child);
      }),
  };
}

/** A browser-like session: cookies and the CSRF token of the last page. */
export class Session {
  cookies = new Map<string, string>();
  csrf = '';
  constructor(private baseUrl: string) {}
  get cookieHeader() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }
  async request(path: string, form?: Record<string, string>) {
    const res = await fetch(this.baseUrl + path, {
      method: form ? 'POST' : 'GET',
      redirect: 'manual',
      headers: { cookie: this.cookieHeader, ...(form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}) },
      body: form ? new URLSearchParams({ _csrf: this.csrf, ...form }).toString() : undefined,
    });
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const i = pair.indexOf('=');
      this.cookies.set(pair.slice(0, i), pair.slice(i + 1));
    }
    const text = await res.text();
    const token = text.match(/name="_csrf" value="([^"]+)"/);
    if (token) this.csrf = token[1];
    return { status: res.status, text, location: res.headers.get('location') };
  }

  /** The sign-up form as a person fills it: the page first, then the fields, agreeing to the terms version shown. */
  async signUp(fields: { email: string; username: string; displayName: string; password: string }) {
    const page = await this.request('/signup');
    const termsVersion = page.text.match(/name="termsVersion" value="([^"]+)"/)?.[1];
    if (!termsVersion) throw new Error(`sign-up page without a terms version (${page.status})`);
    return this.request('/signup', { ...fields, agree: 'on', age: 'adult', termsVersion });
  }
}

export type LoadResult = { rps: number; p50: number; p99: number; non2xx: number; errors: number; total: number };

/** Load from this process against the app process: autocannon, after a short warm-up. */
export async function load(options: autocannon.Options & { warmupSeconds?: number }): Promise<LoadResult> {
  const { warmupSeconds = 2, ...opts } = options;
  if (warmupSeconds > 0) await autocannon({ ...opts, duration: warmupSeconds });
  const r = await autocannon({ duration: SECONDS, ...opts });
  const expected = (opts as { expectedStatus?: number }).expectedStatus;
  return {
    rps: Math.round(r.requests.average),
    p50: r.latency.p50,
    p99: r.latency.p99,
    non2xx: expected
      ? r.requests.total - ((r.statusCodeStats as Record<string, { count: number }>)[String(expected)]?.count ?? 0)
      : r.non2xx,
    errors: r.errors + r.timeouts,
    total: r.requests.total,
  };
}

export type Row = { database: string; measure: string; value: string; target: string };

export function printTable(rows: Row[]) {
  const headers: Row = { database: 'database', measure: 'measure', value: 'value', target: 'target' };
  const widths = (Object.keys(headers) as (keyof Row)[]).map((k) =>
    Math.max(...[headers, ...rows].map((r) => [...r[k]].length)),
  );
  const line = (r: Row) =>
    `| ${(Object.keys(headers) as (keyof Row)[]).map((k, i) => r[k] + ' '.repeat(widths[i] - [...r[k]].length)).join(' | ')} |`;
  console.log(line(headers));
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const r of rows) console.log(line(r));
}

export const round = (n: number, digits = 2) => Math.round(n * 10 ** digits) / 10 ** digits;

/** A bench script in a process of its own; its last stdout line is its JSON figures. */
export async function jsonFromProcess<T>(args: string[], env: Record<string, string | undefined>): Promise<T> {
  const child = spawn(process.execPath, args, { env, stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout!.on('data', (chunk) => (out += chunk));
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  const line = out.trim().split('\n').pop() ?? '';
  if (code !== 0 || !line.startsWith('{')) throw new Error(`${args.at(-1)} exited with ${code}: ${out.slice(-300)}`);
  return JSON.parse(line);
}
