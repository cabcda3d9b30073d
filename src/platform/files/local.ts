import { randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { access, mkdir, opendir, readdir, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { assertKey, type FileStore } from './store';

/** Files in a folder on this machine (DATA_DIR): the embedded default, for one machine. */
export function localFileStore(root: string): FileStore {
  const base = resolve(root);
  const pathOf = (key: string) => join(base, ...assertKey(key).split('/'));
  async function* walk(dir: string): AsyncGenerator<string> {
    let entries;
    try {
      entries = await opendir(dir);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw error;
    }
    for await (const entry of entries) {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) yield* walk(full);
      // Half-written files (a crash during put) are not files of the store.
      else if (entry.isFile() && !entry.name.endsWith('.part')) yield relative(base, full).split(sep).join('/');
    }
  }
  return {
    kind: 'local',
    async put(key, body) {
      const full = pathOf(key);
      await mkdir(dirname(full), { recursive: true });
      // Written beside and renamed into place, so a reader never sees half a file.
      const part = `${full}.${randomUUID().slice(0, 8)}.part`;
      try {
        await pipeline(
          body instanceof Uint8Array ? Readable.from([body]) : body,
          createWriteStream(part, { mode: 0o600 }),
        );
        await rename(part, full);
      } catch (error) {
        await rm(part, { force: true });
        throw error;
      }
    },
    async get(key) {
      const full = pathOf(key);
      if (!(await this.exists(key))) return null;
      return createReadStream(full);
    },
    async delete(key) {
      await rm(pathOf(key), { force: true });
    },
    async exists(key) {
      return access(pathOf(key)).then(
        () => true,
        () => false,
      );
    },
    async modifiedAt(key) {
      return stat(pathOf(key)).then(
        (s) => s.mtime,
        () => null,
      );
    },
    async discardPartial(key) {
      const full = pathOf(key);
      const names = await readdir(dirname(full)).catch(() => [] as string[]);
      const mine = new RegExp(`^${basename(full).replace(/[.]/g, '\\.')}\\.[0-9a-f]{8}\\.part$`);
      for (const name of names) if (mine.test(name)) await rm(join(dirname(full), name), { force: true });
    },
    async *list(prefix) {
      // Walk only the folder the prefix names, then filter by the rest of it.
      const folder = prefix.includes('/') ? prefix.slice(0, prefix.lastIndexOf('/')) : '';
      const start = folder ? pathOf(folder) : base;
      for await (const key of walk(start)) if (key.startsWith(prefix)) yield key;
    },
    async check() {
      await mkdir(base, { recursive: true });
    },
  };
}
