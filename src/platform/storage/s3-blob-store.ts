import { createHash } from 'node:crypto';
import { GetObjectCommand, HeadObjectCommand, PutObjectCommand, S3Client, S3ServiceException } from '@aws-sdk/client-s3';
import type { Config } from '../../config.ts';
import { type BlobStore, SHA256_HEX } from './blob-store.ts';

export type S3Settings = NonNullable<Config['s3']>;

/** Blobs as objects `blobs/<ab>/<sha256>` in an S3-compatible bucket; the same interface as the local store. */
export function createS3BlobStore(settings: S3Settings, client?: S3Client): BlobStore {
  const s3 =
    client ??
    new S3Client({
      region: settings.region,
      endpoint: settings.endpoint,
      forcePathStyle: settings.forcePathStyle,
      credentials: settings.accessKeyId && settings.secretAccessKey ? { accessKeyId: settings.accessKeyId, secretAccessKey: settings.secretAccessKey } : undefined,
    });
  const keyOf = (sha: string) => `blobs/${sha.slice(0, 2)}/${sha}`;
  const missing = (err: unknown) =>
    err instanceof S3ServiceException && (err.$metadata.httpStatusCode === 404 || err.name === 'NotFound' || err.name === 'NoSuchKey');

  async function has(sha: string): Promise<boolean> {
    if (!SHA256_HEX.test(sha)) return false;
    try {
      await s3.send(new HeadObjectCommand({ Bucket: settings.bucket, Key: keyOf(sha) }));
      return true;
    } catch (err) {
      if (missing(err)) return false;
      throw err;
    }
  }

  return {
    has,
    async put(bytes) {
      const sha = createHash('sha256').update(bytes).digest('hex');
      if (await has(sha)) return sha;
      // The object store checks what it received against this digest: a truncated upload is refused, not stored.
      const checksum = createHash('sha256').update(bytes).digest('base64');
      await s3.send(new PutObjectCommand({ Bucket: settings.bucket, Key: keyOf(sha), Body: bytes, ContentLength: bytes.length, ChecksumSHA256: checksum }));
      return sha;
    },
    async get(sha) {
      if (!SHA256_HEX.test(sha)) return null;
      try {
        const r = await s3.send(new GetObjectCommand({ Bucket: settings.bucket, Key: keyOf(sha) }));
        if (!r.Body) return null;
        return new Uint8Array(await r.Body.transformToByteArray());
      } catch (err) {
        if (missing(err)) return null;
        throw err;
      }
    },
  };
}
