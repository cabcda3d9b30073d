import { mkdirSync } from 'node:fs';
import pg from 'pg';
import { chromiumPath } from './chromium';
import { groongaPath } from './groonga';

/**
 * Says plainly which suites this run skips and how to enable them. Under CI=true a suite that
 * would be skipped fails the run instead: CI must cover PGlite, the PostgreSQL server and Chromium.
 */
export default async function globalSetup() {
  mkdirSync('.test-artifacts', { recursive: true });
  const skipped: string[] = [];
  const url = process.env.TEST_DATABASE_URL;
  if (!url) {
    skipped.push(
      'PostgreSQL server suites (set TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres to run them)',
    );
  } else {
    const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
    try {
      await client.connect();
      await client.end();
    } catch (error) {
      throw new Error(`TEST_DATABASE_URL is set but the server does not answer: ${(error as Error).message}`);
    }
  }
  if (!chromiumPath()) {
    skipped.push('browser suites (install Chromium, e.g. apt-get install chromium, or set CHROMIUM_PATH)');
  }
  if (!groongaPath()) skipped.push('Groonga search suites (install groonga-bin, e.g. apt-get install groonga-bin)');
  if (skipped.length > 0) {
    if (process.env.CI === 'true')
      throw new Error(`CI=true but these suites would be skipped:\n- ${skipped.join('\n- ')}`);
    const text = skipped.join('; ');
    process.env.WZ_SKIPPED_SUITES = text;
    console.log(`\nSkipping: ${text}\n`);
  }
}
