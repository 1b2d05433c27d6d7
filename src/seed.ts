import type { Database } from './db/database.ts';
import { seedCatalog } from './modules/catalog/seed-demo.ts';
import { seedDocumentsDemo } from './modules/documents/seed-demo.ts';
import { seedIdentityDemo } from './modules/identity/seed-demo.ts';
import { seedOrganisation } from './modules/organisation/seed-demo.ts';
import { findDefaultInstitution } from './modules/organisation/store.ts';

/** True when the database has no institution yet (a fresh embedded install). */
export async function isEmpty(database: Database): Promise<boolean> {
  return (await findDefaultInstitution(database.db)) === null;
}

/**
 * The demo: Primăria Sectorului 5 with its department tree and two subordinate institutions, one official
 * per role, a few citizens and a company, and the catalogue of services. Runs in one transaction: all of it or nothing.
 */
export async function seedDemo(database: Database): Promise<void> {
  await database.db.transaction(async (tx) => {
    await seedOrganisation(tx);
    await seedIdentityDemo(tx);
    await seedCatalog(tx);
    await seedDocumentsDemo(tx);
  });
}
