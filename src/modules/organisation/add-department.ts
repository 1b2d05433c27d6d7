import type { AppDeps } from '../../app.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import { can } from '../../platform/auth/permissions.ts';
import { AppError } from '../../platform/http/errors.ts';
import { type DepartmentRow, findDepartmentByCode, insertDepartment, listDepartments } from './store.ts';
import { holdOpenDepartment } from './hold-open-department.ts';

export const DEPARTMENT_KINDS = ['directie', 'serviciu', 'birou', 'compartiment'] as const;
export type DepartmentKind = (typeof DEPARTMENT_KINDS)[number];

export type DepartmentForm = { parentId?: string; kind?: string; code?: string; name?: string; decision?: string };

/** The fields a new and a changed department share: kind, name, place in the tree and the council's decision. */
export function checkDepartmentForm(f: DepartmentForm): { name: string; decision: string; parentId: string | null; fields: Record<string, string> } {
  const name = (f.name ?? '').trim().replace(/\s+/g, ' ');
  const decision = (f.decision ?? '').trim();
  const fields: Record<string, string> = {};
  if (!DEPARTMENT_KINDS.includes(f.kind as DepartmentKind)) fields.kind = 'organisation.department_kind_required';
  if (name.length < 3 || name.length > 200) fields.name = 'organisation.department_name_required';
  if (decision.length < 3 || decision.length > 300) fields.decision = 'organisation.department_decision_required';
  return { name, decision, parentId: f.parentId || null, fields };
}

/**
 * Adds a department to the institution's tree, as the local council decided (the decision's reference is audited):
 * a new office needs to exist here before a service can be routed to it or an official invited into it.
 */
export async function addDepartment(
  deps: Pick<AppDeps, 'db' | 'now'>,
  input: { actor: Actor; institutionId: string; form: DepartmentForm },
): Promise<DepartmentRow> {
  if (!can(input.actor, 'organisation.manage', { institutionId: input.institutionId })) throw new AppError('forbidden', 'forbidden');
  const f = input.form;
  const { name, decision, parentId, fields } = checkDepartmentForm(f);
  const code = (f.code ?? '').trim().toUpperCase();
  if (!/^[A-Z][A-Z0-9-]{1,19}$/.test(code)) fields.code = 'organisation.department_code_format';
  return deps.db.transaction(async (tx) => {
    const existing = await listDepartments(tx, input.institutionId);
    // Held open until this commits: a parent being closed meanwhile is refused (closeDepartment counts children under its lock).
    if (parentId && (!existing.some((d) => d.id === parentId) || !(await holdOpenDepartment(tx, input.institutionId, parentId)))) {
      fields.parentId = 'organisation.department_parent_unknown';
    }
    if (!fields.code && (await findDepartmentByCode(tx, input.institutionId, code))) fields.code = 'organisation.department_code_taken';
    if (Object.keys(fields).length) throw new AppError('validation', 'invalid', {}, fields);
    const row = { id: crypto.randomUUID(), institutionId: input.institutionId, parentId, kind: f.kind as DepartmentKind, code, name, email: null, createdAt: deps.now(), updatedAt: null, closedAt: null, closedBy: null };
    await insertDepartment(tx, row);
    await recordAudit(tx, {
      chain: input.institutionId,
      actorId: input.actor.accountId,
      action: 'institution.department_added',
      entity: 'department',
      entityId: row.id,
      details: { code, name, kind: row.kind, parentId, decision },
      ip: input.actor.ip,
    });
    return row;
  });
}
