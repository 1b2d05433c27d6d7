import type { AppDeps } from '../../app.ts';
import type { Category } from './domain/category.ts';
import { rankServices } from './domain/search-services.ts';
import { CATEGORIES, type ServiceDefinition } from './domain/service-definition.ts';
import { type CatalogInstitution, listCatalogInstitutions } from './institutions.ts';
import { listPublished } from './store.ts';

export type CatalogEntry = { institution: CatalogInstitution; code: string; version: number; definition: ServiceDefinition };

/**
 * The published services of every institution (or one), optionally of one category; with a query, only the
 * matching ones, best first (diacritics optional), else by category and name.
 */
export async function searchCatalog(
  deps: Pick<AppDeps, 'db'>,
  input: { query?: string; category?: Category | null; institution?: string | null },
): Promise<CatalogEntry[]> {
  const institutions = await listCatalogInstitutions(deps.db);
  const chosen = input.institution ? institutions.filter((i) => i.slug === input.institution) : institutions;
  if (chosen.length === 0) return [];
  const byId = new Map(chosen.map((i) => [i.id, i]));
  const published = await listPublished(deps.db, chosen.length === 1 ? chosen[0]!.id : undefined);
  const entries: CatalogEntry[] = published.flatMap((p) => {
    const institution = byId.get(p.institutionId);
    // A service withdrawn from the online catalogue is not listed (its page still says where to go instead).
    if (!institution || p.withdrawnAt) return [];
    if (input.category && p.definition.category !== input.category) return [];
    return [{ institution, code: p.definition.code, version: p.version, definition: p.definition }];
  });
  const query = input.query?.trim() ?? '';
  if (query) return rankServices(entries, query);
  return entries.sort(
    (a, b) =>
      CATEGORIES.indexOf(a.definition.category) - CATEGORIES.indexOf(b.definition.category) ||
      a.definition.name.ro.localeCompare(b.definition.name.ro, 'ro'),
  );
}
