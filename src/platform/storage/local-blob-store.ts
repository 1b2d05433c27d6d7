import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type BlobStore, SHA256_HEX } from './blob-store.ts';

/** Blobs under `<root>/ab/cd/<sha256>`: two levels of fan-out keep directories small. */
export function createLocalBlobStore(root: string): BlobStore {
  const pathOf = (sha: string) => join(root, sha.slice(0, 2), sha.slice(2, 4), sha);

  async function has(sha: string): Promise<boolean> {
    if (!SHA256_HEX.test(sha)) return false;
    try {
      return (await stat(pathOf(sha))).isFile();
    } catch {
      return false;
    }
  }

  return {
    has,
    async put(bytes) {
      const sha = createHash('sha256').update(bytes).digest('hex');
      if (await has(sha)) return sha;
      const file = pathOf(sha);
      await mkdir(join(file, '..'), { recursive: true });
      // Write then rename: a reader never sees a half-written blob under its final name.
      const tmp = `${file}.${randomBytes(6).toString('hex')}.tmp`;
      await writeFile(tmp, bytes, { mode: 0o640 });
      await rename(tmp, file);
      return sha;
    },
    async get(sha) {
      if (!SHA256_HEX.test(sha)) return null;
      try {
        return new Uint8Array(await readFile(pathOf(sha)));
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw err;
      }
    },
  };
}
