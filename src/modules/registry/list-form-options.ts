import type { AppDeps } from '../../app.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { listPublished } from '../catalog/store.ts';
import { listDepartments } from '../organisation/store.ts';
import { staffedDepartments } from '../workflow/department-staffing.ts';
import { assertCan } from './registry-scope.ts';

/** `staffed` false: nobody works in the department (nor above it), so what is routed there reaches nobody. */
export type DepartmentOption = { id: string; name: string; depth: number; staffed: boolean };
export type ServiceOption = { code: string; name: { ro: string; en: string } };

/** The institution's department tree, depth first (parents before their children), for a select. */
export function orderTree<T extends { id: string; parentId: string | null; name: string }>(rows: T[]): (T & { depth: number })[] {
  const children = new Map<string | null, T[]>();
  for (const r of rows) children.set(r.parentId, [...(children.get(r.parentId) ?? []), r]);
  const out: (T & { depth: number })[] = [];
  const walk = (parent: string | null, depth: number) => {
    for (const r of (children.get(parent) ?? []).sort((a, b) => a.name.localeCompare(b.name, 'ro'))) {
      out.push({ ...r, depth });
      walk(r.id, depth + 1);
    }
  };
  walk(null, 0);
  return out;
}

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
