import { join } from 'node:path';
import type { Config } from '../../config.ts';
import type { BlobStore } from './blob-store.ts';
import { createLocalBlobStore } from './local-blob-store.ts';
import { createS3BlobStore } from './s3-blob-store.ts';

/** The configured blob store: an S3-compatible bucket when S3_BUCKET is set, else the local disk under `<dataDir>/blobs`. */
export function createBlobStore(config: Pick<Config, 'dataDir'> & Partial<Pick<Config, 's3'>>): BlobStore {
  if (config.s3) return createS3BlobStore(config.s3);
  return createLocalBlobStore(join(config.dataDir, 'blobs'));
}
