import { spawn } from 'node:child_process';
import { loadAverage } from '../cpu';
import { jsonFromProcess, round, type Row, type Target } from '../lib';

const MESSAGES = Number(process.env.BENCH_EXPORT_MESSAGES ?? 300_000);
const ATTACHMENTS = Number(process.env.BENCH_EXPORT_ATTACHMENTS ?? 200);

/** s3rver in its own process, so its buffers do not count in this process's memory. */
async function s3rverProcess(): Promise<{ env: Record<string, string>; stop(): void }> {
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      '-e',
      "import('./tests/support/s3Server.ts').then(async (m) => { const s = await m.startS3Server('bench-exports'); console.log(JSON.stringify(s.env)); process.on('SIGTERM', async () => { await s.close(); process.exit(0); }); })",
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const env = await new Promise<Record<string, string>>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk) => {
      out += chunk;
      if (out.includes('\n')) resolve(JSON.parse(out));
    });
    child.once('exit', () => reject(new Error('s3rver did not start')));
  });
  return { env, stop: () => child.kill('SIGTERM') };
}

type ExportFigures = {
  messages: number;
  rooms: number;
  attachmentsMb: number;
  seconds: number;
  zipMb: number;
  peakGrowthMb: number;
};

/** bench/exportProcess.ts in a fresh process with --expose-gc, so nothing earlier counts in its memory. */
function exportInFreshProcess(target: Target, storeEnv: Record<string, string>) {
  return jsonFromProcess<ExportFigures>(['--expose-gc', '--import', 'tsx', 'bench/exportProcess.ts'], {
    ...process.env,
    ...target.env,
    ...storeEnv,
  });
}

/**
 * An export of a member with MESSAGES messages (100 to a room) and ATTACHMENTS × 1 MB photos, built into
 * the folder and into a bucket, each in a fresh process.
 */
export async function benchExport(target: Target, kind: 'pglite' | 'postgres') {
  const rows: Row[] = [];
  const figures: Record<string, object> = {};
  const s3 = await s3rverProcess();
  try {
    const stores = process.env.BENCH_EXPORT_STORES?.split(',') ?? ['folder', 's3'];
    for (const [store, env] of [
      ['folder', {}],
      ['s3', s3.env],
    ] as const) {
      if (!stores.includes(store)) continue;
      const result = await exportInFreshProcess(target, env);
      const label = `export ${round(MESSAGES / 1000)}k messages + ${ATTACHMENTS} × 1 MB (${store}, load average ${loadAverage()})`;
      const perSecond = Math.round(result.messages / result.seconds);
      rows.push(
        {
          database: kind,
          measure: `${label}: s, messages/s`,
          value: `${round(result.seconds, 2)} s, ${perSecond.toLocaleString('en')}/s`,
          target: kind === 'postgres' ? '≥ 30,000/s' : '≥ 10,000/s',
        },
        {
          database: kind,
          measure: `${label}: peak RSS growth`,
          value: `${round(result.peakGrowthMb, 1)} MB (ZIP ${round(result.zipMb)} MB)`,
          target: '< 50 MB',
        },
      );
      figures[`export_${store}`] = { ...result, messagesPerSecond: perSecond };
    }
  } finally {
    s3.stop();
  }
  return { rows, figures };
}
