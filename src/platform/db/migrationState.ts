import { readFileSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import type { Db } from './client';

const journal = JSON.parse(
  readFileSync(new URL('../../../migrations/meta/_journal.json', import.meta.url), 'utf8'),
) as {
  entries: unknown[];
};

/** Whether the database holds every migration this code was built with (drizzle's own ledger of applied ones). */
export async function migrationsApplied(db: Db): Promise<boolean> {
  const result: any = await db.execute(sql`select count(*)::int as n from drizzle.__drizzle_migrations`);
  return Number(result.rows[0].n) >= journal.entries.length;
}
