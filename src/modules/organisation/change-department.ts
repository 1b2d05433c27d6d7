import type { AppDeps } from '../../app.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import { can } from '../../platform/auth/permissions.ts';
import { AppError } from '../../platform/http/errors.ts';
import { isUuid } from '../../platform/ids/uuid.ts';
import { departmentStaff } from '../admin/department-staff.ts';
import { servicesRoutedTo } from '../catalog/services-routed-to.ts';
import { openDocumentsIn } from '../registry/open-documents-in.ts';
import { departmentWorkload } from '../workflow/department-workload.ts';
import { checkDepartmentForm, type DepartmentForm, type DepartmentKind } from './add-department.ts';
import { subtreeOf } from './domain/department-tree.ts';
import { holdOpenDepartment } from './hold-open-department.ts';
import type { Executor } from '../../db/database.ts';
import { type DepartmentRow, listDepartments, lockDepartment, lockTree, updateDepartmentRow } from './store.ts';

/**
 * A department changes when the local council reorganises the institution (the decision's reference is audited):
 * renamed, made a service instead of an office, moved under another directorate — or closed. Its code never
 * changes (services, workflows and the register refer to it), and a closed department keeps its row: the cases and
 * registry entries of the past still name it, but nothing new can be sent to it.
 */

type Manage = { actor: Actor; institutionId: string; departmentId: string };

/** What still keeps a department open: each must be moved elsewhere (or finished) before it can be closed. */
export type DepartmentBlockers = {
  /** Names of the departments under it that are still open. */
  children: string[];
  officials: number;
  invitations: number;
  /** Codes of the services that send their requests to it (published or being edited). */
  services: string[];
  /** Codes of the services whose own workflow has a step there. */
  workflows: string[];
  openCases: number;
  /** Documents without a case routed to it and not resolved. */
  openDocuments: number;
};

export const hasBlockers = (b: DepartmentBlockers): boolean =>
  b.children.length + b.officials + b.invitations + b.services.length + b.workflows.length + b.openCases + b.openDocuments > 0;

function authorise(input: Manage): void {
  if (!can(input.actor, 'organisation.manage', { institutionId: input.institutionId })) throw new AppError('forbidden', 'forbidden');
}

/** The department, locked; a closed one or another institution's is the same 404 as one that does not exist. */
async function lockOpen(tx: Executor, input: Manage): Promise<DepartmentRow> {
  const row = isUuid(input.departmentId) ? await lockDepartment(tx, input.institutionId, input.departmentId) : null;
  if (!row || row.closedAt) throw new AppError('organisation.department_unknown', 'not_found');
  return row;
}

async function blockersOf(db: Executor, dept: DepartmentRow, now: Date): Promise<DepartmentBlockers> {
  const children = (await listDepartments(db, dept.institutionId)).filter((d) => d.parentId === dept.id).map((d) => d.name);
  const staff = await departmentStaff(db, dept.id, now);
  const work = await departmentWorkload(db, dept);
  return {
    children,
    officials: staff.officials,
    invitations: staff.invitations,
    services: await servicesRoutedTo(db, dept.institutionId, dept.code),
    workflows: work.workflows,
    openCases: work.openCases,
    openDocuments: await openDocumentsIn(db, dept.institutionId, dept.id),
  };
}

/** An open department of the institution and what keeps it open, for the change and close pages. */
export async function getDepartment(deps: Pick<AppDeps, 'db' | 'now'>, input: Manage): Promise<{ department: DepartmentRow; blockers: DepartmentBlockers }> {
  authorise(input);
  return deps.db.transaction(async (tx) => {
    const department = await lockOpen(tx, input);
    return { department, blockers: await blockersOf(tx, department, deps.now()) };
  });
}

/** Renames, re-kinds or moves a department. Answers which fields changed (none: nothing was written). */
export async function changeDepartment(deps: Pick<AppDeps, 'db' | 'now'>, input: Manage & { form: DepartmentForm }): Promise<{ department: DepartmentRow; changed: ('name' | 'kind' | 'parentId')[] }> {
  authorise(input);
  const { name, decision, parentId, fields } = checkDepartmentForm(input.form);
  return deps.db.transaction(async (tx) => {
    // The tree as the administrator could have seen it, read before waiting for anyone.
    const seen = parentId ? await listDepartments(tx, input.institutionId) : [];
    // Moves of one institution's departments take turns (lockTree), so two that would together make a loop (X under P
    // while P goes under X) cannot both pass the check below; taken before any department's row, so a move never
    // waits for a row while holding another that the other move waits for (that was a deadlock, answered 500).
    if (parentId) await lockTree(tx, input.institutionId);
    const before = await lockOpen(tx, input);
    if (parentId) {
      // Held open until this commits, as a forward holds its department: a parent closed meanwhile is refused.
      if (!(await holdOpenDepartment(tx, input.institutionId, parentId))) fields.parentId = 'organisation.department_parent_unknown';
      else {
        // Read once both are held: the tree as this move will change it.
        const open = await listDepartments(tx, input.institutionId);
        if (!open.some((d) => d.id === parentId)) fields.parentId = 'organisation.department_parent_unknown';
        // Under itself or under one of its own sub-departments, the tree would become a loop. When that is so only
        // since the form was read, another administrator moved the parent meanwhile: a conflict, said as such.
        else if (subtreeOf(open, before.id).has(parentId)) {
          if (!subtreeOf(seen, before.id).has(parentId)) {
            throw new AppError('organisation.department_parent_moved', 'conflict', {}, { parentId: 'organisation.department_parent_moved' });
          }
          fields.parentId = 'organisation.department_parent_loop';
        }
      }
    }
    if (Object.keys(fields).length) throw new AppError('validation', 'invalid', {}, fields);
    const after = { name, kind: input.form.kind as DepartmentKind, parentId };
    const changed = (['name', 'kind', 'parentId'] as const).filter((k) => after[k] !== before[k]);
    if (changed.length === 0) return { department: before, changed };
    await updateDepartmentRow(tx, before.id, { ...after, updatedAt: deps.now() });
    await recordAudit(tx, {
      chain: input.institutionId,
      actorId: input.actor.accountId,
      action: 'institution.department_changed',
      entity: 'department',
      entityId: before.id,
      details: { code: before.code, decision, before: Object.fromEntries(changed.map((k) => [k, before[k]])), after: Object.fromEntries(changed.map((k) => [k, after[k]])) },
      ip: input.actor.ip,
    });
    return { department: { ...before, ...after }, changed };
  });
}

/**
 * Closes a department that nothing goes through any more. Refused, with what keeps it open, while it has open
 * sub-departments, officials, pending invitations, services or workflows sending work to it, open cases or unresolved documents.
 */
export async function closeDepartment(
  deps: Pick<AppDeps, 'db' | 'now'>,
  input: Manage & { decision?: string },
): Promise<{ department: DepartmentRow } | { blockers: DepartmentBlockers }> {
  authorise(input);
  const decision = (input.decision ?? '').trim();
  return deps.db.transaction(async (tx) => {
    const dept = await lockOpen(tx, input);
    const blockers = await blockersOf(tx, dept, deps.now());
    if (hasBlockers(blockers)) return { blockers };
    if (decision.length < 3 || decision.length > 300) throw new AppError('validation', 'invalid', {}, { decision: 'organisation.department_decision_required' });
    const now = deps.now();
    await updateDepartmentRow(tx, dept.id, { closedAt: now, closedBy: input.actor.accountId, updatedAt: now });
    await recordAudit(tx, {
      chain: input.institutionId,
      actorId: input.actor.accountId,
      action: 'institution.department_closed',
      entity: 'department',
      entityId: dept.id,
      details: { code: dept.code, name: dept.name, decision },
      ip: input.actor.ip,
    });
    return { department: { ...dept, closedAt: now, closedBy: input.actor.accountId, updatedAt: now } };
  });
}
