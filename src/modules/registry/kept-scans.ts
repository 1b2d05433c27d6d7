import { sameSignature, signature } from '../../platform/http/csrf.ts';
import type { BlobStore } from '../../platform/storage/blob-store.ts';
import { type CheckedScan, type Scan, storeScans } from './check-scans.ts';

/**
 * Scans a clerk chose, kept across a form that came back with errors: a browser cannot re-fill a file input, so
 * the form carries them as a hidden field — their stored blobs' hashes and names — signed for this clerk's session,
 * so nobody can make the form attach a stored file they only know the hash of.
 */
export type KeptScan = { sha256: string; filename: string; sizeBytes: number };

const sign = (secret: string, binding: string, payload: string) => signature(secret, `kept-scans:${binding}:${payload}`);

/** Stores the checked scans (content-addressed, so nothing is stored twice) and returns them with the hidden field's value. */
export async function keepScans(blobs: BlobStore, scans: CheckedScan[], secret: string, binding: string): Promise<{ kept: KeptScan[]; token: string }> {
  const stored = await storeScans(blobs, scans);
  const kept = stored.map((s) => ({ sha256: s.sha256, filename: s.filename, sizeBytes: s.sizeBytes }));
  const payload = Buffer.from(JSON.stringify(kept)).toString('base64url');
  return { kept, token: `${payload}.${sign(secret, binding, payload)}` };
}

/** The scans a signed hidden field stands for, read back from the blob store; anything forged or unknown is ignored. */
export async function scansKept(blobs: BlobStore, token: unknown, secret: string, binding: string): Promise<{ scans: Scan[]; kept: KeptScan[] }> {
  if (typeof token !== 'string' || !token.includes('.')) return { scans: [], kept: [] };
  const [payload, mac] = token.split('.') as [string, string];
  if (!sameSignature(sign(secret, binding, payload), mac)) return { scans: [], kept: [] };
  let kept: KeptScan[];
  try {
    kept = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as KeptScan[];
  } catch {
    return { scans: [], kept: [] };
  }
  const scans: Scan[] = [];
  for (const k of kept) {
    const bytes = await blobs.get(k.sha256);
    if (bytes) scans.push({ bytes, filename: k.filename });
  }
  return { scans, kept };
}
