/**
 * Immutable, content-addressed file storage: a blob is named by the SHA-256 of its bytes, so storing the
 * same file twice keeps one copy and a stored hash proves what was received. The local disk store is the
 * embedded default; an S3-compatible store implements the same interface.
 */
export interface BlobStore {
  /** Stores the bytes (idempotent) and returns their SHA-256 in lowercase hex. */
  put(bytes: Uint8Array): Promise<string>;
  /** The bytes, or null when no blob has this hash. */
  get(sha256: string): Promise<Uint8Array | null>;
  has(sha256: string): Promise<boolean>;
}

export const SHA256_HEX = /^[0-9a-f]{64}$/;
