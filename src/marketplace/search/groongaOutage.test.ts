import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { SEARCH_SYNC_JOB } from '../../platform/searchPort';
import { postgresSearchEngine } from './postgresEngine';
import { createTestContext, type TestContext } from '../../../tests/support/context';
import { enabledDatabases } from '../../../tests/support/databases';
import { createMember } from '../../../tests/support/factories';
import { runGroongaSuites, startGroonga, type GroongaServer } from '../../../tests/support/groonga';
import { createService } from '../../../tests/support/marketplace';
import { TestClient } from '../../../tests/support/client';

for (const kind of enabledDatabases()) {
  describe.skipIf(!runGroongaSuites)(`Groonga going away [${kind}]`, () => {
    let ctx: TestContext;
    let groonga: GroongaServer;
    beforeAll(async () => {
      groonga = await startGroonga();
      ctx = await createTestContext(kind, { env: { SEARCH_URL: groonga.url } });
    }, 60_000);
    afterAll(async () => {
      await ctx?.close();
      await groonga?.close();
    });

    it('falls back to PostgreSQL, says so in the log and /healthz, and fails nothing else', async () => {
      const seller = await createMember(ctx);
      const first = await createService(ctx, seller, { title: '停電テストのロゴ', description: '一つ目' });
      await ctx.deps.jobs.drain(SEARCH_SYNC_JOB);
      const query = { words: '停電テスト', sort: 'new' as const, page: 1 };
      expect((await ctx.deps.search.query(query)).ids).toEqual([first]);
      const health = async () => (await (await ctx.app.request('/healthz')).json()).search;
      expect(await health()).toEqual({ engine: 'groonga', state: 'up' });

      const logged = vi.spyOn(ctx.deps.log, 'error');
      await groonga.stop();
      // A seller keeps working: the command commits, its index job waits for Groonga.
      const second = await createService(ctx, seller, { title: '停電テストの名刺', description: '二つ目' });
      await ctx.deps.jobs.drain(SEARCH_SYNC_JOB);
      const postgres = await postgresSearchEngine(ctx.deps.db).query(query);
      expect(postgres.ids).toEqual([second, first]);
      expect(await ctx.deps.search.query(query)).toEqual(postgres);
      expect(await health()).toMatchObject({ engine: 'groonga', state: 'fallback' });
      expect(logged).toHaveBeenCalledWith(expect.anything(), expect.stringContaining('Groonga is unreachable'));
      const buyer = new TestClient(ctx);
      const page = await buyer.get(`/search?q=${encodeURIComponent('停電テスト')}`);
      expect(page.status).toBe(200);
      expect(page.text).toContain('停電テストの名刺');
      expect((await ctx.app.request('/healthz')).status).toBe(200);

      await groonga.start();
      // Tried again after the pause (10 s), the retried job brings in what was saved meanwhile.
      await new Promise((r) => setTimeout(r, 10_500));
      for (let i = 0; i < 40 && (await ctx.deps.jobs.drain(SEARCH_SYNC_JOB)) === 0; i++)
        await new Promise((r) => setTimeout(r, 250));
      expect(await health()).toEqual({ engine: 'groonga', state: 'up' });
      expect((await ctx.deps.search.query(query)).ids).toEqual([second, first]);
    }, 60_000);
  });
}
