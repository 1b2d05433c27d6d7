import type { AppDeps } from '../../app.ts';
import { AppError } from '../../platform/http/errors.ts';
import type { CatalogEntry } from './search-catalog.ts';
import { departmentsOf, findCatalogInstitution } from './institutions.ts';
import { findPublishedByCode } from './store.ts';

/** `withdrawnAt`: withdrawn from the online catalogue — its page says so and gives the institution's contacts. */
export type PublishedServicePage = CatalogEntry & { versionId: string; departmentName: string | null; withdrawnAt: Date | null };

/** The published version of a service, by the institution's slug and the service code (public, no login). */
export async function getPublishedService(deps: Pick<AppDeps, 'db'>, input: { institution: string; code: string }): Promise<PublishedServicePage> {
  const institution = await findCatalogInstitution(deps.db, input.institution);
  if (!institution) throw new AppError('catalog.service_not_found', 'not_found');
  const found = await findPublishedByCode(deps.db, institution.id, input.code);
  if (!found) throw new AppError('catalog.service_not_found', 'not_found');
  const department = (await departmentsOf(deps.db, institution.id)).find((d) => d.code === found.definition.departmentCode);
  return {
    institution,
    code: found.definition.code,
    version: found.version,
    versionId: found.versionId,
    definition: found.definition,
    departmentName: department?.name ?? null,
    withdrawnAt: found.withdrawnAt,
  };
}
