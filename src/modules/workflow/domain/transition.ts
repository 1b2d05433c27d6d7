import type { Answers } from '../../catalog/domain/form-definition.ts';
import type { ActionType } from '../../cases/domain/case-state.ts';
import { intakeStep, nextStep, previousSteps, type WorkflowAction, type WorkflowDefinition, type WorkflowStep } from './workflow-definition.ts';

/** What a workflow action does: the case action it writes to the log and where the case goes next. */
export type Transition = { type: Exclude<ActionType, 'submitted'>; to: WorkflowStep | 'closed' | 'same' };

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
