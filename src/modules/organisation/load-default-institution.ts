import type { AppDeps } from '../../app.ts';
import type { InstitutionInfo } from '../../platform/web/context.ts';
import { findDefaultInstitution } from './store.ts';

/**
 * Every page shows the institution; reading it once a minute per process is enough. A change made in this
 * process is visible at once (forgetDefaultInstitution); other processes see it within the minute.
 */
const TTL_MS = 60_000;
let cache: { at: number; value: Promise<InstitutionInfo | null> } | null = null;

export function forgetDefaultInstitution(): void {
  cache = null;
}

/** The institution whose name and contacts the pages show: DEFAULT_INSTITUTION, else the first top-level one. */
export function loadDefaultInstitution(deps: Pick<AppDeps, 'db'>): Promise<InstitutionInfo | null> {
  if (!cache || Date.now() - cache.at > TTL_MS) {
    const value = readDefaultInstitution(deps).catch((err) => {
      cache = null;
      throw err;
    });
    cache = { at: Date.now(), value };
  }
  return cache.value;
}

async function readDefaultInstitution(deps: Pick<AppDeps, 'db'>): Promise<InstitutionInfo | null> {
  const row = await findDefaultInstitution(deps.db, process.env.DEFAULT_INSTITUTION);
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
