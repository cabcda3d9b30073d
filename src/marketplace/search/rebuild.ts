import { and, asc, count, eq, gt, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/client';
import { members } from '../../accounts/schema';
import { publicServiceCondition } from '../rules';
import { services } from '../schema';
import { normaliseForSearch, serviceTermsOf } from '../services/searchTerms';

/** Told after every batch: how many are done of how many there are. */
export type RebuildProgress = (done: number, total: number) => void;
const BATCH = 2000;

/** Every public service's id, a batch at a time in id order (keyset, so each batch costs the same). */
export async function* publicIdBatches(db: Db): AsyncGenerator<string[]> {
  for (let after = ''; ;) {
    const rows = await db
      .select({ id: services.id })
      .from(services)
      .innerJoin(members, eq(members.id, services.sellerId))
      .where(and(publicServiceCondition(), after ? gt(services.id, after) : undefined))
      .orderBy(asc(services.id))
      .limit(BATCH);
    if (rows.length === 0) return;
    yield rows.map((r) => r.id);
    after = rows[rows.length - 1].id;
  }
}

export async function countPublic(db: Db): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(services)
    .innerJoin(members, eq(members.id, services.sellerId))
    .where(publicServiceCondition());
  return row.n;
}

/**
 * The PostgreSQL engine's index is the services row itself: its terms and normalised text are written
 * again from title and description (after a change to the normalisation), a batch per transaction,
 * so search goes on answering from the rows not yet rewritten.
 */
export async function rewriteSearchColumns(db: Db, progress: RebuildProgress) {
  const [{ n: total }] = await db.select({ n: count() }).from(services);
  let done = 0;
  for (let after = ''; ;) {
    const rows = await db
      .select({
        id: services.id,
        title: services.title,
        description: services.description,
        categoryId: services.categoryId,
      })
      .from(services)
      .where(after ? gt(services.id, after) : undefined)
      .orderBy(asc(services.id))
      .limit(BATCH);
    if (rows.length === 0) break;
    const values = rows.map((r) => {
      const text = `${r.title} ${r.description}`;
      return { id: r.id, text: normaliseForSearch(text), terms: serviceTermsOf(text, r.categoryId) };
    });
    await db.execute(sql`
      update services set search_text = v.text, search_terms = v.terms
      from json_to_recordset(${JSON.stringify(values)}::json) as v(id uuid, text text, terms text[])
      where services.id = v.id`);
    done += rows.length;
    progress(done, total);
    after = rows[rows.length - 1].id;
  }
  await db.execute(sql`analyze services`);
}
