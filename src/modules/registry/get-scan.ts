import type { Actor } from '../../platform/auth/actor.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import { AppError } from '../../platform/http/errors.ts';
import { assertCan, type RegistryDeps } from './registry-scope.ts';
import { findDocument } from './store.ts';

/** The bytes of a registered document's scan, for the clerk (audited: a scan carries personal data). */
export async function getScan(
  deps: RegistryDeps,
  input: { actor: Actor; institutionId: string; entryId: string; documentId: string },
): Promise<{ bytes: Uint8Array; filename: string; mediaType: string }> {
  assertCan(input.actor, 'registry.read', input.institutionId);
  const doc = await deps.db.transaction(async (tx) => {
    const d = await findDocument(tx, input.institutionId, input.entryId, input.documentId);
    if (!d) throw new AppError('registry.entry_not_found', 'not_found');
    await recordAudit(tx, {
      chain: input.institutionId,
      actorId: input.actor.accountId,
      action: 'registry.scan_viewed',
      entity: 'registry_document',
      entityId: d.id,
      details: { sha256: d.sha256 },
      ip: input.actor.ip,
    });
    return d;
  });
  const bytes = await deps.blobs.get(doc.sha256);
  if (!bytes) throw new AppError('registry.scan_missing', 'unavailable');
  return { bytes, filename: doc.filename, mediaType: doc.mediaType };
}
