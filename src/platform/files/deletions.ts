import { inArray } from 'drizzle-orm';
import type { Db, Tx } from '../db/client';
import type { FileStore } from './store';
import { fileDeletions } from './schema';

/** Records, in the transaction that deletes the rows, the files they pointed to; deleteQueuedFiles removes them. */
export async function queueFileDeletions(tx: Tx, keys: (string | null | undefined)[], now: Date) {
  const wanted = [...new Set(keys.filter((k): k is string => !!k))];
  for (let i = 0; i < wanted.length; i += 500)
    await tx
      .insert(fileDeletions)
      .values(wanted.slice(i, i + 500).map((key) => ({ key, queuedAt: now })))
      .onConflictDoNothing();
}

/**
 * Deletes every recorded file, then its record. Run after the commit that recorded them and by every retry: a crash
 * in between repeats a delete, which finds nothing and is not an error. Returns how many files it deleted.
 */
export async function deleteQueuedFiles(deps: { db: Db; files: FileStore }): Promise<number> {
  let deleted = 0;
  for (;;) {
    const batch = (await deps.db.select({ key: fileDeletions.key }).from(fileDeletions).limit(200)).map((r) => r.key);
    if (batch.length === 0) return deleted;
    for (const key of batch) await deps.files.delete(key);
    await deps.db.delete(fileDeletions).where(inArray(fileDeletions.key, batch));
    deleted += batch.length;
  }
}
