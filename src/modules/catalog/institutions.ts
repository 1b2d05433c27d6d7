import type { Executor } from '../../db/database.ts';
import { orderTree } from '../organisation/domain/department-tree.ts';
import { listDepartments, listInstitutions } from '../organisation/store.ts';

export type CatalogInstitution = {
  id: string;
  slug: string;
  name: string;
  shortName: string;
  address: string;
  cui: string;
  email: string | null;
  phone: string | null;
};

/** The institutions whose catalogues the platform shows (read-only view of the organisation area). */
export async function listCatalogInstitutions(db: Executor): Promise<CatalogInstitution[]> {
  const rows = await listInstitutions(db);
  // The city hall first, then its subordinate institutions.
  return rows
    .sort((a, b) => Number(a.parentId !== null) - Number(b.parentId !== null) || a.name.localeCompare(b.name, 'ro'))
    .map((r) => ({ id: r.id, slug: r.slug, name: r.name, shortName: r.shortName, address: r.address, cui: r.cui, email: r.email, phone: r.phone }));
}

export async function findCatalogInstitution(db: Executor, slugOrId: string): Promise<CatalogInstitution | null> {
  return (await listCatalogInstitutions(db)).find((i) => i.slug === slugOrId || i.id === slugOrId) ?? null;
}

export async function departmentsOf(db: Executor, institutionId: string): Promise<{ code: string; name: string }[]> {
  return (await listDepartments(db, institutionId)).map((d) => ({ code: d.code, name: d.name }));
}

/** The departments in the order of the institution's tree (a directorate, then its services), each with its depth. */
export async function departmentTreeOf(db: Executor, institutionId: string): Promise<{ code: string; name: string; depth: number }[]> {
  return orderTree(await listDepartments(db, institutionId)).map((d) => ({ code: d.code, name: d.name, depth: d.depth }));
}
