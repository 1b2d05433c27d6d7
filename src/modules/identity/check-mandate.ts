import type { AppDeps } from '../../app.ts';
import type { UploadedFile } from '../../platform/http/multipart.ts';
import { sniffContentType, typeNamedBy } from '../../platform/storage/sniff.ts';
import { virusVerdict } from '../../platform/storage/virus-scan.ts';

const MAX_MANDATE_BYTES = 10 * 1024 * 1024;

declare const checked: unique symbol;
/** A mandate that passed `checkMandate`: the only kind `registerAccount` takes, so no caller can skip the checks. */
export type Mandate = { bytes: Uint8Array; filename: string; readonly [checked]: true };

/** The largest mandate accepted: the upload limit, at most 10 MB. */
export const mandateLimit = (deps: Pick<AppDeps, 'config'>) => Math.min(deps.config.uploadLimitBytes, MAX_MANDATE_BYTES);

/**
 * Checks an uploaded mandate by its content (the name and the browser's declared type prove nothing), its size and
 * the configured virus scanner (officials open it: a file the scanner refuses, or cannot check, is not kept).
 * Returns the mandate, or the message key of what is wrong with it.
 */
export async function checkMandate(deps: Pick<AppDeps, 'config' | 'log'>, upload: UploadedFile | undefined): Promise<Mandate | string> {
  if (!upload || (upload.bytes.length === 0 && !upload.filename)) return 'identity.mandate.required';
  if (upload.truncated || upload.bytes.length > mandateLimit(deps)) return 'identity.mandate.too_large';
  if (upload.bytes.length === 0) return 'identity.mandate.empty';
  const sniffed = sniffContentType(upload.bytes);
  if (!sniffed) return 'identity.mandate.type';
  // A name that promises another type (an image renamed ".pdf") is refused: the official would be misled too.
  const named = typeNamedBy(upload.filename);
  if (named && named !== sniffed) return 'identity.mandate.mismatch';
  const bytes = new Uint8Array(upload.bytes);
  const verdict = await virusVerdict(deps, bytes);
  if (verdict) return `identity.mandate.${verdict}`;
  return { bytes, filename: upload.filename } as Mandate;
}
