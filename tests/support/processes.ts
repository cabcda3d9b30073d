import { spawn, type ChildProcess } from 'node:child_process';
import { freePort } from './httpServer';

export type AppProcess = {
  role: 'all' | 'web' | 'worker';
  /** http://127.0.0.1:PORT for web and all; the worker listens on nothing. */
  baseUrl: string;
  child: ChildProcess;
  /** Resolves with the exit code once the process has ended. */
  exited: Promise<number | null>;
  /** What the process wrote (for a failure message). */
  output(): string;
  /** How many readiness probes got an answer while starting (they count among the requests the process read). */
  probesAnswered: number;
  /** SIGTERM, then the exit code. */
  stop(): Promise<number | null>;
};

const ROOT = new URL('../..', import.meta.url).pathname;
const MAIN = new URL('../../src/main.ts', import.meta.url).pathname;

/**
 * `src/main.ts ROLE` (through tsx) as its own process, the way a deployment runs it; resolves once a web process
 * answers /readyz (a worker: once it logged that it started).
 */
export async function startAppProcess(
  role: AppProcess['role'],
  env: Record<string, string>,
  options: { port?: number; startTimeoutMs?: number } = {},
): Promise<AppProcess> {
  const port = options.port ?? (await freePort());
  const baseUrl = env.BASE_URL ?? `http://127.0.0.1:${port}`;
  let output = '';
  // node --import tsx rather than the tsx command: one process, so SIGTERM reaches the app itself.
  const child = spawn(process.execPath, ['--import', 'tsx', MAIN, role], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      // development, not test: the test logger is silent, and the worker is known to be up by its log line.
      NODE_ENV: 'development',
      SECRET_KEY: 'test-secret-key-test-secret-key-0123456789',
      SEED_DEMO: 'never',
      LOG_LEVEL: 'info',
      PORT: String(port),
      BASE_URL: baseUrl,
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const proc: AppProcess = {
    role,
    baseUrl: `http://127.0.0.1:${port}`,
    child,
    exited,
    output: () => output,
    probesAnswered: 0,
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      return exited;
    },
  };
  const deadline = Date.now() + (options.startTimeoutMs ?? 90_000);
  let ended = false;
  void exited.then(() => (ended = true));
  for (;;) {
    if (ended) throw new Error(`${role} process exited while starting:\n${output}`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`${role} process did not start in time:\n${output}`);
    }
    if (role === 'worker') {
      if (/"msg":"started"/.test(output)) return proc;
    } else {
      const status = await probe(`${proc.baseUrl}/readyz`);
      if (status) proc.probesAnswered += 1;
      if (status === 200) return proc;
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** The status of a GET, or null when nothing answered. */
async function probe(url: string): Promise<number | null> {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(2000) });
    await res.arrayBuffer();
    return res.status;
  } catch {
    return null;
  }
}
