import type { AppDeps } from '../../app.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { AppError } from '../../platform/http/errors.ts';
import { assertCanManageCatalog } from './authorize.ts';
import { findService, listVersions, type ServiceRow, type ServiceVersionRow } from './store.ts';

export type ServiceHistory = {
  service: ServiceRow;
  /** Newest first, drafts included. */
  versions: ServiceVersionRow[];
  published: ServiceVersionRow | null;
  draft: ServiceVersionRow | null;
};

/** A service of the institution with every version it has had (for the editor). */
export async function getServiceHistory(deps: Pick<AppDeps, 'db'>, input: { actor: Actor; institutionId: string; code: string }): Promise<ServiceHistory> {
  assertCanManageCatalog(input.actor, input.institutionId);
  const service = await findService(deps.db, input.institutionId, input.code);
  if (!service) throw new AppError('catalog.service_not_found', 'not_found');
  const versions = await listVersions(deps.db, service.id);
  return {
    service,
    versions,
    published: versions.find((v) => v.id === service.publishedVersionId) ?? null,
    draft: versions.find((v) => v.status === 'draft') ?? null,
  };
}
