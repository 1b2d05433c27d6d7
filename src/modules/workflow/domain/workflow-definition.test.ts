import { describe, expect, it } from 'vitest';
import { transitionFor } from './transition.ts';
import { checkWorkflow, DEFAULT_WORKFLOW, missingSignerSteps, nextInTurn, nextStep, previousSteps, queueOf, stepOf } from './workflow-definition.ts';

const step = (key: string) => stepOf(DEFAULT_WORKFLOW, key)!;

describe('workflow definition', () => {
  it('accepts the default workflow and refuses broken ones with named problems', () => {
    expect(checkWorkflow(DEFAULT_WORKFLOW).ok).toBe(true);
    const noRegistry = checkWorkflow({ ...DEFAULT_WORKFLOW, steps: DEFAULT_WORKFLOW.steps.slice(1) });
    expect(noRegistry.ok === false && noRegistry.problems.map((p) => p.code)).toContain('workflow.first_registry');
    const unsigned = checkWorkflow({ ...DEFAULT_WORKFLOW, steps: DEFAULT_WORKFLOW.steps.filter((s) => s.key !== 'semnare') });
    expect(unsigned.ok === false && unsigned.problems.map((p) => p.code)).toEqual(['workflow.issue_unsigned']);
    const dup = checkWorkflow({ ...DEFAULT_WORKFLOW, steps: [...DEFAULT_WORKFLOW.steps, DEFAULT_WORKFLOW.steps[1]] });
    expect(dup.ok === false && dup.problems[0]?.code).toBe('workflow.duplicate_key');
    const cond = checkWorkflow(
      { ...DEFAULT_WORKFLOW, steps: DEFAULT_WORKFLOW.steps.map((s) => (s.key === 'aprobare' ? { ...s, when: { question: 'regim', equals: 'urgent' } } : s)) },
      { questionIds: new Set(['purpose']) },
    );
    expect(cond.ok === false && cond.problems[0]).toMatchObject({ code: 'workflow.unknown_question', params: { question: 'regim' } });
    expect(checkWorkflow({ schemaVersion: 1, steps: [] }).ok).toBe(false);
  });

  it('refuses a workflow without a step for one of the answer’s signers, naming each one missing', () => {
    const headSigns = { ...DEFAULT_WORKFLOW, steps: DEFAULT_WORKFLOW.steps.map((s) => (s.key === 'semnare' ? { ...s, role: 'head_of_department' as const } : s)) };
    const noMayor = checkWorkflow(headSigns);
    expect(noMayor.ok === false && noMayor.problems).toEqual([{ path: 'steps', code: 'workflow.signer_step_missing.mayor', params: { role: 'mayor' } }]);
    const noInspector = checkWorkflow({ ...DEFAULT_WORKFLOW, steps: DEFAULT_WORKFLOW.steps.map((s) => (s.key === 'analiza' ? { ...s, role: 'head_of_department' as const } : s)) });
    expect(noInspector.ok === false && noInspector.problems.map((p) => p.code)).toEqual(['workflow.signer_step_missing.inspector']);
    // A signer's step after the issue does not count: the answer would be issued before it.
    const late = { ...DEFAULT_WORKFLOW, steps: [...headSigns.steps, { key: 'primar', name: { ro: 'Primarul', en: 'The mayor' }, role: 'mayor' as const, dueDays: 1, actions: ['approve' as const] }] };
    expect(missingSignerSteps(late).map((p) => p.code)).toEqual(['workflow.signer_step_missing.mayor']);
    expect(missingSignerSteps(DEFAULT_WORKFLOW)).toEqual([]);
  });

  it('makes a refusal at the analysis or an approval a proposal that travels on; at the registry it closes the case', () => {
    expect(transitionFor(DEFAULT_WORKFLOW, step('analiza'), 'reject', {})).toMatchObject({ type: 'sent_for_approval', to: { key: 'aprobare' }, refusal: true });
    expect(transitionFor(DEFAULT_WORKFLOW, step('aprobare'), 'reject', {})).toMatchObject({ type: 'approved', to: { key: 'semnare' }, refusal: true });
    expect(transitionFor(DEFAULT_WORKFLOW, step('registratura'), 'reject', {})).toEqual({ type: 'rejected', to: 'closed' });
    expect(transitionFor(DEFAULT_WORKFLOW, step('repartizare'), 'reject', {})).toEqual({ type: 'rejected', to: 'closed' });
  });

  it('routes by the answers and knows where each action leads', () => {
    const wf = { ...DEFAULT_WORKFLOW, steps: DEFAULT_WORKFLOW.steps.map((s) => (s.key === 'aprobare' ? { ...s, when: { question: 'urgency', equals: 'standard' } } : s)) };
    expect(nextStep(wf, 'analiza', { urgency: 'standard' })?.key).toBe('aprobare');
    expect(nextStep(wf, 'analiza', { urgency: 'urgent' })?.key).toBe('semnare');
    expect(transitionFor(DEFAULT_WORKFLOW, step('analiza'), 'approve', {})).toMatchObject({ type: 'sent_for_approval', to: { key: 'aprobare' } });
    expect(transitionFor(DEFAULT_WORKFLOW, step('aprobare'), 'approve', {})).toMatchObject({ type: 'approved', to: { key: 'semnare' } });
    expect(transitionFor(DEFAULT_WORKFLOW, step('registratura'), 'forward', {})).toMatchObject({ type: 'forwarded', to: { key: 'repartizare' } });
    expect(transitionFor(DEFAULT_WORKFLOW, step('semnare'), 'return', {}, { returnTo: 'analiza' })).toMatchObject({ type: 'returned', to: { key: 'analiza' } });
    expect(transitionFor(DEFAULT_WORKFLOW, step('emitere'), 'issue', {})).toEqual({ type: 'issued', to: 'closed' });
    expect(previousSteps(DEFAULT_WORKFLOW, 'aprobare', {}).map((s) => s.key)).toEqual(['analiza', 'repartizare']);
    expect(DEFAULT_WORKFLOW.steps.map(queueOf)).toEqual(['route', 'assign', 'work', 'work', 'sign', 'issue']);
  });

  it('takes turns among the candidates', () => {
    expect(nextInTurn(['a', 'b', 'c'], null)).toBe('a');
    expect(nextInTurn(['a', 'b', 'c'], 'a')).toBe('b');
    expect(nextInTurn(['a', 'b', 'c'], 'c')).toBe('a');
    expect(nextInTurn(['a', 'b'], 'gone')).toBe('a');
    expect(nextInTurn([], 'a')).toBeNull();
  });
});
