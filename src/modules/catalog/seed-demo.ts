import type { Executor } from '../../db/database.ts';
import { findDefaultInstitution, listInstitutions } from '../organisation/store.ts';
import { publishServiceVersion } from './publish-service.ts';
import { DEMO_SERVICES } from './seed-services.ts';

/** Publishes the demo catalogue (version 1 of each service) for the demo institutions. */
export async function seedCatalog(db: Executor, at = new Date()): Promise<number> {
  const bySlug = new Map((await listInstitutions(db)).map((i) => [i.slug, i.id]));
  if (!(await findDefaultInstitution(db))) return 0;
  let n = 0;
  for (const { institutionSlug, service } of DEMO_SERVICES) {
    const institutionId = bySlug.get(institutionSlug);
    if (!institutionId) continue;
    await publishServiceVersion(db, { institutionId, definition: service, actorId: null, at });
    n++;
  }
  return n;
}
