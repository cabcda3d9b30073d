import type { Readable } from 'node:stream';

/**
 * Where the app keeps files (pictures, attachments, export ZIPs): a folder on this machine or an
 * S3-compatible bucket. Keys are relative paths like `uploads/ab/<uuid>.png`, the same in both, so a
 * folder can be copied into a bucket key for key (`npm run files:migrate`).
 */
export type FileStore = {
  kind: 'local' | 's3';
  /** Writes the whole body under the key; readers see the old file or the new one, never half of it. */
  put(key: string, body: Readable | Uint8Array, contentType?: string): Promise<void>;
  /** A stream of the file, or null when there is none. */
  get(key: string): Promise<Readable | null>;
  /** Removes the file; a missing file is not an error. */
  delete(key: string): Promise<void>;
  exists(key: string): Promise<boolean>;
  /** When the file was last written, or null when there is none (the orphan sweep spares fresh files). */
  modifiedAt(key: string): Promise<Date | null>;
  /** Removes what a put of this key left half-written when its process died (a killed worker's export). */
  discardPartial(key: string): Promise<void>;
  /** Every key that starts with the prefix (sweeps, migration, tests). */
  list(prefix: string): AsyncIterable<string>;
  /** Throws when the store cannot be reached (readiness). */
  check(): Promise<void>;
};

/** Keys are relative, slash-separated and stay inside the store: no `..`, no leading slash. */
export function assertKey(key: string): string {
  if (
    !/^[A-Za-z0-9._-]+(\/[A-Za-z0-9._-]+)*$/.test(key) ||
    key.split('/').some((part) => part === '..' || part === '.')
  ) {
    throw new Error(`file key not allowed: ${key}`);
  }
  return key;
}
