import type { Executor } from '../../db/database.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { can } from '../../platform/auth/permissions.ts';
import { cachedConfig } from '../../platform/cache/config-cache.ts';
import { type DepartmentRow, findInstitution, type InstitutionRow, listDepartments } from '../organisation/store.ts';
import { departmentPath } from './domain/invitation.ts';

export type InstitutionWithDepartments = {
  institution: InstitutionRow;
  /** Every department, closed ones included (`closedAt`): cases and registry entries of the past name them. Offer only `openDepartments(…)` as a choice. */
  departments: DepartmentRow[];
  /** The department and its ancestors, for `can(…, { departmentPath })`. */
  pathOf: (departmentId: string | null) => string[];
};

/** An institution and its department tree (read-only, from the organisation area). */
export function loadInstitution(db: Executor, institutionId: string): Promise<InstitutionWithDepartments | null> {
  return cachedConfig(`institution:${institutionId}`, () => readInstitution(db, institutionId));
}

async function readInstitution(db: Executor, institutionId: string): Promise<InstitutionWithDepartments | null> {
  const institution = await findInstitution(db, institutionId);
  if (!institution) return null;
  const departments = await listDepartments(db, institutionId, { includeClosed: true });
  const parents = new Map(departments.map((d) => [d.id, d.parentId]));
  return { institution, departments, pathOf: (id) => departmentPath(id, parents) };
}

/** The departments that can still receive work, officials or services (a closed one only names the past). */
export const openDepartments = <T extends { closedAt: Date | null }>(departments: readonly T[]): T[] => departments.filter((d) => d.closedAt === null);

/** The institutions in which the actor may do `action`, in the order of their memberships. */
export function institutionsWhere(actor: Actor, action: string): string[] {
  const ids: string[] = [];
  for (const m of actor.memberships) {
    if (!ids.includes(m.institutionId) && can(actor, action, { institutionId: m.institutionId })) ids.push(m.institutionId);
  }
  return ids;
}

/** The ids of the departments at or below any of `roots` (a membership's department covers its sub-departments). */
export function departmentsUnder(inst: InstitutionWithDepartments, roots: readonly string[]): string[] {
  return inst.departments.filter((d) => roots.some((r) => inst.pathOf(d.id).includes(r))).map((d) => d.id);
}
