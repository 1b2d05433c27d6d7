import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { translator } from '../i18n/i18n.ts';
import { applicableSteps, collectAnswers, firstUnanswered, type JourneyContext, type JourneyStep, stepAfter, stepBefore } from './journey.tsx';

const step = (id: string, condition?: JourneyStep['condition']): JourneyStep => ({
  id,
  title: () => id,
  schema: z.object({}),
  condition,
  render: () => null,
});

// Like a permit: ask the company's CUI only for companies, and the mandate only for a representative.
const journey = {
  steps: [
    step('who'),
    step('cui', (a) => a.kind === 'company'),
    step('mandate', (a) => a.kind === 'company' && a.role === 'representative'),
    step('details'),
  ],
};
const anonymous: JourneyContext = { actor: null, t: translator('ro'), locale: 'ro', institution: null, ip: null };

describe('journey step order', () => {
  it('skips a step whose condition on earlier answers is false', () => {
    const stored = { who: { kind: 'person' } };
    expect(applicableSteps(journey, stored, anonymous).map((s) => s.id)).toEqual(['who', 'details']);
    expect(stepAfter(journey, stored, anonymous, 'who')?.id).toBe('details');
    expect(stepBefore(journey, stored, anonymous, 'details')?.id).toBe('who');
  });

  it('asks the conditional step when the earlier answer makes it apply', () => {
    const stored = { who: { kind: 'company' } };
    expect(stepAfter(journey, stored, anonymous, 'who')?.id).toBe('cui');
    expect(firstUnanswered(journey, stored, anonymous)?.id).toBe('cui');
  });

  it('lets a condition see only answers of steps that still apply', () => {
    // "role" was answered on the cui step while the person was a company; now they are not, so it is ignored.
    const stored = { who: { kind: 'person' }, cui: { role: 'representative' }, details: { x: 1 } };
    expect(applicableSteps(journey, stored, anonymous).map((s) => s.id)).toEqual(['who', 'details']);
    expect(collectAnswers(journey, stored, anonymous)).toEqual({ kind: 'person', x: 1 });
    expect(firstUnanswered(journey, stored, anonymous)).toBeNull();
  });

  it('ends with the check page after the last applicable step', () => {
    const stored = { who: { kind: 'person' }, details: {} };
    expect(stepAfter(journey, stored, anonymous, 'details')).toBeNull();
  });
});
