import type { Executor } from '../../db/database.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { can, type Target } from '../../platform/auth/permissions.ts';
import { cachedConfig } from '../../platform/cache/config-cache.ts';
import { bucharestDay, type Closures, legalDeadline } from '../../platform/calendar/calendar.ts';
import { AppError } from '../../platform/http/errors.ts';
import { type InstitutionWithDepartments, loadInstitution } from '../admin/load-institution.ts';
import { findCaseForOfficial } from '../cases/get-case-for-official.ts';
import type { CaseViewRow } from '../cases/store.ts';
import { DEFAULT_WORKFLOW, INSTITUTION_ROLES, SUBORDINATE_DEFAULT_WORKFLOW, queueOf, stepOf, type WorkflowAction, type WorkflowDefinition, type WorkflowStep } from './domain/workflow-definition.ts';
import { type CaseStepRow, findCaseStep, findWorkflow, type StepProjection } from './store.ts';
import { isClosedStatus } from '../cases/domain/case-state.ts';
import { getClosures } from '../organisation/closures.ts';

/** A service's workflow: its own, or the default one (worded for a subordinate institution's director general there). */
export async function getWorkflowFor(db: Executor, institutionId: string, serviceCode: string): Promise<{ workflow: WorkflowDefinition; custom: boolean }> {
  const found = await cachedConfig(`workflow:${institutionId}:${serviceCode}`, () => findWorkflow(db, institutionId, serviceCode));
  if (found) return { workflow: found.definition, custom: true };
  const subordinate = Boolean((await loadInstitution(db, institutionId))?.institution.parentId);
  return { workflow: subordinate ? SUBORDINATE_DEFAULT_WORKFLOW : DEFAULT_WORKFLOW, custom: false };
}

export type StepContext = {
  row: CaseViewRow;
  step: CaseStepRow;
  workflow: WorkflowDefinition;
  /** The step the case is at (the first one while it has not entered its workflow). */
  current: WorkflowStep;
  inst: InstitutionWithDepartments;
  /** The institution's extra closed days: step due dates are counted in its working days. */
  closures: Closures;
  target: Target;
};

/** A case as the workflow sees it, when the official may read it (else 404, like a missing case). */
export async function loadStepContext(db: Executor, actor: Actor, caseId: string): Promise<StepContext> {
  const row = await findCaseForOfficial(db, actor, caseId, 'cases.read');
  const step = await findCaseStep(db, row.id);
  const inst = await loadInstitution(db, row.institutionId);
  if (!step || !inst) throw new AppError('case.not_found', 'not_found');
  const { workflow } = await getWorkflowFor(db, row.institutionId, row.definition.code);
  const current = stepOf(workflow, step.stepKey);
  if (!current) throw new AppError('workflow.step_missing', 'conflict', { step: step.stepKey ?? '' });
  const target = { institutionId: row.institutionId, departmentId: row.departmentId, departmentPath: inst.pathOf(row.departmentId) };
  const closures = await getClosures(db, row.institutionId);
  return { row, step, workflow, current, inst, closures, target };
}

/** The department a step is done in: its own department, the institution (null) for institution roles, else the case's. */
export function stepDepartment(ctx: Pick<StepContext, 'inst'>, step: WorkflowStep, caseDepartmentId: string | null): string | null {
  if (step.departmentCode) {
    const d = ctx.inst.departments.find((x) => x.code === step.departmentCode);
    if (!d) throw new AppError('workflow.unknown_department', 'conflict', { key: step.key, code: step.departmentCode });
    return d.id;
  }
  if (step.role && INSTITUTION_ROLES.includes(step.role)) return null;
  return caseDepartmentId;
}

/** Whether a membership of the actor answers for work of `role` (any role when null) in `departmentId` (null: institution-wide). */
export function actorCovers(actor: Actor, inst: InstitutionWithDepartments, role: string | null, departmentId: string | null): boolean {
  const path = departmentId ? inst.pathOf(departmentId) : null;
  return actor.memberships.some(
    (m) => m.institutionId === inst.institution.id && (role === null || m.role === role) && (path === null || m.departmentId === null || path.includes(m.departmentId)),
  );
}

/** The workflow actions this official may take on the case now. */
export function allowedActions(actor: Actor, ctx: StepContext): WorkflowAction[] {
  const { step, current } = ctx;
  if (step.stepQueue === 'closed' || isClosedStatus(ctx.row.status)) return [];
  if (!can(actor, 'workflow.act', ctx.target)) return [];
  const holder = step.stepAssigneeId ? step.stepAssigneeId === actor.accountId : actorCovers(actor, ctx.inst, step.stepRole, step.stepDepartmentId);
  const supervisor = can(actor, 'workflow.assign', ctx.target);
  const waiting = ctx.row.status === 'awaiting_applicant';
  return current.actions.filter((a) => {
    if (waiting && !['reject', 'reassign', 'assign'].includes(a)) return false;
    if (a === 'assign' || a === 'reassign') return holder || supervisor;
    return holder;
  });
}

/** The case's step columns once it enters `step`. */
export function placeAt(
  ctx: Pick<StepContext, 'inst' | 'closures'>,
  step: WorkflowStep,
  input: { caseDepartmentId: string | null; assigneeId: string | null; seq: number; at: Date },
): StepProjection {
  return {
    stepKey: step.key,
    stepRole: step.role ?? null,
    stepDepartmentId: stepDepartment(ctx, step, input.caseDepartmentId),
    stepAssigneeId: input.assigneeId,
    stepDueOn: legalDeadline(bucharestDay(input.at), { days: step.dueDays, unit: 'working' }, ctx.closures),
    stepQueue: queueOf(step),
    stepSeq: input.seq,
  };
}

/** A closed case keeps the key of the step it was closed at. */
export const closedAt = (step: WorkflowStep, seq: number): StepProjection => ({
  stepKey: step.key,
  stepRole: null,
  stepDepartmentId: null,
  stepAssigneeId: null,
  stepDueOn: null,
  stepQueue: 'closed',
  stepSeq: seq,
});
