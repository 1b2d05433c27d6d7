import { join } from 'node:path';
import type { Config } from '../../config.ts';
import type { BlobStore } from './blob-store.ts';
import { createLocalBlobStore } from './local-blob-store.ts';

/** The configured blob store: the local disk under `<dataDir>/blobs` (an S3 store plugs in here when configured). */
export function createBlobStore(config: Pick<Config, 'dataDir'>): BlobStore {
  return createLocalBlobStore(join(config.dataDir, 'blobs'));
}
