import type { AppDeps } from '../../app.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { can } from '../../platform/auth/permissions.ts';
import { AppError } from '../../platform/http/errors.ts';
import { departmentsOf } from '../catalog/institutions.ts';
import { getPublishedService } from '../catalog/get-published-service.ts';
import { allQuestions } from '../catalog/domain/form-definition.ts';
import { checkWorkflow, missingSignerSteps, type WorkflowDefinition, type WorkflowProblem } from './domain/workflow-definition.ts';
import { loadInstitution } from '../admin/load-institution.ts';
import { holdOpenDepartmentCodes } from '../organisation/hold-open-department.ts';
import { getWorkflowFor } from './step-context.ts';
import { listWorkflows, upsertWorkflow } from './store.ts';

export type ServiceWorkflow = {
  institution: { id: string; slug: string; name: string };
  service: { code: string; name: { ro: string; en: string } };
  workflow: WorkflowDefinition;
  custom: boolean;
  questionIds: string[];
  departments: { code: string; name: string }[];
  /** What keeps the stored workflow from taking an answer to its issue (saved before the signer steps were checked). */
  problems: WorkflowProblem[];
};

/** A service's workflow for its administrator (`workflow.manage` in the institution; others: 404 / 403). */
export async function getServiceWorkflow(deps: Pick<AppDeps, 'db'>, actor: Actor, input: { institution: string; code: string }): Promise<ServiceWorkflow> {
  const svc = await getPublishedService(deps, input);
  if (!can(actor, 'workflow.manage', { institutionId: svc.institution.id })) throw new AppError('forbidden', 'forbidden');
  const { workflow, custom } = await getWorkflowFor(deps.db, svc.institution.id, svc.code);
  const questionIds = allQuestions(svc.definition.form).flatMap((q) => (q.type === 'group' ? q.questions.map((x) => x.id) : [q.id]));
  return {
    institution: { id: svc.institution.id, slug: svc.institution.slug, name: svc.institution.name },
    service: { code: svc.code, name: svc.definition.name },
    workflow,
    custom,
    questionIds,
    departments: await departmentsOf(deps.db, svc.institution.id),
    problems: custom ? missingSignerSteps(workflow) : [],
  };
}

export type BrokenWorkflow = { serviceCode: string; serviceName: { ro: string; en: string } | null; institutionSlug: string; problems: WorkflowProblem[] };

/**
 * The institution's stored workflows that cannot take an answer to its issue — saved before saving checked for the
 * signers' steps (missingSignerSteps) — for the administration page, which names them instead of leaving their cases
 * to wait for a signature nobody is shown. `workflow.manage` in the institution; nothing for anyone else.
 */
export async function listBrokenWorkflows(deps: Pick<AppDeps, 'db'>, actor: Actor, institutionId: string): Promise<BrokenWorkflow[]> {
  if (!can(actor, 'workflow.manage', { institutionId })) return [];
  const inst = await loadInstitution(deps.db, institutionId);
  if (!inst) return [];
  const out: BrokenWorkflow[] = [];
  for (const w of await listWorkflows(deps.db, institutionId)) {
    const problems = missingSignerSteps(w.definition);
    if (problems.length === 0) continue;
    const svc = await getPublishedService(deps, { institution: inst.institution.slug, code: w.serviceCode }).catch(() => null);
    out.push({ serviceCode: w.serviceCode, serviceName: svc?.definition.name ?? null, institutionSlug: inst.institution.slug, problems });
  }
  return out;
}

export class WorkflowInvalid extends AppError {
  constructor(readonly problems: WorkflowProblem[]) {
    super('workflow.definition_invalid', 'invalid', { count: problems.length }, { definition: 'workflow.definition_invalid' });
  }
}

/**
 * Saves a service's workflow (JSON), checked against the service's form (conditions) and the institution's
 * departments. Cases already under way keep their current step; a step removed from the workflow is reported on
 * their page until an administrator restores it.
 */
export async function saveServiceWorkflow(
  deps: Pick<AppDeps, 'db' | 'now'>,
  actor: Actor,
  input: { institution: string; code: string; definition: unknown },
): Promise<WorkflowDefinition> {
  const current = await getServiceWorkflow(deps, actor, input);
  let raw = input.definition;
  if (typeof raw === 'string') {
    try {
      raw = JSON.parse(raw);
    } catch {
      throw new WorkflowInvalid([{ path: '', code: 'workflow.not_json' }]);
    }
  }
  const checked = checkWorkflow(raw, { questionIds: new Set(current.questionIds), departmentCodes: new Set(current.departments.map((d) => d.code)) });
  if (!checked.ok) throw new WorkflowInvalid(checked.problems);
  const at = deps.now();
  await deps.db.transaction(async (tx) => {
    // The steps' departments are held open until this commits, as a forward holds its department: one being closed
    // meanwhile refuses the workflow, or waits for it and then finds it there (closeDepartment counts under its lock).
    const closed = await holdOpenDepartmentCodes(tx, current.institution.id, checked.workflow.steps.flatMap((s) => (s.departmentCode ? [s.departmentCode] : [])));
    if (closed.length) {
      const steps = checked.workflow.steps.map((s, i) => ({ s, i })).filter(({ s }) => s.departmentCode && closed.includes(s.departmentCode));
      throw new WorkflowInvalid(steps.map(({ s, i }) => ({ path: `steps.${i}.departmentCode`, code: 'workflow.department_closed', params: { key: s.key, code: s.departmentCode ?? '' } })));
    }
    await upsertWorkflow(tx, { institutionId: current.institution.id, serviceCode: current.service.code, definition: checked.workflow, updatedBy: actor.accountId, at });
    await recordAudit(tx, {
      chain: current.institution.id,
      actorId: actor.accountId,
      action: 'workflow.saved',
      subjectId: null,
      entity: 'workflow',
      entityId: null,
      details: { service: current.service.code, steps: checked.workflow.steps.map((s) => s.key), assignment: checked.workflow.assignment },
      ip: actor.ip,
    });
  });
  return checked.workflow;
}
