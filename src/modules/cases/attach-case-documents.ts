import { randomUUID } from 'node:crypto';
import type { Tx } from '../../db/database.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import { caseDocument } from './schema.ts';

export type StoredScan = { sha256: string; filename: string; mediaType: string; sizeBytes: number };

/**
 * Attaches documents already stored in the blob store (checked by content) to a case, as received ('in'), inside
 * the caller's transaction — used when a clerk files a paper request at the counter or the registry.
 */
export async function attachCaseDocuments(
  tx: Tx,
  input: { caseId: string; institutionId: string; documents: StoredScan[]; actorId: string | null; requiredDocumentId?: string | null },
): Promise<string[]> {
  const ids: string[] = [];
  for (const d of input.documents) {
    const id = randomUUID();
    await tx.insert(caseDocument).values({
      id,
      caseId: input.caseId,
      direction: 'in',
      requiredDocumentId: input.requiredDocumentId ?? null,
      filename: d.filename,
      mediaType: d.mediaType,
      sizeBytes: d.sizeBytes,
      sha256: d.sha256,
      uploadedBy: input.actorId,
    });
    ids.push(id);
  }
  if (ids.length) {
    await recordAudit(tx, {
      chain: input.institutionId,
      actorId: input.actorId,
      action: 'case.documents_attached',
      entity: 'case',
      entityId: input.caseId,
      details: { documents: input.documents.map((d) => ({ sha256: d.sha256, mediaType: d.mediaType })) },
    });
  }
  return ids;
}
