import { spawn } from 'node:child_process';
import { loadAverage } from '../cpu';
import { round, type Row, type Target } from '../lib';

/** The idle app's CPU, in a process of its own (see bench/idleApp.ts). */
export async function benchIdle(target: Target, kind: string): Promise<{ rows: Row[]; figures: object }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'bench/idleApp.ts'], {
    env: { ...process.env, ...target.env, SECRET_KEY: 'bench-secret-key-bench-secret-key-0123456789' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  child.stdout!.on('data', (chunk) => (out += chunk));
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  const line = out.trim().split('\n').pop() ?? '';
  if (code !== 0 || !line.startsWith('{')) throw new Error(`idle app exited with ${code}: ${out.slice(-200)}`);
  const { idleMsPerSecond } = JSON.parse(line) as { idleMsPerSecond: number };
  return {
    rows: [
      {
        database: kind,
        measure: `idle app CPU, JavaScript thread (load average ${loadAverage()})`,
        value: `${round(idleMsPerSecond, 1)} ms/s`,
        target: kind === 'pglite' ? '≤ 5 ms/s' : '',
      },
    ],
    figures: { idleMsPerSecond },
  };
}
