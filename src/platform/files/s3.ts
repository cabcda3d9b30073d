import { Readable } from 'node:stream';
import {
  AbortMultipartUploadCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  ListMultipartUploadsCommand,
  ListObjectsV2Command,
  S3Client,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { assertKey, type FileStore } from './store';

export type S3Settings = {
  endpoint: string;
  bucket: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
};

const notFound = (error: unknown) => {
  const e = error as { name?: string; $metadata?: { httpStatusCode?: number } };
  return e.name === 'NoSuchKey' || e.name === 'NotFound' || e.$metadata?.httpStatusCode === 404;
};

/** Files in an S3-compatible bucket (AWS S3, MinIO, Cloudflare R2, Ceph): for several machines. */
export function s3FileStore(settings: S3Settings): FileStore {
  const client = new S3Client({
    endpoint: settings.endpoint,
    region: settings.region,
    credentials: { accessKeyId: settings.accessKeyId, secretAccessKey: settings.secretAccessKey },
    // Path-style addresses (endpoint/bucket/key) work on every S3-compatible server; bucket subdomains do not.
    forcePathStyle: true,
    // Checksums only where S3 requires them: many S3-compatible servers reject the newer streamed trailers.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
  const Bucket = settings.bucket;
  return {
    kind: 's3',
    async put(key, body, contentType) {
      // A multipart upload in 5 MB parts, at most two in flight: memory stays flat however large the file.
      const upload = new Upload({
        client,
        params: { Bucket, Key: assertKey(key), Body: body, ContentType: contentType ?? 'application/octet-stream' },
        partSize: 5 * 1024 * 1024,
        queueSize: 2,
      });
      await upload.done();
    },
    async get(key) {
      try {
        const answer = await client.send(new GetObjectCommand({ Bucket, Key: assertKey(key) }));
        return answer.Body instanceof Readable ? answer.Body : Readable.fromWeb(answer.Body as never);
      } catch (error) {
        if (notFound(error)) return null;
        throw error;
      }
    },
    async delete(key) {
      // S3 answers a delete of a missing key with success, as the port promises.
      await client.send(new DeleteObjectCommand({ Bucket, Key: assertKey(key) }));
    },
    async exists(key) {
      try {
        await client.send(new HeadObjectCommand({ Bucket, Key: assertKey(key) }));
        return true;
      } catch (error) {
        if (notFound(error)) return false;
        throw error;
      }
    },
    async modifiedAt(key) {
      try {
        const head = await client.send(new HeadObjectCommand({ Bucket, Key: assertKey(key) }));
        return head.LastModified ?? null;
      } catch (error) {
        if (notFound(error)) return null;
        throw error;
      }
    },
    async discardPartial(key) {
      // A multipart upload whose process died holds its parts until aborted (or a bucket lifecycle rule does it).
      let answer;
      try {
        answer = await client.send(new ListMultipartUploadsCommand({ Bucket, Prefix: assertKey(key) }));
      } catch (error) {
        const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
        if (status === 501 || status === 405) return; // a server without multipart listing keeps no parts to find
        throw error;
      }
      for (const upload of answer.Uploads ?? [])
        if (upload.Key === key && upload.UploadId)
          await client.send(new AbortMultipartUploadCommand({ Bucket, Key: key, UploadId: upload.UploadId }));
    },
    async *list(prefix) {
      let ContinuationToken: string | undefined;
      do {
        const page = await client.send(new ListObjectsV2Command({ Bucket, Prefix: prefix, ContinuationToken }));
        for (const item of page.Contents ?? []) if (item.Key) yield item.Key;
        ContinuationToken = page.IsTruncated ? page.NextContinuationToken : undefined;
      } while (ContinuationToken);
    },
    async check() {
      await client.send(new HeadBucketCommand({ Bucket }));
    },
  };
}
