import { createHash } from 'node:crypto';
import type { AppDeps } from '../../app.ts';
import { AppError } from '../../platform/http/errors.ts';
import { type PadesReport, verifyPadesSignatures } from '../../platform/signing/verify-pades.ts';
import { findIssuedDocumentBySha, findIssuedRevision, findPublicDocument, issuedFileBytes, type PublicDocument } from '../documents/find-issued-document.ts';

/*
 * Public verification (no login). A document is authentic when it is the exact file the institution issued: its
 * SHA-256 is that of an issued answer. A file that is not can still contain one: each signature closes a revision
 * (a prefix of the file), so a copy with bytes appended after signing still holds the issued revision — that copy
 * is reported as altered, naming the document it was made from. A copy changed inside a signed revision breaks
 * the signatures and matches nothing.
 */

export type SignatureLine = { signer: string | null; time: string | null; level: 'B-B' | 'B-T' | null; valid: boolean; timestamped: boolean };

const lines = (report: PadesReport): SignatureLine[] =>
  report.signatures.map((s) => ({
    signer: s.signerName,
    time: s.timestamp?.valid ? s.timestamp.time : s.signingTime,
    level: s.level,
    valid: s.digestMatches && s.signatureValid && s.byteRangeCoversRevision,
    timestamped: Boolean(s.timestamp?.valid),
  }));

export type DocumentVerification =
  | {
      document: PublicDocument;
      issued: true;
      signatures: SignatureLine[];
      /** Every signature valid and nothing appended after the last one. */
      complete: boolean;
    }
  | { document: null; issued: false; signatures: []; complete: false };

/**
 * The page the QR code opens: the document's number, date, issuer, hash and the state of its signatures. A version
 * never issued (being signed, or replaced by a corrected one before issue) is only "not issued": its title, number
 * and fingerprint describe a draft nobody received, so whoever holds its id learns nothing of it.
 */
export async function verifyDocument(deps: Pick<AppDeps, 'db' | 'blobs'>, documentId: string): Promise<DocumentVerification> {
  const document = await findPublicDocument(deps, documentId);
  if (!document) throw new AppError('verification.not_found', 'not_found');
  const bytes = await issuedFileBytes(deps, document);
  if (!bytes) return { document: null, issued: false, signatures: [], complete: false };
  const report = await verifyPadesSignatures(bytes);
  return { document, issued: true, signatures: lines(report), complete: report.valid && !report.changedAfterLastSignature };
}

export type UploadVerdict =
  | { kind: 'authentic'; document: PublicDocument; signatures: SignatureLine[] }
  | { kind: 'altered_after_signing'; document: PublicDocument; signatures: SignatureLine[] }
  | { kind: 'earlier_revision'; document: PublicDocument; seq: number; signatures: SignatureLine[] }
  | { kind: 'altered'; signatures: SignatureLine[] }
  | { kind: 'unknown'; signatures: SignatureLine[] }
  | { kind: 'not_pdf' };

/** "Anyone can upload a PDF": is it a document the institution issued, unchanged? */
export async function checkUploadedPdf(deps: Pick<AppDeps, 'db' | 'blobs'>, bytes: Uint8Array): Promise<UploadVerdict & { sha256: string }> {
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  if (!Buffer.from(bytes.subarray(0, 1024)).toString('latin1').includes('%PDF-')) return { kind: 'not_pdf', sha256 };
  const exact = await findIssuedDocumentBySha(deps, sha256);
  const report = await verifyPadesSignatures(bytes);
  const signatures = lines(report);
  if (exact) return { kind: 'authentic', document: exact, signatures, sha256 };
  // The longest signed revision that the institution issued.
  const buf = Buffer.from(bytes);
  for (const s of [...report.signatures].reverse()) {
    const [, , c, d] = s.byteRange;
    if (c + d > buf.length) continue;
    const revision = createHash('sha256').update(buf.subarray(0, c + d)).digest('hex');
    const found = await findIssuedRevision(deps, revision);
    if (!found) continue;
    if (found.document.sha256 === revision || found.seq === found.document.revisions) return { kind: 'altered_after_signing', document: found.document, signatures, sha256 };
    // A revision of an issued document that is not its last: bytes after it are either the later signatures of
    // another copy or something else; either way this file is not the issued one.
    return c + d === buf.length
      ? { kind: 'earlier_revision', document: found.document, seq: found.seq, signatures, sha256 }
      : { kind: 'altered_after_signing', document: found.document, signatures, sha256 };
  }
  if (report.signatures.length > 0 && !report.valid) return { kind: 'altered', signatures, sha256 };
  return { kind: 'unknown', signatures, sha256 };
}
