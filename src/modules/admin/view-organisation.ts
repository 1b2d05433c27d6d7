import type { AppDeps } from '../../app.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { can } from '../../platform/auth/permissions.ts';
import { AppError } from '../../platform/http/errors.ts';
import type { InstitutionRow } from '../organisation/store.ts';
import { type DepartmentNode, departmentTree } from './domain/invitation.ts';
import { loadInstitution, openDepartments } from './load-institution.ts';

export type OrganisationView = {
  institution: InstitutionRow;
  tree: DepartmentNode[];
  departmentCount: number;
  /** Closed by a council decision: kept because the past names them. */
  closed: { id: string; name: string; code: string; closedAt: Date }[];
};

/** The institution's data and its department tree, read-only. */
export async function viewOrganisation(deps: Pick<AppDeps, 'db'>, input: { actor: Actor; institutionId: string }): Promise<OrganisationView> {
  if (!can(input.actor, 'organisation.read', { institutionId: input.institutionId })) throw new AppError('forbidden', 'forbidden');
  const inst = await loadInstitution(deps.db, input.institutionId);
  if (!inst) throw new AppError('not_found', 'not_found');
  const open = openDepartments(inst.departments);
  const closed = inst.departments.filter((d) => d.closedAt !== null).map((d) => ({ id: d.id, name: d.name, code: d.code, closedAt: d.closedAt! }));
  return { institution: inst.institution, tree: departmentTree(open), departmentCount: open.length, closed: closed.sort((a, b) => b.closedAt.getTime() - a.closedAt.getTime()) };
}
