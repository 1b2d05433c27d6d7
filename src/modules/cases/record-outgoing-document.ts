import { randomUUID } from 'node:crypto';
import type { Tx } from '../../db/database.ts';
import type { DocumentSignature } from './schema.ts';
import { insertCaseDocument } from './store.ts';

/**
 * Records a document the institution sends on a case (direction 'out', e.g. the signed answer) in the caller's
 * transaction; the applicant then sees it among the case's documents. The bytes are already in the blob store.
 */
export async function recordOutgoingDocument(
  tx: Tx,
  input: { caseId: string; filename: string; mediaType: string; sizeBytes: number; sha256: string; signature: DocumentSignature | null; actorId: string | null; at: Date },
): Promise<string> {
  const id = randomUUID();
  await insertCaseDocument(tx, {
    id,
    caseId: input.caseId,
    direction: 'out',
    filename: input.filename,
    mediaType: input.mediaType,
    sizeBytes: input.sizeBytes,
    sha256: input.sha256,
    signature: input.signature,
    uploadedBy: input.actorId,
    createdAt: input.at,
  });
  return id;
}
