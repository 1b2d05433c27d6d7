import { AppError } from '../../platform/http/errors.ts';
import type { BlobStore } from '../../platform/storage/blob-store.ts';
import { type SniffedType, sniffContentType, storedFilename, typeNamedBy } from '../../platform/storage/sniff.ts';
import { virusVerdict } from '../../platform/storage/virus-scan.ts';
import type { StoredScan } from '../cases/attach-case-documents.ts';

/** A file as uploaded: its bytes and the name the browser gave; `truncated` when it went over the size limit. */
export type Scan = { bytes: Uint8Array; filename: string; truncated?: boolean };
export type CheckedScan = Scan & { mediaType: SniffedType };

export const MAX_SCANS = 10;

/** A TIFF image, by its byte-order mark and magic number (little- or big-endian, classic or BigTIFF). */
const isTiff = (b: Uint8Array) => (b[0] === 0x49 && b[1] === 0x49 && (b[2] === 0x2a || b[2] === 0x2b) && b[3] === 0) || (b[0] === 0x4d && b[1] === 0x4d && b[2] === 0 && (b[3] === 0x2a || b[3] === 0x2b));

/** Why one scan is refused, or its type: PDF, JPEG or PNG, recognised by its first bytes, within the size limit. */
function checkScan(s: Scan, limitBytes: number, refuse: (code: string, params?: Record<string, string | number>) => AppError): CheckedScan {
  // Several files are chosen at once: the message names the one refused.
  const name = s.filename;
  if (s.truncated || s.bytes.length > limitBytes) throw refuse('registry.scan_too_large', { mb: Math.round(limitBytes / 1024 / 1024), name });
  if (s.bytes.length === 0) throw refuse('registry.scan_empty', { name });
  const mediaType = sniffContentType(s.bytes);
  // Counter scanners often save TIFF: the message tells the clerk to set the scanner to PDF (no converter is bundled).
  if (!mediaType) throw refuse(isTiff(s.bytes) ? 'registry.scan_tiff' : 'registry.scan_type', { name });
  const named = typeNamedBy(s.filename);
  if (named && named !== mediaType) throw refuse('registry.scan_type', { name });
  return { ...s, mediaType };
}

/**
 * Each scan checked (checkScan), the accepted ones and one error naming every refused file: with two refused (a
 * renamed program and an empty file), naming only the first let the other vanish from the form unnoticed.
 */
export function sortScans(scans: Scan[], limitBytes: number, field = 'scan'): { accepted: CheckedScan[]; refused: AppError | null } {
  const refuse = (code: string, params: Record<string, string | number> = {}) => new AppError(code, 'invalid', params, { [field]: code });
  const accepted: CheckedScan[] = [];
  const refusals: AppError[] = [];
  // Over the limit, the first ones (those kept from before come first) stay.
  for (const s of scans.slice(0, MAX_SCANS)) {
    try {
      accepted.push(checkScan(s, limitBytes, refuse));
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      refusals.push(err);
    }
  }
  if (scans.length > MAX_SCANS) return { accepted, refused: refuse('registry.scan_too_many', { max: MAX_SCANS }) };
  if (refusals.length < 2) return { accepted, refused: refusals[0] ?? null };
  const names = refusals.map((e) => String(e.params?.name ?? '')).join(', ');
  const code = refusals.some((e) => e.code === 'registry.scan_tiff') ? 'registry.scans_refused_tiff' : 'registry.scans_refused';
  return { accepted, refused: refuse(code, { names, mb: Math.round(limitBytes / 1024 / 1024) }) };
}

/**
 * A refused scan named as the JSON API's body names it (`scans`), not as the page's file input (`scan`): an integrator
 * reads `fields` against the body it sent.
 */
export function asApiScanError(err: unknown): unknown {
  if (!(err instanceof AppError) || !err.fields?.scan) return err;
  const { scan, ...rest } = err.fields;
  const renamed = new AppError(err.code, err.kind, err.params, { ...rest, scans: scan });
  renamed.retryAt = err.retryAt;
  return renamed;
}

/**
 * Scans are PDF, JPEG or PNG, recognised by their first bytes; a name that promises another type is refused (an
 * official opening it would be misled). Errors name the form field so the page shows them beside it.
 */
export function checkScans(scans: Scan[], limitBytes: number, field = 'scan'): CheckedScan[] {
  const { accepted, refused } = sortScans(scans, limitBytes, field);
  if (refused) throw refused;
  return accepted;
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
