import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import S3rver from 's3rver';

export type S3Server = { env: Record<string, string>; directory: string; close(): Promise<void> };

/**
 * A real S3-protocol server (s3rver) in this process, on a free port, keeping its objects in a fresh temporary
 * folder, with one empty bucket. `env` holds the S3_* settings that point the app at it.
 */
export async function startS3Server(bucket = 'wazaichi-test'): Promise<S3Server> {
  mkdirSync('.test-artifacts', { recursive: true });
  const directory = mkdtempSync(join(resolve('.test-artifacts'), 's3-'));
  const server = new S3rver({
    address: '127.0.0.1',
    port: 0,
    silent: true,
    directory,
    configureBuckets: [{ name: bucket }],
  });
  const { port } = await server.run();
  return {
    directory,
    env: {
      S3_ENDPOINT: `http://127.0.0.1:${port}`,
      S3_BUCKET: bucket,
      S3_REGION: 'us-east-1',
      // s3rver's own fixed credentials: it checks signatures against them.
      S3_ACCESS_KEY_ID: 'S3RVER',
      S3_SECRET_ACCESS_KEY: 'S3RVER',
    },
    close: async () => {
      await server.close().catch(() => {});
      rmSync(directory, { recursive: true, force: true });
    },
  };
}
