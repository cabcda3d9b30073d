import { assertKey, type FileStore } from './store';

/** notKeys: files in the folder no key can name (never written by the app: a stray copy, a backup); left alone. */
export type CopyProgress = { done: number; total: number; copied: number; skipped: number; notKeys: string[] };

const isKey = (key: string) => {
  try {
    return assertKey(key) === key;
  } catch {
    return false;
  }
};

/**
 * Copies every file under the prefix from one store to another, key for key. A key the target already
 * holds is skipped: put is all-or-nothing, so a file that is there is whole, and a run that stopped
 * half-way resumes where it was by running again.
 */
export async function copyFiles(
  source: FileStore,
  target: FileStore,
  options: { prefix: string; onProgress?: (progress: CopyProgress) => void },
): Promise<CopyProgress> {
  const keys: string[] = [];
  const notKeys: string[] = [];
  for await (const key of source.list(options.prefix)) (isKey(key) ? keys : notKeys).push(key);
  const progress: CopyProgress = { done: 0, total: keys.length, copied: 0, skipped: 0, notKeys };
  options.onProgress?.(progress);
  for (const key of keys) {
    if (await target.exists(key)) progress.skipped += 1;
    else {
      const body = await source.get(key);
      // Gone since the listing (deleted by the app meanwhile): nothing to copy.
      if (body) {
        await target.put(key, body);
        progress.copied += 1;
      } else progress.skipped += 1;
    }
    progress.done += 1;
    options.onProgress?.(progress);
  }
  return progress;
}

/** `[#######.......]  120/400` for a terminal line. */
export function progressBar({ done, total }: CopyProgress, width = 30): string {
  const filled = total === 0 ? width : Math.round((done / total) * width);
  return `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${String(done).padStart(String(total).length)}/${total}`;
}
