import { afterAll, beforeAll, describe } from 'vitest';
import { createTestContext, type TestContext } from './context';
import { enabledDatabases } from './databases';

/**
 * Runs the same suite on every enabled database (PGlite always, the PostgreSQL server when
 * TEST_DATABASE_URL is set). The suite gets a getter for its context, built once per database.
 */
export function describeOnDatabases(
  name: string,
  body: (ctx: () => TestContext) => void,
  options: Parameters<typeof createTestContext>[1] = {},
) {
  for (const kind of enabledDatabases()) {
    describe(`${name} [${kind}]`, () => {
      let ctx: TestContext;
      beforeAll(async () => {
        ctx = await createTestContext(kind, options);
      });
      afterAll(async () => {
        await ctx?.close();
      });
      body(() => ctx);
    });
  }
}

/**
 * A suite that needs the PostgreSQL server (several processes on one database, e.g. a real worker process). Skipped
 * without TEST_DATABASE_URL, which globalSetup reports, and which under CI=true fails the run instead.
 */
export function describeOnServer(
  name: string,
  body: (ctx: () => TestContext) => void,
  options: Parameters<typeof createTestContext>[1] = {},
) {
  describe.skipIf(!enabledDatabases().includes('postgres'))(`${name} [postgres]`, () => {
    let ctx: TestContext;
    beforeAll(async () => {
      ctx = await createTestContext('postgres', options);
    });
    afterAll(async () => {
      await ctx?.close();
    });
    body(() => ctx);
  });
}
