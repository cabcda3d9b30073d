import { loadConfigOrExit } from '../platform/config';
import { startRuntime, stopRuntime } from '../runtime';
import { purgeExpired } from './purge';

// npm run purge [-- --dry-run]: applies the retention rules now (the worker does it daily at 02:30 UTC).
const dryRun = process.argv.includes('--dry-run');
const deps = await startRuntime(loadConfigOrExit(), { work: false });
const summary = await purgeExpired(deps, { dryRun });
console.log(dryRun ? 'Dry run: nothing was deleted. Would delete:' : 'Deleted:');
if (summary.length === 0) console.log('  nothing has expired');
for (const line of summary)
  console.log(
    `  ${line.category.padEnd(18)} ${line.table.padEnd(20)} ${String(line.rows).padStart(7)} rows${line.heldBack ? ` (${line.heldBack} kept under legal hold)` : ''}`,
  );
await stopRuntime(deps);
