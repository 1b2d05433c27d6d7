import type { AppDeps } from '../../app.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { listPublished } from '../catalog/store.ts';
import { orderTree } from '../organisation/domain/department-tree.ts';
import { listDepartments } from '../organisation/store.ts';
import { staffedDepartments } from '../workflow/department-staffing.ts';
import { assertCan } from './registry-scope.ts';

/** `staffed` false: nobody works in the department (nor above it), so what is routed there reaches nobody. */
export type DepartmentOption = { id: string; name: string; depth: number; staffed: boolean };
export type ServiceOption = { code: string; name: { ro: string; en: string } };

/**
 * What the registration form offers: the departments a document can be routed to, and the catalogue services a
 * paper document can open a case under (petitions, requests and information requests).
 */
export async function listFormOptions(
  deps: Pick<AppDeps, 'db'>,
  input: { actor: Actor; institutionId: string },
): Promise<{ departments: DepartmentOption[]; caseServices: ServiceOption[] }> {
  assertCan(input.actor, 'registry.read', input.institutionId);
  const staffed = await staffedDepartments(deps.db, input.institutionId);
  const departments = orderTree(await listDepartments(deps.db, input.institutionId)).map((d) => ({ id: d.id, name: d.name, depth: d.depth, staffed: staffed(d.id) }));
  const caseServices = (await listPublished(deps.db, input.institutionId))
    .filter((s) => s.definition.caseKind === 'petition' || s.definition.caseKind === 'information')
    .map((s) => ({ code: s.definition.code, name: s.definition.name }));
  return { departments, caseServices };
}
