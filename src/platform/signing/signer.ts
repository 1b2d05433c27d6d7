import { AppError } from '../http/errors.ts';
import { addSignatureTimestamp, buildSignedData, type CmsKey, encodeContentInfo, sha256 } from './cms.ts';
import { embedSignature, prepareIncrementalSignature, type SignatureFields, signedBytes } from './pdf-incremental.ts';

/*
 * The one way the platform signs a PDF. Every implementation produces a PAdES baseline signature
 * (ETSI.CAdES.detached, signing-certificate-v2, no signing-time) appended as an incremental update, so signing an
 * already signed document adds a revision and leaves the earlier signatures valid. With a time-stamp authority the
 * signature is B-T (RFC 3161 token over the signature value), otherwise B-B.
 */

export type SignOptions = SignatureFields;

export interface Signer {
  /** Returns the PDF with one more signature revision appended; the input bytes are a prefix of the output. */
  sign(pdf: Uint8Array, opts: SignOptions): Promise<Uint8Array>;
  /** The signer certificate (DER). */
  certificate(): Promise<Uint8Array>;
}

/** Anything that returns an RFC 3161 time-stamp token (DER ContentInfo) for a SHA-256 digest. */
export interface TimestampAuthority {
  timestamp(sha256Digest: Uint8Array): Promise<Uint8Array>;
}

/** Room for the CMS: the certificates, the signature value and a time-stamp token with the TSA's certificate. */
const CONTENTS_BYTES = 16_384;

export async function signPdfWithKey(
  pdf: Uint8Array,
  opts: SignOptions,
  key: CmsKey,
  tsa: TimestampAuthority | null = null,
): Promise<Uint8Array> {
  let prepared: Awaited<ReturnType<typeof prepareIncrementalSignature>>;
  try {
    prepared = await prepareIncrementalSignature(pdf, opts, CONTENTS_BYTES);
  } catch (err) {
    throw new AppError('signing.pdf_unsupported', 'invalid', { reason: (err as Error).message });
  }
  const { signedData, signatureValue } = await buildSignedData({ key, contentDigest: sha256(signedBytes(prepared)) });
  if (tsa) addSignatureTimestamp(signedData, await tsa.timestamp(sha256(signatureValue)));
  return embedSignature(prepared, encodeContentInfo(signedData));
}
