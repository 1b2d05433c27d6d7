import type { AppDeps } from '../../app.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { AppError } from '../../platform/http/errors.ts';
import type { BlobStore } from '../../platform/storage/blob-store.ts';
import { findOwnCase } from './get-case-for-applicant.ts';
import { findCaseDocument } from './store.ts';

/** A document of the applicant's own case (sent or received), with its bytes; anyone else gets "not found". */
export async function getCaseDocumentForApplicant(
  deps: Pick<AppDeps, 'db' | 'now'> & { blobs: BlobStore },
  actor: Actor,
  input: { caseId: string; documentId: string },
): Promise<{ filename: string; mediaType: string; bytes: Uint8Array }> {
  const row = await findOwnCase(deps.db, actor, input.caseId, deps.now());
  const doc = /^[0-9a-f-]{36}$/i.test(input.documentId) ? await findCaseDocument(deps.db, row.id, input.documentId) : null;
  if (!doc) throw new AppError('case.not_found', 'not_found');
  const bytes = await deps.blobs.get(doc.sha256);
  if (!bytes) throw new AppError('tracking.file.missing', 'unavailable');
  return { filename: doc.filename, mediaType: doc.mediaType, bytes };
}
