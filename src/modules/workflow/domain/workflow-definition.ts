import { z } from 'zod';
import { ROLES, type Role } from '../../../platform/auth/actor.ts';
import { type Answers, Condition, conditionHolds, LocalText } from '../../catalog/domain/form-definition.ts';
import { SIGNING_ORDER } from '../../documents/domain/signers.ts';

/*
 * A service's workflow is data: an ordered list of steps a clerk can read ("Pasul 2: Șeful de serviciu repartizează —
 * 2 zile lucrătoare"), each done by a role (or by a department), within a number of working days, with the actions
 * allowed there and an optional routing condition on the form's answers. Not a BPMN engine: the next step is the
 * next one in the list whose condition holds.
 */

export const WORKFLOW_ACTIONS = ['assign', 'reassign', 'request_completion', 'approve', 'reject', 'return', 'forward', 'sign', 'issue'] as const;
export type WorkflowAction = (typeof WORKFLOW_ACTIONS)[number];

export const ASSIGNMENT_POLICIES = ['choice', 'round_robin', 'random'] as const;
export type AssignmentPolicy = (typeof ASSIGNMENT_POLICIES)[number];

/** Roles that act for the whole institution: their steps are not tied to the case's department. */
export const INSTITUTION_ROLES: readonly Role[] = ['registry_clerk', 'secretary_general', 'mayor', 'deputy_mayor'];

export const StepKey = z.string().regex(/^[a-z][a-z0-9_-]{0,39}$/, 'workflow.bad_key');

export const WorkflowStep = z.object({
  key: StepKey,
  name: LocalText,
  /** Who acts; without a role, any official of the department (departmentCode) may. */
  role: z.enum(ROLES).optional(),
  /** The department that does this step; default: the case's department (or the institution, for INSTITUTION_ROLES). */
  departmentCode: z.string().min(1).max(20).optional(),
  /** Working days from entering the step to its due day. */
  dueDays: z.number().int().min(0).max(60),
  actions: z.array(z.enum(WORKFLOW_ACTIONS)).min(1),
  /** Routing: the step applies only when the form's answers meet this condition. */
  when: Condition.optional(),
  /**
   * Four eyes: whoever moved the case on from one of these earlier steps (approved or signed there) may not approve or
   * sign at this one — the head who did the analysis herself does not approve it. Off unless set: a department of one
   * person (a head who is also its inspector) could not finish its cases, and the law does not require it of every
   * document (separation of duties is a standard of internal control, OSGG 600/2018, not a rule per answer).
   */
  independentOf: z.array(StepKey).min(1).max(10).optional(),
});
export type WorkflowStep = z.infer<typeof WorkflowStep>;

export const WorkflowDefinition = z.object({
  schemaVersion: z.literal(1),
  /** How a case is given to an inspector at an assignment step: by the head's choice, in turn, or at random. */
  assignment: z.enum(ASSIGNMENT_POLICIES).default('choice'),
  steps: z.array(WorkflowStep).min(2).max(20),
});
export type WorkflowDefinition = z.infer<typeof WorkflowDefinition>;

const L = (ro: string, en: string) => ({ ro, en });

/** The usual route of a request in a city hall, for every service without a workflow of its own. */
export const DEFAULT_WORKFLOW: WorkflowDefinition = {
  schemaVersion: 1,
  assignment: 'choice',
  steps: [
    { key: 'registratura', name: L('Registratura trimite la compartiment', 'The registry routes it to the department'), role: 'registry_clerk', dueDays: 1, actions: ['forward', 'reject'] },
    { key: 'repartizare', name: L('Șeful de serviciu repartizează', 'The head of department assigns it'), role: 'head_of_department', dueDays: 2, actions: ['assign', 'forward', 'reject'] },
    { key: 'analiza', name: L('Inspectorul analizează', 'The inspector examines it'), role: 'inspector', dueDays: 5, actions: ['approve', 'request_completion', 'reassign', 'forward', 'reject'] },
    { key: 'aprobare', name: L('Șeful de serviciu aprobă', 'The head of department approves'), role: 'head_of_department', dueDays: 2, actions: ['approve', 'return', 'reject'] },
    { key: 'semnare', name: L('Primarul semnează', 'The mayor signs'), role: 'mayor', dueDays: 2, actions: ['sign', 'return'] },
    { key: 'emitere', name: L('Registratura emite răspunsul', 'The registry issues the answer'), role: 'registry_clerk', dueDays: 1, actions: ['issue'] },
  ],
};

/**
 * The usual route in an institution subordinate to the city hall (a tax or social-assistance directorate): the same
 * steps, but its head — who holds the mayor's role in the workflow — is its director general.
 */
export const SUBORDINATE_DEFAULT_WORKFLOW: WorkflowDefinition = {
  ...DEFAULT_WORKFLOW,
  steps: DEFAULT_WORKFLOW.steps.map((s) => (s.key === 'semnare' ? { ...s, name: L('Directorul general semnează', 'The director general signs') } : s)),
};

/** Which kind of inbox a step feeds (stored on the case so inbox queries stay on an index). */
export type StepQueue = 'route' | 'assign' | 'work' | 'sign' | 'issue' | 'closed';

export function queueOf(step: WorkflowStep): StepQueue {
  if (step.actions.includes('sign')) return 'sign';
  if (step.actions.includes('issue')) return 'issue';
  if (step.actions.includes('assign')) return 'assign';
  if (step.role === 'registry_clerk') return 'route';
  return 'work';
}

export type WorkflowProblem = { path: string; code: string; params?: Record<string, string> };

/**
 * Rules beyond the schema: unique keys; the first step is the registry's (every case is registered, then routed);
 * some step issues the answer and a signature comes before it; an assignment step is followed by the assignee's step;
 * conditions name questions of the form, departments exist, and a step is independent only of steps before it.
 */
export function checkWorkflow(
  input: unknown,
  context: { questionIds?: ReadonlySet<string>; departmentCodes?: ReadonlySet<string> } = {},
): { ok: true; workflow: WorkflowDefinition } | { ok: false; problems: WorkflowProblem[] } {
  const parsed = WorkflowDefinition.safeParse(input);
  if (!parsed.success) {
    return { ok: false, problems: parsed.error.issues.map((i) => ({ path: i.path.join('.'), code: 'workflow.invalid', params: { detail: i.message } })) };
  }
  const wf = parsed.data;
  const problems: WorkflowProblem[] = [];
  const keys = new Set<string>();
  wf.steps.forEach((s, i) => {
    if (keys.has(s.key)) problems.push({ path: `steps.${i}.key`, code: 'workflow.duplicate_key', params: { key: s.key } });
    keys.add(s.key);
    if (!s.role && !s.departmentCode) problems.push({ path: `steps.${i}`, code: 'workflow.no_actor', params: { key: s.key } });
    if (s.departmentCode && context.departmentCodes && !context.departmentCodes.has(s.departmentCode)) {
      problems.push({ path: `steps.${i}.departmentCode`, code: 'workflow.unknown_department', params: { key: s.key, code: s.departmentCode } });
    }
    if (s.when && context.questionIds && !context.questionIds.has(s.when.question)) {
      problems.push({ path: `steps.${i}.when`, code: 'workflow.unknown_question', params: { key: s.key, question: s.when.question } });
    }
    if (s.actions.includes('assign') && i === wf.steps.length - 1) problems.push({ path: `steps.${i}`, code: 'workflow.assign_last', params: { key: s.key } });
    for (const other of s.independentOf ?? []) {
      if (!wf.steps.slice(0, i).some((x) => x.key === other)) problems.push({ path: `steps.${i}.independentOf`, code: 'workflow.independent_unknown', params: { key: s.key, other } });
    }
  });
  const first = wf.steps[0]!;
  if (first.role !== 'registry_clerk' || first.departmentCode || first.when) problems.push({ path: 'steps.0', code: 'workflow.first_registry', params: { key: first.key } });
  const issueAt = wf.steps.findIndex((s) => s.actions.includes('issue'));
  if (issueAt < 0) problems.push({ path: 'steps', code: 'workflow.no_issue' });
  else if (!wf.steps.slice(0, issueAt + 1).some((s) => s.actions.includes('sign'))) problems.push({ path: `steps.${issueAt}`, code: 'workflow.issue_unsigned' });
  else problems.push(...missingSignerSteps(wf));
  return problems.length ? { ok: false, problems } : { ok: true, workflow: wf };
}

/**
 * Every answer is signed, in order, by the case's inspector, the head of its department and the mayor (the director
 * general of a subordinate institution), whoever of them the institution has (documents/domain/signers.ts). A signer
 * signs once the case has reached their step or a later signer's, and the workflow's steps are what puts the case in
 * their inboxes: a workflow without a step of one of these roles before the issue leaves the answer waiting for a
 * signature nobody is shown. One problem per missing role; stored workflows are checked with it too (the admin page).
 */
export function missingSignerSteps(wf: WorkflowDefinition): WorkflowProblem[] {
  const issueAt = wf.steps.findIndex((s) => s.actions.includes('issue'));
  const before = issueAt < 0 ? wf.steps : wf.steps.slice(0, issueAt);
  return SIGNING_ORDER.filter((role) => !before.some((s) => s.role === role)).map((role) => ({ path: 'steps', code: `workflow.signer_step_missing.${role}`, params: { role } }));
}

export function stepOf(wf: WorkflowDefinition, key: string | null): WorkflowStep | null {
  if (key === null) return wf.steps[0] ?? null;
  return wf.steps.find((s) => s.key === key) ?? null;
}

/** The next step after `key` whose routing condition holds for these answers (null: none left). */
export function nextStep(wf: WorkflowDefinition, key: string, answers: Answers): WorkflowStep | null {
  const at = wf.steps.findIndex((s) => s.key === key);
  for (const s of wf.steps.slice(at + 1)) if (conditionHolds(s.when, answers)) return s;
  return null;
}

/** Where a forwarded case starts in its new department: the first assignment step that applies, else the next step. */
export function intakeStep(wf: WorkflowDefinition, from: string, answers: Answers): WorkflowStep | null {
  const at = wf.steps.findIndex((s) => s.key === from);
  const assign = wf.steps.find((s, i) => i > at && s.actions.includes('assign') && conditionHolds(s.when, answers));
  return assign ?? nextStep(wf, from, answers);
}

/** The steps a case may be returned to from `key`: earlier steps that apply to it, nearest first. */
export function previousSteps(wf: WorkflowDefinition, key: string, answers: Answers): WorkflowStep[] {
  const at = wf.steps.findIndex((s) => s.key === key);
  return wf.steps
    .slice(1, Math.max(at, 1))
    .filter((s) => conditionHolds(s.when, answers))
    .reverse();
}

/** Round robin: the candidate after the last one given a case (candidates in a stable order); the first when unknown. */
export function nextInTurn(candidates: readonly string[], last: string | null): string | null {
  if (candidates.length === 0) return null;
  const at = last ? candidates.indexOf(last) : -1;
  return candidates[(at + 1) % candidates.length]!;
}
