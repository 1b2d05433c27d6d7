import { sameSignature, signature } from '../../platform/http/csrf.ts';
import type { UploadedFile } from '../../platform/http/multipart.ts';
import type { BlobStore } from '../../platform/storage/blob-store.ts';
import type { Mandate } from './check-mandate.ts';

/**
 * A mandate that passed its checks, kept across a form sent back for other errors (as the registry keeps scans,
 * registry/kept-scans.ts): a browser cannot re-fill a file input, so the form carries the stored blob's hash and name
 * as a hidden field signed for this session — nobody can make the form attach a stored file they only know the hash of.
 */
const sign = (secret: string, binding: string, payload: string) => signature(secret, `kept-mandate:${binding}:${payload}`);

/** Stores the mandate (content-addressed: sending it later stores nothing twice) and returns the hidden field's value. */
export async function keepMandate(blobs: BlobStore, mandate: Mandate, secret: string, binding: string): Promise<{ filename: string; token: string }> {
  const sha256 = await blobs.put(mandate.bytes);
  const payload = Buffer.from(JSON.stringify({ sha256, filename: mandate.filename })).toString('base64url');
  return { filename: mandate.filename, token: `${payload}.${sign(secret, binding, payload)}` };
}

/** The file a signed hidden field stands for, to be checked again as an upload; null when forged, unknown or gone. */
export async function mandateKept(blobs: BlobStore, token: unknown, secret: string, binding: string): Promise<UploadedFile | null> {
  if (typeof token !== 'string' || !token.includes('.')) return null;
  const [payload, mac] = token.split('.') as [string, string];
  if (!sameSignature(sign(secret, binding, payload), mac)) return null;
  try {
    const kept = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { sha256: string; filename: string };
    const bytes = await blobs.get(kept.sha256);
    return bytes ? { bytes, filename: kept.filename } : null;
  } catch {
    return null;
  }
}
