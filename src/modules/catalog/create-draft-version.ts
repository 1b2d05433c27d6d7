import { randomUUID } from 'node:crypto';
import type { AppDeps } from '../../app.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { AppError } from '../../platform/http/errors.ts';
import { assertCanManageCatalog } from './authorize.ts';
import { searchTextOf } from './domain/search-services.ts';
import { findDraft, findService, insertServiceVersion, listVersions, lockService, nextVersionNumber, type ServiceVersionRow } from './store.ts';

/**
 * Opens the next version of a service as a draft, a copy of the published one (or of the latest version).
 * A service has at most one draft: asking again returns the open one.
 */
export async function createDraftVersion(
  deps: Pick<AppDeps, 'db' | 'now'>,
  input: { actor: Actor; institutionId: string; code: string },
): Promise<{ draft: ServiceVersionRow; created: boolean }> {
  assertCanManageCatalog(input.actor, input.institutionId);
  const at = deps.now();
  return deps.db.transaction(async (tx) => {
    const service = await findService(tx, input.institutionId, input.code);
    if (!service) throw new AppError('catalog.service_not_found', 'not_found');
    await lockService(tx, service.id);
    const open = await findDraft(tx, service.id);
    if (open) return { draft: open, created: false };
    const versions = await listVersions(tx, service.id);
    const source = versions.find((v) => v.id === service.publishedVersionId) ?? versions[0];
    if (!source) throw new AppError('catalog.service_not_found', 'not_found');
    const version = await nextVersionNumber(tx, service.id);
    const draft: ServiceVersionRow = {
      id: randomUUID(),
      serviceId: service.id,
      version,
      status: 'draft',
      definition: source.definition,
      searchText: searchTextOf(source.definition),
      createdBy: input.actor.accountId,
      createdAt: at,
      publishedAt: null,
    };
    await insertServiceVersion(tx, draft);
    await recordAudit(tx, {
      chain: input.institutionId,
      actorId: input.actor.accountId,
      action: 'catalog.draft_created',
      entity: 'service_version',
      entityId: draft.id,
      details: { code: service.code, version, copiedFrom: source.version },
      ip: input.actor.ip,
    });
    return { draft, created: true };
  });
}
