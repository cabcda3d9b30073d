import { benchAccounts } from './sections/accounts';
import { benchMarketplace } from './sections/marketplace';
import { benchTwoFactor } from './sections/twoFactor';
import { benchWithdrawal } from './sections/withdrawal';
import { benchRetention } from './sections/retention';
import { benchSignup } from './sections/signup';
import { createTarget, printTable, startApp, type Row } from './lib';

// npm run bench: figures from one run on this machine, for the embedded database and the PostgreSQL server.
// Each database gets a fresh app process; load comes from this process.
const rows: Row[] = [];
const results: Record<string, Record<string, unknown>> = {};
const only = process.env.BENCH_ONLY?.split(',');
const databases = (process.env.BENCH_DATABASES?.split(',') ?? ['pglite', 'postgres']) as ('pglite' | 'postgres')[];

for (const kind of databases) {
  const target = await createTarget(kind);
  if (!target) {
    console.log(`(${kind}: server not reachable, skipped)`);
    continue;
  }
  try {
    const figures: Record<string, unknown> = {};
    if (!only || only.includes('accounts')) {
      const app = await startApp(target);
      try {
        const accounts = await benchAccounts(app, kind);
        rows.push(...accounts.rows);
        Object.assign(figures, accounts.figures);
      } finally {
        await app.stop();
      }
    }
    if (!only || only.includes('twofactor')) {
      const twoFactor = await benchTwoFactor(target, kind);
      rows.push(...twoFactor.rows);
      Object.assign(figures, twoFactor.figures);
    }
    if (!only || only.includes('withdrawal')) {
      const withdrawal = await benchWithdrawal(target, kind);
      rows.push(...withdrawal.rows);
      Object.assign(figures, withdrawal.figures);
    }
    if (!only || only.includes('retention')) {
      const retention = await benchRetention(target, kind);
      rows.push(...retention.rows);
      Object.assign(figures, retention.figures);
    }
    if (!only || only.includes('signup')) {
      const signup = await benchSignup(kind);
      rows.push(...signup.rows);
      Object.assign(figures, signup.figures);
    }
    if (!only || only.includes('marketplace')) {
      const marketplace = await benchMarketplace(target, kind);
      rows.push(...marketplace.rows);
      Object.assign(figures, marketplace.figures);
    }
    results[kind] = figures;
  } finally {
    await target.cleanup();
  }
}

console.log('');
printTable(rows);
console.log(JSON.stringify(results));
process.exit(0);
