import type { AppDeps } from '../../app.ts';
import { cachedConfig } from '../../platform/cache/config-cache.ts';
import type { InstitutionInfo } from '../../platform/web/context.ts';
import { findDefaultInstitution } from './store.ts';

/**
 * Every page shows the institution: kept with the rest of the configuration (platform/cache/config-cache.ts), so a
 * change made by any process is seen by every process as soon as PostgreSQL delivers pd_config_changed (migration
 * 0039's trigger on institution). forgetDefaultInstitution drops it by hand (the database is gone, in tests).
 */
let generation = 0;

export function forgetDefaultInstitution(): void {
  generation++;
}

/** The institution whose name and contacts the pages show: DEFAULT_INSTITUTION, else the first top-level one. */
export function loadDefaultInstitution(deps: Pick<AppDeps, 'db' | 'config'>): Promise<InstitutionInfo | null> {
  return cachedConfig(`default-institution:${generation}`, () => readDefaultInstitution(deps));
}

async function readDefaultInstitution(deps: Pick<AppDeps, 'db' | 'config'>): Promise<InstitutionInfo | null> {
  const row = await findDefaultInstitution(deps.db, deps.config.defaultInstitution ?? undefined);
  if (!row) return null;
  return {
    id: row.id,
    name: row.name,
    shortName: row.shortName,
    address: row.address,
    email: row.email,
    phone: row.phone,
    workingHours: row.workingHours,
    logoUrl: row.logoSha256 ? `/sigla/${row.id}?v=${row.logoSha256.slice(0, 12)}` : null,
  };
}
