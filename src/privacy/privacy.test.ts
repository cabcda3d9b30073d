import { sql } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { TestClient } from '../../tests/support/client';
import { describeOnDatabases } from '../../tests/support/suites';
import { dataCategories } from './dataCategories';
import { retention, spanWords } from '../retention/periods';

// Tables that hold no personal data: reference data, and reasons for leaving kept without any link to the person.
// file_deletions holds generated file keys (random names) for the moment between a row's deletion and its file's.
const noPersonalData = ['categories', 'terms_versions', 'withdrawal_reasons', 'purge_log', 'file_deletions'];

describeOnDatabases('privacy page', (ctx) => {
  it('names every table of the app in a data category, so a new table cannot hold personal data unexplained', async () => {
    const result: any = await ctx().deps.db.execute(
      sql`select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'`,
    );
    const tables: string[] = result.rows.map((r: { table_name: string }) => r.table_name);
    const covered = new Set(dataCategories.flatMap((c) => c.tables.map((t) => t.split('.')[0])));
    const unexplained = tables.filter((t) => !covered.has(t) && !noPersonalData.includes(t));
    expect(unexplained).toEqual([]);
  });

  it('names every column of a table that categories list column by column (members), so a new personal column cannot slip in', async () => {
    // Columns of members that say nothing about the person: identifiers, states and times.
    const notPersonal = [
      'id',
      'email_verified_at',
      'role',
      'status',
      'created_at',
      'updated_at',
      'withdrawn_at',
      'paused_at',
    ];
    const result: any = await ctx().deps.db.execute(
      sql`select column_name from information_schema.columns where table_schema = 'public' and table_name = 'members'`,
    );
    const listed = new Set(
      dataCategories.flatMap((c) =>
        c.tables.filter((t) => t.startsWith('members.')).map((t) => t.slice('members.'.length)),
      ),
    );
    const unexplained = result.rows
      .map((r: { column_name: string }) => r.column_name)
      .filter((c: string) => !listed.has(c) && !notPersonal.includes(c));
    expect(unexplained).toEqual([]);
  });

  it('shows each category in Japanese and says data is not given to third parties', async () => {
    const page = await new TestClient(ctx()).get('/privacy');
    expect(page.status).toBe(200);
    for (const category of dataCategories) expect(page.text).toContain(category.holds.ja);
    expect(page.text).toContain('第三者に提供することはありません');
  });

  it('says how long deleted data lives in backups, from the period the backups keep', async () => {
    const page = await new TestClient(ctx()).get('/privacy');
    const days = spanWords('ja', retention.backupsDays);
    expect(page.text).toMatch(new RegExp(`data-testid="backups">[^<]*バックアップは、${days}たつと自動で消えます`));
  });

  it('finds the withdrawal help by searching for 退会', async () => {
    const page = await new TestClient(ctx()).get(`/help?q=${encodeURIComponent('退会')}`);
    expect(page.text).toContain('退会したい（アカウントを削除したい）');
    expect(page.text).toContain('/settings/account#withdrawal');
    expect(page.text).not.toContain('サービスを購入するには');
  });
});
