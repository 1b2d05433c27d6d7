import { AppError } from '../../platform/http/errors.ts';
import type { BlobStore } from '../../platform/storage/blob-store.ts';
import { type SniffedType, sniffContentType, storedFilename, typeNamedBy } from '../../platform/storage/sniff.ts';
import { virusVerdict } from '../../platform/storage/virus-scan.ts';
import type { StoredScan } from '../cases/attach-case-documents.ts';

/** A file as uploaded: its bytes and the name the browser gave; `truncated` when it went over the size limit. */
export type Scan = { bytes: Uint8Array; filename: string; truncated?: boolean };
export type CheckedScan = Scan & { mediaType: SniffedType };

export const MAX_SCANS = 10;

/**
 * Scans are PDF, JPEG or PNG, recognised by their first bytes; a name that promises another type is refused (an
 * official opening it would be misled). Errors name the form field so the page shows them beside it.
 */
export function checkScans(scans: Scan[], limitBytes: number, field = 'scan'): CheckedScan[] {
  const refuse = (code: string, params: Record<string, string | number> = {}) => new AppError(code, 'invalid', params, { [field]: code });
  if (scans.length > MAX_SCANS) throw refuse('registry.scan_too_many', { max: MAX_SCANS });
  return scans.map((s) => {
    // Several files are chosen at once: the message names the one refused.
    const name = s.filename;
    if (s.truncated || s.bytes.length > limitBytes) throw refuse('registry.scan_too_large', { mb: Math.round(limitBytes / 1024 / 1024), name });
    if (s.bytes.length === 0) throw refuse('registry.scan_empty', { name });
    const mediaType = sniffContentType(s.bytes);
    if (!mediaType) throw refuse('registry.scan_type', { name });
    const named = typeNamedBy(s.filename);
    if (named && named !== mediaType) throw refuse('registry.scan_type', { name });
    return { ...s, mediaType };
  });
}

/**
 * The scans that pass checkScans one by one, and the first refusal: a form that comes back with an error keeps the
 * good files, so refusing one of several does not silently drop the others.
 */
export function sortScans(scans: Scan[], limitBytes: number, field = 'scan'): { accepted: CheckedScan[]; refused: AppError | null } {
  const accepted: CheckedScan[] = [];
  // Over the limit, the first ones (those kept from before come first) stay.
  let refused = scans.length > MAX_SCANS ? new AppError('registry.scan_too_many', 'invalid', { max: MAX_SCANS }, { [field]: 'registry.scan_too_many' }) : null;
  for (const s of scans.slice(0, MAX_SCANS)) {
    try {
      accepted.push(...checkScans([s], limitBytes, field));
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      refused ??= err;
    }
  }
  return { accepted, refused };
}

/**
 * Refuses scans the configured virus scanner finds infected, or cannot check (a registered e-mail's attachment reaches
 * officials like any upload).
 */
export async function refuseInfectedScans(deps: Parameters<typeof virusVerdict>[0], scans: CheckedScan[], field = 'scan'): Promise<void> {
  for (const s of scans) {
    const verdict = await virusVerdict(deps, s.bytes);
    if (verdict) throw new AppError(`registry.scan_${verdict}`, verdict === 'unavailable' ? 'unavailable' : 'invalid', {}, { [field]: `registry.scan_${verdict}` });
  }
}

/** Puts the checked scans in the blob store (idempotent, content-addressed) and returns what to record. */
export async function storeScans(blobs: BlobStore, scans: CheckedScan[]): Promise<(StoredScan & { mediaType: SniffedType })[]> {
  const out: (StoredScan & { mediaType: SniffedType })[] = [];
  for (const s of scans) {
    const sha256 = await blobs.put(s.bytes);
    out.push({ sha256, filename: storedFilename(s.filename, s.mediaType), mediaType: s.mediaType, sizeBytes: s.bytes.length });
  }
  return out;
}
