import { benchAccounts } from './sections/accounts';
import { benchMarketplace } from './sections/marketplace';
import { benchPeer } from './sections/peer';
import { benchTwoFactor } from './sections/twoFactor';
import { benchWithdrawal } from './sections/withdrawal';
import { benchRetention } from './sections/retention';
import { benchSignup } from './sections/signup';
import { benchSearch } from './sections/search';
import { benchExport } from './sections/export';
import { benchStrength } from './sections/strength';
import { benchIdle } from './sections/idle';
import { loadAverage } from './cpu';
import { createTarget, printTable, startApp, type Row, type Target } from './lib';

// npm run bench: figures from one run on this machine, for the embedded database and the PostgreSQL server.
// Each database gets a fresh app process; load comes from this process. Each section prints its table as
// soon as it ends, and a section that fails is reported without losing the others.
type Section = {
  name: string;
  run(target: Target, kind: 'pglite' | 'postgres'): Promise<{ rows: Row[]; figures: object }>;
};

const sections: Section[] = [
  {
    name: 'accounts',
    async run(target, kind) {
      const app = await startApp(target);
      try {
        return await benchAccounts(app, kind);
      } finally {
        await app.stop();
      }
    },
  },
  { name: 'peer', run: (_target, kind) => benchPeer(kind) },
  { name: 'twofactor', run: benchTwoFactor },
  { name: 'withdrawal', run: benchWithdrawal },
  { name: 'retention', run: benchRetention },
  { name: 'signup', run: (_target, kind) => benchSignup(kind) },
  { name: 'marketplace', run: benchMarketplace },
  { name: 'search', run: benchSearch },
  { name: 'export', run: benchExport },
  { name: 'strength', run: (_target, kind) => benchStrength(kind) },
  { name: 'idle', run: benchIdle },
];

const rows: Row[] = [];
const results: Record<string, Record<string, unknown>> = {};
const only = process.env.BENCH_ONLY?.split(',');
const databases = (process.env.BENCH_DATABASES?.split(',') ?? ['pglite', 'postgres']) as ('pglite' | 'postgres')[];
let failed = 0;

for (const kind of databases) {
  const target = await createTarget(kind);
  if (!target) {
    console.log(`(${kind}: server not reachable, skipped)`);
    continue;
  }
  const figures: Record<string, unknown> = {};
  try {
    for (const section of sections) {
      if (only && !only.includes(section.name)) continue;
      const started = Date.now();
      try {
        const result = await section.run(target, kind);
        if (result.rows.length === 0) continue;
        rows.push(...result.rows);
        Object.assign(figures, result.figures);
        console.log(
          `\n${section.name} on ${kind} (${Math.round((Date.now() - started) / 1000)} s, load average ${loadAverage()}):`,
        );
        printTable(result.rows);
      } catch (error) {
        failed += 1;
        const failure = {
          database: kind,
          measure: `${section.name}: FAILED`,
          value: String((error as Error).message).slice(0, 120),
          target: '',
        };
        rows.push(failure);
        console.log(`\n${section.name} on ${kind} FAILED: ${(error as Error).stack}`);
      }
    }
    results[kind] = figures;
  } finally {
    await target.cleanup();
  }
}

console.log('\nAll sections:');
printTable(rows);
console.log(JSON.stringify(results));
process.exit(failed > 0 ? 1 : 0);
