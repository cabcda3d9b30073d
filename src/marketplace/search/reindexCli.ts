import { loadConfigOrExit } from '../../platform/config';
import { startRuntime, stopRuntime } from '../../runtime';

// npm run search:reindex: rebuilds the search index from the database (Groonga when SEARCH_URL is set, else the
// services rows' own terms). Search keeps answering meanwhile; run it after restoring Groonga from nothing,
// after a long Groonga outage, or after a change to how text is normalised.
const deps = await startRuntime(loadConfigOrExit(), { work: false });
const width = 30;
let lastShown = -1;
function show(done: number, total: number) {
  const share = total === 0 ? 1 : Math.min(1, done / total);
  const percent = Math.floor(share * 100);
  // A terminal gets one bar redrawn in place; a log file gets a line every 10 %.
  if (!process.stderr.isTTY && percent < 100 && Math.floor(percent / 10) === Math.floor(lastShown / 10)) return;
  lastShown = percent;
  const bar = '#'.repeat(Math.round(share * width)).padEnd(width, '.');
  const line = `[${bar}] ${String(percent).padStart(3)}% ${done.toLocaleString('en')} / ${total.toLocaleString('en')}`;
  process.stderr.write(process.stderr.isTTY ? `\r${line}` : `${line}\n`);
}
const started = Date.now();
console.log(`Rebuilding the ${deps.search.kind} search index from the database…`);
try {
  await deps.search.rebuild(show);
  if (process.stderr.isTTY) process.stderr.write('\n');
  console.log(`Done in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
} catch (error) {
  console.error(`\nReindex failed: ${(error as Error).message}`);
  process.exitCode = 1;
} finally {
  await stopRuntime(deps);
}
