import { sql } from 'drizzle-orm';
import type { Deps } from '../platform/deps';
import { daysAgo, retention } from './periods';

// Every column that names a file in the store. A file named by none of them (and not already queued for deletion)
// belongs to nobody: a crash between storing an upload and committing its row, or between a row's deletion and its
// file's (before file_deletions existed).
const fileColumns = [
  ['members', 'avatar_path'],
  ['service_images', 'storage_path'],
  ['attachments', 'storage_path'],
  ['data_exports', 'file_path'],
  ['file_deletions', 'key'],
] as const;

/** Of these keys, the ones no row names. */
async function unnamed(deps: Deps, keys: string[]): Promise<string[]> {
  const list = sql.join(
    keys.map((k) => sql`(${k})`),
    sql`, `,
  );
  const named = sql.join(
    fileColumns.map(([table, column]) =>
      sql.raw(`select ${column} from ${table} where ${column} in (select k from keys)`),
    ),
    sql` union `,
  );
  const result: any = await deps.db.execute(
    sql`with keys(k) as (values ${list}) select k from keys where k not in (${named})`,
  );
  return result.rows.map((r: { k: string }) => r.k);
}

/**
 * The purge's sweep of the file store (the folder or the bucket): deletes files under uploads/ that no row names and
 * that are older than retention.orphanFileDays, so an upload whose row is about to commit is spared.
 */
export async function sweepOrphanFiles(deps: Deps, now: Date, dryRun: boolean) {
  const cutoff = daysAgo(now, retention.orphanFileDays);
  let rows = 0;
  const sweep = async (keys: string[]) => {
    for (const key of await unnamed(deps, keys)) {
      const modifiedAt = await deps.files.modifiedAt(key);
      if (!modifiedAt || modifiedAt >= cutoff) continue;
      if (!dryRun) await deps.files.delete(key);
      rows += 1;
    }
  };
  let batch: string[] = [];
  for await (const key of deps.files.list('uploads/')) {
    batch.push(key);
    if (batch.length === 500) {
      await sweep(batch);
      batch = [];
    }
  }
  if (batch.length > 0) await sweep(batch);
  return { category: 'orphanFiles', table: 'file_store', rows, heldBack: 0 };
}
