import { randomUUID } from 'node:crypto';
import type { AppDeps } from '../../app.ts';
import { AppError } from '../../platform/http/errors.ts';
import { searchTextOf } from './domain/search-services.ts';
import { editService, type ServiceEdit } from './edit-service.ts';
import { findDraft, insertServiceVersion, listVersions, nextVersionNumber, type ServiceVersionRow } from './store.ts';

/**
 * Opens the next version of a service as a draft, a copy of the published one (or of the latest version).
 * A service has at most one draft: asking again returns the open one.
 */
export async function createDraftVersion(deps: Pick<AppDeps, 'db' | 'now'>, input: ServiceEdit): Promise<{ draft: ServiceVersionRow; created: boolean }> {
  const at = deps.now();
  return editService(deps, input, async (tx, service, audit) => {
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
    await audit('catalog.draft_created', draft, { version, copiedFrom: source.version });
    return { draft, created: true };
  });
}
