import type { Executor } from '../../db/database.ts';
import { loadInstitution } from '../admin/load-institution.ts';
import { intakeStep, nextStep, type WorkflowStep } from './domain/workflow-definition.ts';
import { type StepContext, stepDepartment } from './step-context.ts';
import { listActiveMemberships } from './store.ts';

/**
 * Who would take the case in a department, step by step: the step it enters there and, when that step only assigns
 * it (a head's), the step it is assigned for (an inspector's). Answers, for a department, the role nobody holds there
 * (null: someone can take every step), with the same rule as the choice of assignees (a membership in the department
 * or above it; institution roles anywhere in the institution).
 */
export type Staffing = (departmentId: string | null) => {
  /** False when nobody could take some step (`missingRole` null then: a step any official of `departmentId` may take). */
  staffed: boolean;
  missingRole: string | null;
  departmentId: string | null;
};

/** The steps a case goes through from `step` before an official works on it: `step`, and the work step it assigns. */
export function takingSteps(ctx: Pick<StepContext, 'workflow' | 'row'>, step: WorkflowStep | null): WorkflowStep[] {
  if (!step) return [];
  const work = step.actions.includes('assign') ? nextStep(ctx.workflow, step.key, ctx.row.answers) : null;
  return work ? [step, work] : [step];
}

export async function departmentStaffing(db: Executor, ctx: Pick<StepContext, 'inst'> & { row: Pick<StepContext['row'], 'institutionId'> }, steps: WorkflowStep[]): Promise<Staffing> {
  const members = await listActiveMemberships(db, ctx.row.institutionId);
  return (departmentId) => {
    for (const step of steps) {
      const dept = stepDepartment(ctx, step, departmentId);
      const path = dept ? ctx.inst.pathOf(dept) : null;
      const taken = members.some((m) => (!step.role || m.role === step.role) && (path === null || (m.departmentId !== null && path.includes(m.departmentId))));
      if (!taken) return { staffed: false, missingRole: step.role ?? null, departmentId: dept };
    }
    return { staffed: true, missingRole: null, departmentId };
  };
}

/** Who would take a case forwarded from its current step, by target department. */
export const forwardStaffing = (db: Executor, ctx: StepContext) => departmentStaffing(db, ctx, takingSteps(ctx, intakeStep(ctx.workflow, ctx.current.key, ctx.row.answers)));

/**
 * Whether anyone works in a department (a membership in it or in a department above it): a document routed to a
 * department where nobody works reaches nobody.
 */
export async function staffedDepartments(db: Executor, institutionId: string): Promise<(departmentId: string) => boolean> {
  const [inst, members] = [await loadInstitution(db, institutionId), await listActiveMemberships(db, institutionId)];
  return (departmentId) => {
    const path = inst?.pathOf(departmentId) ?? [departmentId];
    return members.some((m) => m.departmentId !== null && path.includes(m.departmentId));
  };
}
