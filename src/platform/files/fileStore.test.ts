import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Readable } from 'node:stream';
import { text } from 'node:stream/consumers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startS3Server, type S3Server } from '../../../tests/support/s3Server';
import { testConfig } from '../../../tests/support/context';
import { createFileStore } from '.';
import { localFileStore } from './local';
import type { FileStore } from './store';

async function keysOf(store: FileStore, prefix: string) {
  const keys: string[] = [];
  for await (const key of store.list(prefix)) keys.push(key);
  return keys.sort();
}

/** A stream of `size` bytes made in 64 KB pieces, never held whole. */
function bytesStream(size: number, fill: number) {
  let sent = 0;
  return new Readable({
    read() {
      const n = Math.min(65536, size - sent);
      sent += n;
      this.push(n > 0 ? Buffer.alloc(n, fill) : null);
    },
  });
}

async function byteCount(stream: Readable) {
  let total = 0;
  for await (const chunk of stream) total += (chunk as Buffer).length;
  return total;
}

const stores: { name: string; open(): Promise<{ store: FileStore; close(): Promise<void> }> }[] = [
  {
    name: 'local folder',
    async open() {
      const dir = mkdtempSync(join(resolve('.test-artifacts'), 'files-'));
      return { store: localFileStore(dir), close: async () => rmSync(dir, { recursive: true, force: true }) };
    },
  },
  {
    name: 's3 (s3rver)',
    async open() {
      const server: S3Server = await startS3Server();
      return { store: createFileStore(testConfig(server.env)), close: () => server.close() };
    },
  },
];

for (const kind of stores) {
  describe(`file store: ${kind.name}`, () => {
    let store: FileStore;
    let close: () => Promise<void>;
    beforeAll(async () => {
      ({ store, close } = await kind.open());
    });
    afterAll(() => close());

    it('keeps bytes and streams them back, says what exists, deletes (twice without error)', async () => {
      await store.check();
      await store.put('uploads/ab/one.txt', Buffer.from('こんにちは'), 'text/plain');
      expect(await store.exists('uploads/ab/one.txt')).toBe(true);
      expect(await text((await store.get('uploads/ab/one.txt'))!)).toBe('こんにちは');
      await store.put('uploads/ab/one.txt', Buffer.from('上書き'));
      expect(await text((await store.get('uploads/ab/one.txt'))!)).toBe('上書き');
      await store.delete('uploads/ab/one.txt');
      await store.delete('uploads/ab/one.txt');
      expect(await store.exists('uploads/ab/one.txt')).toBe(false);
      expect(await store.get('uploads/ab/one.txt')).toBeNull();
    });

    it('streams a 12 MB file in (in parts) and out', async () => {
      await store.put('uploads/exports/big.zip', bytesStream(12 * 1024 * 1024, 7), 'application/zip');
      expect(await byteCount((await store.get('uploads/exports/big.zip'))!)).toBe(12 * 1024 * 1024);
      await store.delete('uploads/exports/big.zip');
    });

    it('lists by prefix only the keys under it', async () => {
      for (const key of ['uploads/aa/1.png', 'uploads/aa/2.png', 'uploads/ab/3.png', 'uploads/exports/x.zip'])
        await store.put(key, Buffer.from(key));
      expect(await keysOf(store, 'uploads/aa/')).toEqual(['uploads/aa/1.png', 'uploads/aa/2.png']);
      expect(await keysOf(store, 'uploads/')).toEqual([
        'uploads/aa/1.png',
        'uploads/aa/2.png',
        'uploads/ab/3.png',
        'uploads/exports/x.zip',
      ]);
      expect(await keysOf(store, 'nothing/')).toEqual([]);
    });

    it('refuses keys that would leave the store', async () => {
      for (const key of ['../secret.key', 'uploads/../../etc/passwd', '/etc/passwd', 'uploads//x']) {
        await expect(store.put(key, Buffer.from('x'))).rejects.toThrow(/not allowed/);
      }
    });

    it('leaves nothing behind when the stream fails half-way', async () => {
      const failing = new Readable({
        read() {
          this.push(Buffer.alloc(1024));
          this.destroy(new Error('disk gone'));
        },
      });
      await expect(store.put('uploads/ff/broken.bin', failing)).rejects.toThrow();
      expect(await store.exists('uploads/ff/broken.bin')).toBe(false);
      expect(await keysOf(store, 'uploads/ff/')).toEqual([]);
    });
  });
}

describe('file store: local folder on disk', () => {
  it('keeps files where they were kept before the store existed (DATA_DIR/uploads/…) and no .part after a failure', async () => {
    const dir = mkdtempSync(join(resolve('.test-artifacts'), 'files-'));
    const store = localFileStore(dir);
    await store.put('uploads/ab/c.png', Buffer.from('x'));
    expect(readdirSync(join(dir, 'uploads', 'ab'))).toEqual(['c.png']);
    rmSync(dir, { recursive: true, force: true });
  });
});
