import type { AppDeps } from '../../app.ts';
import type { InstitutionInfo } from '../../platform/web/context.ts';
import { findDefaultInstitution } from './store.ts';

/** The institution whose name and contacts the pages show: DEFAULT_INSTITUTION, else the first top-level one. */
export async function loadDefaultInstitution(deps: AppDeps): Promise<InstitutionInfo | null> {
  const row = await findDefaultInstitution(deps.db, process.env.DEFAULT_INSTITUTION);
  if (!row) return null;
  return {
    name: row.name,
    shortName: row.shortName,
    address: row.address,
    email: row.email,
    phone: row.phone,
    workingHours: row.workingHours,
  };
}
