import type { Executor } from '../../db/database.ts';
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
  return readScan(deps, input.actor, async () => ({ institutionId: input.institutionId, entryId: input.entryId }), input.documentId);
}

/**
 * A scan of the entry `locate` finds (after checking the actor may read it), with the read audited in the same
 * transaction; a scan of another entry answers 404 like a missing one.
 */
export async function readScan(
  deps: RegistryDeps,
  actor: Actor,
  locate: (tx: Executor) => Promise<{ institutionId: string; entryId: string }>,
  documentId: string,
): Promise<{ bytes: Uint8Array; filename: string; mediaType: string }> {
  const doc = await deps.db.transaction(async (tx) => {
    const { institutionId, entryId } = await locate(tx);
    const d = await findDocument(tx, institutionId, entryId, documentId);
    if (!d) throw new AppError('registry.entry_not_found', 'not_found');
    await recordAudit(tx, {
      chain: institutionId,
      actorId: actor.accountId,
      action: 'registry.scan_viewed',
      entity: 'registry_document',
      entityId: d.id,
      details: { sha256: d.sha256 },
      ip: actor.ip,
    });
    return d;
  });
  const bytes = await deps.blobs.get(doc.sha256);
  if (!bytes) throw new AppError('registry.scan_missing', 'unavailable');
  return { bytes, filename: doc.filename, mediaType: doc.mediaType };
}
