import type { AppDeps } from '../../app.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { AppError } from '../../platform/http/errors.ts';
import type { BlobStore } from '../../platform/storage/blob-store.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import { findCaseForOfficial } from './get-case-for-official.ts';
import { findOwnCase } from './get-case-for-applicant.ts';
import { findCaseDocument } from './store.ts';
import { isUuid } from '../../platform/ids/uuid.ts';

/** A document of the applicant's own case (sent or received), with its bytes; anyone else gets "not found". */
export async function getCaseDocumentForApplicant(
  deps: Pick<AppDeps, 'db' | 'now'> & { blobs: BlobStore },
  actor: Actor,
  input: { caseId: string; documentId: string },
): Promise<{ filename: string; mediaType: string; bytes: Uint8Array }> {
  const row = await findOwnCase(deps.db, actor, input.caseId, deps.now());
  const doc = isUuid(input.documentId) ? await findCaseDocument(deps.db, row.id, input.documentId) : null;
  if (!doc) throw new AppError('case.not_found', 'not_found');
  const bytes = await deps.blobs.get(doc.sha256);
  if (!bytes) throw new AppError('tracking.file.missing', 'unavailable');
  return { filename: doc.filename, mediaType: doc.mediaType, bytes };
}

/**
 * A document of a case the official may read (their department's, or any with institution-wide rights), with its
 * bytes: the file is the applicant's personal data, so the download is audited (`case.document_opened`).
 */
export async function getCaseDocumentForOfficial(
  deps: Pick<AppDeps, 'db'> & { blobs: BlobStore },
  actor: Actor,
  input: { caseId: string; documentId: string },
): Promise<{ filename: string; mediaType: string; bytes: Uint8Array }> {
  const doc = await deps.db.transaction(async (tx) => {
    const row = await findCaseForOfficial(tx, actor, input.caseId, 'cases.read');
    const found = isUuid(input.documentId) ? await findCaseDocument(tx, row.id, input.documentId) : null;
    if (!found) throw new AppError('case.not_found', 'not_found');
    await recordAudit(tx, {
      chain: row.institutionId,
      actorId: actor.accountId,
      action: 'case.document_opened',
      subjectId: row.applicantAccountId,
      entity: 'case',
      entityId: row.id,
      details: { documentId: found.id, filename: found.filename },
      ip: actor.ip,
    });
    return found;
  });
  const bytes = await deps.blobs.get(doc.sha256);
  if (!bytes) throw new AppError('tracking.file.missing', 'unavailable');
  return { filename: doc.filename, mediaType: doc.mediaType, bytes };
}
