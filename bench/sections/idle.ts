import { loadAverage } from '../cpu';
import { jsonFromProcess, round, type Row, type Target } from '../lib';

/** The idle app's CPU, in a process of its own (see bench/idleApp.ts). */
export async function benchIdle(target: Target, kind: string): Promise<{ rows: Row[]; figures: object }> {
  const { idleMsPerSecond } = await jsonFromProcess<{ idleMsPerSecond: number }>(
    ['--import', 'tsx', 'bench/idleApp.ts'],
    { ...process.env, ...target.env, SECRET_KEY: 'bench-secret-key-bench-secret-key-0123456789' },
  );
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
