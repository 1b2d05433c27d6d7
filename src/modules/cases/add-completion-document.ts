import { randomUUID } from 'node:crypto';
import type { AppDeps } from '../../app.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { AppError } from '../../platform/http/errors.ts';
import type { BlobStore } from '../../platform/storage/blob-store.ts';
import { sniffDocumentType, storedFilename, typeNamedBy } from '../../platform/storage/sniff.ts';
import { virusVerdict } from '../../platform/storage/virus-scan.ts';
import { findOwnCase } from './get-case-for-applicant.ts';
import { insertCaseDocument } from './store.ts';


/** A file name safe to store and to send back in a Content-Disposition header. */

/**
 * The applicant sends a document the official asked for. Only while the case waits for them; the content decides
 * the type (PDF, JPG, PNG, DOCX or ODT), never the name, and a name that promises another type is refused.
 */
export async function addCompletionDocument(
  deps: Pick<AppDeps, 'db' | 'now' | 'config' | 'log'> & { blobs: BlobStore },
  actor: Actor,
  input: { caseId: string; filename: string; bytes: Uint8Array; truncated?: boolean },
): Promise<{ documentId: string; sha256: string }> {
  const now = deps.now();
  const row = await findOwnCase(deps.db, actor, input.caseId, now);
  if (row.status !== 'awaiting_applicant') throw new AppError('tracking.completion.not_requested', 'conflict');
  if (input.bytes.length === 0 && !input.filename) throw new AppError('tracking.file.required', 'invalid', {}, { file: 'tracking.file.required' });
  if (input.truncated || input.bytes.length > deps.config.uploadLimitBytes) {
    throw new AppError('tracking.file.too_large', 'invalid', { mb: Math.round(deps.config.uploadLimitBytes / 1048576) }, { file: 'tracking.file.too_large' });
  }
  if (input.bytes.length === 0) throw new AppError('tracking.file.empty', 'invalid', {}, { file: 'tracking.file.empty' });
  // The same types as the request's own attachments: a missing document may well be a Word or LibreOffice file.
  const type = sniffDocumentType(input.bytes);
  if (!type) throw new AppError('tracking.file.type', 'invalid', {}, { file: 'tracking.file.type' });
  const named = typeNamedBy(input.filename);
  if (named && named !== type) throw new AppError('tracking.file.mismatch', 'invalid', {}, { file: 'tracking.file.mismatch' });
  const verdict = await virusVerdict(deps, input.bytes);
  if (verdict) throw new AppError(`tracking.file.${verdict}`, verdict === 'unavailable' ? 'unavailable' : 'invalid', {}, { file: `tracking.file.${verdict}` });
  const sha256 = await deps.blobs.put(input.bytes);
  const documentId = randomUUID();
  await deps.db.transaction(async (tx) => {
    // Checked again under the transaction: the case may have moved on while the file was being stored.
    const current = await findOwnCase(tx, actor, input.caseId, now);
    if (current.status !== 'awaiting_applicant') throw new AppError('tracking.completion.not_requested', 'conflict');
    await insertCaseDocument(tx, {
      id: documentId,
      caseId: row.id,
      direction: 'in',
      filename: storedFilename(input.filename, type),
      mediaType: type,
      sizeBytes: input.bytes.length,
      sha256,
      uploadedBy: actor.accountId,
      createdAt: now,
    });
    await recordAudit(tx, {
      chain: row.institutionId,
      actorId: actor.accountId,
      action: 'case.document_added',
      subjectId: row.applicantAccountId,
      entity: 'case',
      entityId: row.id,
      details: { documentId, sha256, mediaType: type, size: input.bytes.length },
      ip: actor.ip,
    });
  });
  return { documentId, sha256 };
}
