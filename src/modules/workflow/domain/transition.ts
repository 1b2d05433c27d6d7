import type { Answers } from '../../catalog/domain/form-definition.ts';
import type { ActionType } from '../../cases/domain/case-state.ts';
import { intakeStep, nextStep, previousSteps, type WorkflowAction, type WorkflowDefinition, type WorkflowStep } from './workflow-definition.ts';

/**
 * What a workflow action does: the case action it writes to the log and where the case goes next. `refusal`: the
 * action proposes refusing the request, which goes on along the answer's route like an approval (refusalTravels).
 */
export type Transition = { type: Exclude<ActionType, 'submitted'>; to: WorkflowStep | 'closed' | 'same'; refusal?: true };

/**
 * Whether "Respinge" at this step proposes a refusal instead of closing the case: at a step on the answer's route (one
 * that may approve, with a step after it), a refusal is an answer of the institution like a favourable one (OG 27/2002,
 * Legea 554/2004: reasoned, signed, with its legal remedy), so it goes to the approvals and signatures the workflow
 * sets and reaches the applicant only when it is issued. At the registry or an assignment step, "Respinge" still
 * closes the case (a request the institution cannot take up at all).
 */
export function refusalTravels(wf: WorkflowDefinition, current: WorkflowStep, answers: Answers): boolean {
  return current.actions.includes('approve') && nextStep(wf, current.key, answers) !== null;
}

export type TransitionProblem = 'workflow.no_next_step' | 'workflow.no_previous_step';

/**
 * The case action and the next step of a workflow action taken at `current`. Approving before another approval
 * step sends the case for approval (it stays "in approval"); the last approval approves it.
 */
export function transitionFor(
  wf: WorkflowDefinition,
  current: WorkflowStep,
  action: WorkflowAction,
  answers: Answers,
  options: { returnTo?: string } = {},
): Transition | TransitionProblem {
  const next = nextStep(wf, current.key, answers);
  switch (action) {
    case 'assign':
      return next ? { type: 'assigned', to: next } : 'workflow.no_next_step';
    case 'reassign':
      return { type: 'assigned', to: 'same' };
    case 'request_completion':
      return { type: 'completion_requested', to: 'same' };
    case 'approve':
      if (!next) return 'workflow.no_next_step';
      return { type: next.actions.includes('approve') ? 'sent_for_approval' : 'approved', to: next };
    case 'reject':
      if (next && refusalTravels(wf, current, answers)) return { type: next.actions.includes('approve') ? 'sent_for_approval' : 'approved', to: next, refusal: true };
      return { type: 'rejected', to: 'closed' };
    case 'return': {
      const candidates = previousSteps(wf, current.key, answers);
      const to = options.returnTo ? candidates.find((s) => s.key === options.returnTo) : candidates[0];
      return to ? { type: 'returned', to } : 'workflow.no_previous_step';
    }
    case 'forward': {
      const to = intakeStep(wf, current.key, answers);
      return to ? { type: 'forwarded', to } : 'workflow.no_next_step';
    }
    case 'sign':
      return { type: 'signed', to: next ?? 'same' };
    case 'issue':
      return { type: 'issued', to: 'closed' };
  }
}
