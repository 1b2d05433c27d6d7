import { join } from 'node:path';
import type { Config } from '../../config.ts';
import type { BlobStore } from './blob-store.ts';
import { createLocalBlobStore } from './local-blob-store.ts';

/**
 * The configured blob store: an S3-compatible bucket when S3_BUCKET is set, else the local disk under
 * `<dataDir>/blobs`. The S3 client (the AWS SDK, ~30 MB resident) is loaded only by a process that uses it.
 */
export function createBlobStore(config: Pick<Config, 'dataDir'> & Partial<Pick<Config, 's3'>>): BlobStore {
  const s3 = config.s3;
  if (!s3) return createLocalBlobStore(join(config.dataDir, 'blobs'));
  let store: Promise<BlobStore> | null = null;
  const load = () => {
    store ??= import('./s3-blob-store.ts').then((m) => m.createS3BlobStore(s3));
    return store;
  };
  return {
    has: async (sha) => (await load()).has(sha),
    put: async (bytes) => (await load()).put(bytes),
    get: async (sha) => (await load()).get(sha),
  };
}
