import type { AppDeps } from '../../app.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { orderTree } from '../organisation/domain/department-tree.ts';
import { conditionHolds } from '../catalog/domain/form-definition.ts';
import { candidatesFor } from './act-on-step.ts';
import { nextStep, previousSteps, type WorkflowAction, type WorkflowDefinition, type WorkflowStep } from './domain/workflow-definition.ts';
import { refusalTravels } from './domain/transition.ts';
import { departmentStaffing, forwardStaffing, takingSteps } from './department-staffing.ts';
import { allowedActions, getWorkflowFor, loadStepContext } from './step-context.ts';
import { findAccountName } from './store.ts';
import { openDepartments } from '../admin/load-institution.ts';

export type CaseWorkflowView = {
  custom: boolean;
  assignment: WorkflowDefinition['assignment'];
  closed: boolean;
  /** The step the case is at and the version a form must send back (stale forms get 409). */
  step: { key: string; name: { ro: string; en: string }; dueOn: string | null; assignee: { id: string; name: string } | null; departmentName: string | null };
  version: number;
  steps: (WorkflowStep & { current: boolean; applies: boolean })[];
  /** What this official may do now, with the choices each action needs. */
  actions: WorkflowAction[];
  /** "Respinge" here proposes a refusal that goes on to approval and signing (refusalTravels), instead of closing the case. */
  rejectProposes: boolean;
  assignees: { id: string; name: string }[];
  returnTargets: { key: string; name: { ro: string; en: string } }[];
  /** Where the case may be forwarded, as the department tree (parents first, `depth` below the top); `staffed` false when nobody there could take it (`missingRole`: the role nobody holds). */
  departments: { id: string; name: string; depth: number; isService: boolean; staffed: boolean; missingRole: string | null }[];
  /** The case waits at a step nobody can take: nobody holds `role` in `departmentName` (null: the whole institution). */
  unstaffed: { role: string | null; departmentName: string | null } | null;
};

/** The case's workflow as the official sees it on the case page (read under cases.read; nothing is changed). */
export async function getCaseWorkflow(deps: Pick<AppDeps, 'db'>, actor: Actor, caseId: string): Promise<CaseWorkflowView> {
  const db = deps.db;
  const ctx = await loadStepContext(db, actor, caseId);
  const { row, step, current, workflow, inst } = ctx;
  const answers = row.answers;
  const actions = allowedActions(actor, ctx);
  let assignees: { id: string; name: string }[] = [];
  if (actions.includes('assign') || actions.includes('reassign')) {
    const work = actions.includes('assign') ? nextStep(workflow, current.key, answers) : current;
    if (work) assignees = (await candidatesFor(db, ctx, work, row.departmentId)).map((c) => ({ id: c.accountId, name: c.name }));
  }
  const assignee = step.stepAssigneeId ? await findAccountName(db, step.stepAssigneeId) : null;
  const departmentName = step.stepDepartmentId ? (inst.departments.find((d) => d.id === step.stepDepartmentId)?.name ?? null) : null;
  const forward = actions.includes('forward') ? await forwardStaffing(db, ctx) : null;
  const waiting = step.stepQueue !== 'closed' && !step.stepAssigneeId ? (await departmentStaffing(db, ctx, takingSteps(ctx, current)))(row.departmentId) : null;
  return {
    custom: (await getWorkflowFor(db, row.institutionId, row.definition.code)).custom,
    assignment: workflow.assignment,
    closed: step.stepQueue === 'closed',
    step: { key: current.key, name: current.name, dueOn: step.stepDueOn, assignee: assignee && step.stepAssigneeId ? { id: step.stepAssigneeId, name: assignee } : null, departmentName },
    version: step.stepSeq,
    steps: workflow.steps.map((s) => ({ ...s, current: s.key === current.key, applies: conditionHolds(s.when, answers) })),
    actions,
    rejectProposes: refusalTravels(workflow, current, answers),
    assignees,
    returnTargets: actions.includes('return') ? previousSteps(workflow, current.key, answers).map((s) => ({ key: s.key, name: s.name })) : [],
    departments: forward
      ? orderTree(openDepartments(inst.departments)).map((d) => {
          const { staffed, missingRole } = forward(d.id);
          return { id: d.id, name: d.name, depth: d.depth, isService: d.code === row.definition.departmentCode, staffed, missingRole };
        })
      : [],
    unstaffed:
      waiting && !waiting.staffed
        ? { role: waiting.missingRole, departmentName: waiting.departmentId ? (inst.departments.find((d) => d.id === waiting.departmentId)?.name ?? null) : null }
        : null,
  };
}
