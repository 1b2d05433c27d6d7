import type { AppDeps } from '../../app.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import { AppError } from '../../platform/http/errors.ts';
import { isUuid } from '../../platform/ids/uuid.ts';
import { staffedDepartments } from '../workflow/department-staffing.ts';
import { isResolvedDocument, routedEntryAccess } from './routed-entry-access.ts';
import { setEntryDepartment } from './store.ts';
import { openDepartments } from '../admin/load-institution.ts';
import { holdOpenDepartment } from '../organisation/hold-open-department.ts';

/**
 * Sends a routed document that is not resolved yet to another department of the institution: the department it
 * reached says it is not theirs, or the registry corrects its own routing. Returns whether anyone works there.
 */
export async function forwardEntry(deps: Pick<AppDeps, 'db'>, actor: Actor, input: { entryId: string; departmentId?: unknown }): Promise<{ departmentName: string; staffed: boolean }> {
  return deps.db.transaction(async (tx) => {
    const { line, inst, mayForward } = await routedEntryAccess(tx, actor, input.entryId);
    if (isResolvedDocument(line)) throw new AppError('registry.forward.resolved', 'conflict');
    if (!mayForward) throw new AppError('registry.forward.not_yours', 'forbidden');
    const target = typeof input.departmentId === 'string' && isUuid(input.departmentId) ? openDepartments(inst.departments).find((d) => d.id === input.departmentId) : undefined;
    // Held open until this commits: a department closed meanwhile gets no document (see closeDepartment).
    if (!target || !(await holdOpenDepartment(tx, line.institutionId, target.id))) {
      throw new AppError('validation', 'invalid', {}, { departmentId: 'registry.forward.department_required' });
    }
    if (target.id === line.departmentId) throw new AppError('validation', 'invalid', {}, { departmentId: 'registry.forward.same_department' });
    await setEntryDepartment(tx, line.id, target.id);
    await recordAudit(tx, {
      chain: line.institutionId,
      actorId: actor.accountId,
      action: 'registry.entry_forwarded',
      entity: 'registry_entry',
      entityId: line.id,
      details: { from: line.departmentId, to: target.id },
      ip: actor.ip,
    });
    const staffed = await staffedDepartments(tx, line.institutionId);
    return { departmentName: target.name, staffed: staffed(target.id) };
  });
}
