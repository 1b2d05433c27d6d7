import type { AppDeps } from '../../app.ts';
import type { Tx } from '../../db/database.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { AppError } from '../../platform/http/errors.ts';
import { holdOpenDepartmentCodes } from '../organisation/hold-open-department.ts';
import { assertCanManageCatalog } from './authorize.ts';
import { DefinitionInvalidError } from './definition-invalid.ts';
import { checkDraft } from './domain/draft.ts';
import type { ServiceDefinition } from './domain/service-definition.ts';
import { departmentsOf } from './institutions.ts';
import { findDraft, lockServiceByCode, type ServiceRow, type ServiceVersionRow } from './store.ts';

export type ServiceEdit = { actor: Actor; institutionId: string; code: string };

/**
 * How every change to a service's versions runs: the actor must manage the institution's catalogue, and the
 * work happens in one transaction holding the service's row, so two administrators editing the same service
 * take turns. `work` gets the locked service and a way to record its audit entry in the institution's chain.
 */
export function editService<T>(
  deps: Pick<AppDeps, 'db'>,
  input: ServiceEdit,
  work: (tx: Tx, service: ServiceRow, audit: (action: string, version: Pick<ServiceVersionRow, 'id'>, details: Record<string, unknown>) => Promise<void>) => Promise<T>,
): Promise<T> {
  assertCanManageCatalog(input.actor, input.institutionId);
  return deps.db.transaction(async (tx) => {
    const service = await lockServiceByCode(tx, input.institutionId, input.code);
    if (!service) throw new AppError('catalog.service_not_found', 'not_found');
    const audit = (action: string, version: Pick<ServiceVersionRow, 'id'>, details: Record<string, unknown>) =>
      recordAudit(tx, { chain: input.institutionId, actorId: input.actor.accountId, action, entity: 'service_version', entityId: version.id, details: { code: service.code, ...details }, ip: input.actor.ip });
    return work(tx, service, audit);
  });
}

/** The service's open draft; a service without one answers "no draft" (404). */
export async function requireDraft(tx: Tx, service: ServiceRow): Promise<ServiceVersionRow> {
  const draft = await findDraft(tx, service.id);
  if (!draft) throw new AppError('catalog.draft_not_found', 'not_found');
  return draft;
}

/**
 * A definition checked against the institution as it is now (its departments may have changed since the
 * draft was saved): the valid service, or the refusal listing every problem.
 */
export async function checkForInstitution(tx: Tx, institutionId: string, service: ServiceRow, definition: unknown): Promise<ServiceDefinition> {
  const departmentCodes = new Set((await departmentsOf(tx, institutionId)).map((d) => d.code));
  const checked = checkDraft(definition, { code: service.code, departmentCodes });
  if (!checked.ok) throw new DefinitionInvalidError(checked.problems);
  // Held open until this commits, as a forward holds its department: one being closed meanwhile refuses the routing,
  // or waits for it and then finds the service there (closeDepartment counts under its lock).
  const department = checked.service.departmentCode;
  if ((await holdOpenDepartmentCodes(tx, institutionId, [department])).length) {
    throw new DefinitionInvalidError([{ path: 'departmentCode', code: 'catalog.draft.department_closed', params: { department } }]);
  }
  return checked.service;
}
