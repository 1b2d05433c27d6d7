import type { AppDeps } from '../../app.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { can } from '../../platform/auth/permissions.ts';
import { AppError } from '../../platform/http/errors.ts';
import { type DepartmentRow, listDepartments } from './store.ts';

/** The institution's departments, closed ones included (`closedAt`), for any of its officials. */
export async function listInstitutionDepartments(deps: Pick<AppDeps, 'db'>, input: { actor: Actor; institutionId: string }): Promise<DepartmentRow[]> {
  if (!can(input.actor, 'organisation.read', { institutionId: input.institutionId })) throw new AppError('forbidden', 'forbidden');
  return listDepartments(deps.db, input.institutionId, { includeClosed: true });
}
