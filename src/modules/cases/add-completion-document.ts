import { createHash, randomUUID } from 'node:crypto';
import type { AppDeps } from '../../app.ts';
import type { Executor } from '../../db/database.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { AppError } from '../../platform/http/errors.ts';
import type { BlobStore } from '../../platform/storage/blob-store.ts';
import { isHeifPhoto, sniffDocumentType, storedFilename, typeNamedBy } from '../../platform/storage/sniff.ts';
import { virusVerdict } from '../../platform/storage/virus-scan.ts';
import { findOwnCase } from './get-case-for-applicant.ts';
import { insertCaseDocument, listActions, listCaseDocuments } from './store.ts';

/**
 * The document with these bytes and this name the applicant already sent for the latest completion request, if any: sending the
 * same file again (a retry after a lost answer, a second click) adds nothing.
 */
async function alreadySent(db: Executor, caseId: string, file: { sha256: string; filename: string }) {
  const request = (await listActions(db, caseId)).findLast((a) => a.type === 'completion_requested');
  if (!request) return undefined;
  return (await listCaseDocuments(db, caseId)).find((d) => d.direction === 'in' && d.sha256 === file.sha256 && d.filename === file.filename && d.createdAt >= request.at);
}

/**
 * The applicant sends a document the official asked for. Only while the case waits for them; the content decides
 * the type (PDF, JPG, PNG, DOCX or ODT), never the name, and a name that promises another type is refused.
 * The same file (content and name) sent again for the same request is the document already sent (`duplicate`),
 * even once the file was declared complete, so a repeated call changes nothing.
 */
export async function addCompletionDocument(
  deps: Pick<AppDeps, 'db' | 'now' | 'config' | 'log'> & { blobs: BlobStore },
  actor: Actor,
  input: { caseId: string; filename: string; bytes: Uint8Array; truncated?: boolean },
): Promise<{ documentId: string; sha256: string; duplicate: boolean }> {
  const now = deps.now();
  const row = await findOwnCase(deps.db, actor, input.caseId, now);
  // The content decides the type (checked below); known already, it finds a file sent before.
  const type = sniffDocumentType(input.bytes);
  const sent = type && { sha256: createHash('sha256').update(input.bytes).digest('hex'), filename: storedFilename(input.filename, type) };
  const earlier = sent ? await alreadySent(deps.db, row.id, sent) : undefined;
  if (earlier) return { documentId: earlier.id, sha256: earlier.sha256, duplicate: true };
  if (row.status !== 'awaiting_applicant') throw new AppError('tracking.completion.not_requested', 'conflict');
  if (input.bytes.length === 0 && !input.filename) throw new AppError('tracking.file.required', 'invalid', {}, { file: 'tracking.file.required' });
  if (input.truncated || input.bytes.length > deps.config.uploadLimitBytes) {
    throw new AppError('tracking.file.too_large', 'invalid', { mb: Math.round(deps.config.uploadLimitBytes / 1048576) }, { file: 'tracking.file.too_large' });
  }
  if (input.bytes.length === 0) throw new AppError('tracking.file.empty', 'invalid', {}, { file: 'tracking.file.empty' });
  // The same types as the request's own attachments: a missing document may well be a Word or LibreOffice file.
  if (!type) {
    const code = isHeifPhoto(input.bytes) ? 'tracking.file.heic' : 'tracking.file.type';
    throw new AppError(code, 'invalid', {}, { file: code });
  }
  const named = typeNamedBy(input.filename);
  if (named && named !== type) throw new AppError('tracking.file.mismatch', 'invalid', {}, { file: 'tracking.file.mismatch' });
  const verdict = await virusVerdict(deps, input.bytes);
  if (verdict) throw new AppError(`tracking.file.${verdict}`, verdict === 'unavailable' ? 'unavailable' : 'invalid', {}, { file: `tracking.file.${verdict}` });
  const sha256 = await deps.blobs.put(input.bytes);
  return deps.db.transaction(async (tx) => {
    // Checked again under the transaction: the case may have moved on, or the same file arrived, while it was stored.
    const current = await findOwnCase(tx, actor, input.caseId, now);
    const twin = await alreadySent(tx, row.id, { sha256, filename: storedFilename(input.filename, type) });
    if (twin) return { documentId: twin.id, sha256, duplicate: true };
    if (current.status !== 'awaiting_applicant') throw new AppError('tracking.completion.not_requested', 'conflict');
    const documentId = randomUUID();
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
    return { documentId, sha256, duplicate: false };
  });
}
