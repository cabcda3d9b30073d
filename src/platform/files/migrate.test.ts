import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { text } from 'node:stream/consumers';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startS3Server, type S3Server } from '../../../tests/support/s3Server';
import { s3FileStore } from './s3';

const run = promisify(execFile);
const ROOT = new URL('../../..', import.meta.url).pathname;

describe('npm run files:migrate against an S3 server', () => {
  let s3: S3Server;
  let dataDir: string;
  beforeAll(async () => {
    s3 = await startS3Server();
    dataDir = mkdtempSync(join(resolve('.test-artifacts'), 'files-migrate-'));
  });
  afterAll(async () => {
    await s3?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const migrate = () =>
    run(process.execPath, ['--import', 'tsx', 'src/platform/files/migrateCli.ts'], {
      cwd: ROOT,
      env: { PATH: process.env.PATH, NODE_ENV: 'test', SECRET_KEY: 'x'.repeat(40), DATA_DIR: dataDir, ...s3.env },
    });

  it('copies every upload key for key, skips what the bucket holds (so a stopped run resumes), and counts', async () => {
    const keys = ['uploads/ab/one.png', 'uploads/cd/two.pdf', 'uploads/exports/three.zip', 'uploads/ef/four.txt'];
    for (const [i, key] of keys.entries()) {
      mkdirSync(join(dataDir, key, '..'), { recursive: true });
      writeFileSync(join(dataDir, key), `file ${i}`);
    }
    // Not an upload: the embedded database and the secret stay where they are.
    writeFileSync(join(dataDir, 'secret.key'), 'secret');
    // A stray file no key can name is reported and left.
    writeFileSync(join(dataDir, 'uploads/ef/メモ.txt'), 'note');
    const bucket = s3FileStore({
      endpoint: s3.env.S3_ENDPOINT,
      bucket: s3.env.S3_BUCKET,
      region: s3.env.S3_REGION,
      accessKeyId: s3.env.S3_ACCESS_KEY_ID,
      secretAccessKey: s3.env.S3_SECRET_ACCESS_KEY,
    });
    // As if an earlier run had stopped after the first file.
    await bucket.put(keys[0], Buffer.from('file 0'));

    const first = await migrate();
    expect(first.stdout).toContain(`4 files in ${dataDir}: 3 copied to bucket wazaichi-test, 1 already there.`);
    expect(first.stderr).toContain('[##############################] 4/4');
    expect(first.stdout).toContain('left in place, not a file the app wrote: uploads/ef/メモ.txt');
    const inBucket: string[] = [];
    for await (const key of bucket.list('')) inBucket.push(key);
    expect(inBucket.sort()).toEqual([...keys].sort());
    for (const [i, key] of keys.entries()) expect(await text((await bucket.get(key))!)).toBe(`file ${i}`);

    const again = await migrate();
    expect(again.stdout).toContain('4 files in');
    expect(again.stdout).toContain('0 copied to bucket wazaichi-test, 4 already there.');
  }, 120_000);

  it('says which settings it needs when S3_* are not set', async () => {
    const refused = await run(process.execPath, ['--import', 'tsx', 'src/platform/files/migrateCli.ts'], {
      cwd: ROOT,
      env: { PATH: process.env.PATH, NODE_ENV: 'test', SECRET_KEY: 'x'.repeat(40), DATA_DIR: dataDir },
    }).catch((error) => error);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('files:migrate needs the S3_* settings');
  }, 60_000);
});
