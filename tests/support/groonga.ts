import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer } from 'node:net';

/** Debian's groonga-bin on this machine, or null. */
export function groongaPath(): string | null {
  const found = spawnSync('sh', ['-c', 'command -v groonga'], { encoding: 'utf8' });
  return found.status === 0 ? found.stdout.trim() : null;
}

// Not httpServer's freePort: globalSetup reads groongaPath, and should not load the whole app for it.
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

/** Groonga suites run where groonga is installed, and under CI=true fail (rather than skip) where it is not. */
export const runGroongaSuites = groongaPath() !== null || process.env.CI === 'true';

export type GroongaServer = { url: string; stop(): Promise<void>; start(): Promise<void>; close(): Promise<void> };

/** A Groonga HTTP server of its own, on a free port, with its database in a temporary folder. */
export async function startGroonga(): Promise<GroongaServer> {
  const binary = groongaPath();
  if (!binary) throw new Error('groonga is not installed (apt-get install groonga-bin)');
  const dir = mkdtempSync(join(tmpdir(), 'wz-groonga-'));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  let child: ChildProcess | null = null;
  let created = false;

  async function start() {
    // Options before the database path; -n only the first time (it refuses an existing database).
    const args = ['-s', '--protocol', 'http', '--bind-address', '127.0.0.1', '--port', String(port)];
    child = spawn(binary!, [...args, ...(created ? [] : ['-n']), join(dir, 'db')], { stdio: 'ignore' });
    created = true;
    for (const deadline = Date.now() + 10_000; Date.now() < deadline;) {
      const up = await fetch(`${url}/d/status`).then(
        (r) => r.ok,
        () => false,
      );
      if (up) return;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`groonga did not answer on ${url}`);
  }

  async function stop() {
    const running = child;
    child = null;
    if (!running || running.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      running.once('exit', () => resolve());
      running.kill('SIGTERM');
    });
  }

  await start();
  return {
    url,
    start,
    stop,
    close: async () => {
      await stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
