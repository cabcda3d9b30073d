import { once } from 'node:events';
import { PassThrough } from 'node:stream';
import type yazl from 'yazl';
import { exportJson } from './json';

/** One ZIP entry written piece by piece, respecting back-pressure, so memory stays flat however long it is. */
export function openEntry(zip: yazl.ZipFile, name: string) {
  const stream = new PassThrough();
  zip.addReadStream(stream, name);
  return {
    async push(chunk: string) {
      if (!stream.write(chunk)) await once(stream, 'drain');
    },
    end() {
      stream.end();
    },
  };
}

/** Writes one ZIP entry from pieces (see openEntry). */
export async function streamEntry(
  zip: yazl.ZipFile,
  name: string,
  write: (push: (chunk: string) => Promise<void>) => Promise<void>,
) {
  const entry = openEntry(zip, name);
  await write(entry.push);
  entry.end();
}

/**
 * A JSON array entry fed page by page, byte for byte what `exportJson(wholeArray)` gives (two-space
 * indent, `[]` when empty), without the whole array in memory.
 */
export async function jsonArrayEntry<T>(
  zip: yazl.ZipFile,
  name: string,
  pages: AsyncIterable<T[]>,
  shown: (row: T) => unknown = (row) => row,
) {
  await streamEntry(zip, name, async (push) => {
    let first = true;
    for await (const rows of pages) {
      if (rows.length === 0) continue;
      const chunk = rows.map((row) => '  ' + exportJson(shown(row)).replace(/\n/g, '\n  ')).join(',\n');
      await push((first ? '[\n' : ',\n') + chunk);
      first = false;
    }
    await push(first ? '[]' : '\n]');
  });
}

/** CSV for Excel: UTF-8 with a byte-order mark, so Japanese opens correctly; quotes doubled. */
export function csvLine(values: (string | number | null)[]): string {
  return values.map((v) => `"${String(v ?? '').replace(/"/g, '""')}"`).join(',') + '\r\n';
}
