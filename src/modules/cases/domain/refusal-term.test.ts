import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, isWorkingDay } from '../../../platform/calendar/calendar.ts';
import type { CaseAction } from './case-state.ts';
import { refusalView } from './refusal-term.ts';

const act = (type: CaseAction['type'], day: string, payload: CaseAction['payload'] = {}) => ({ type, day, payload });
// Registered Monday 02.03.2026: 5 days end on 08.03, a Sunday, so the last day to refuse is Monday 09.03.
const base = { kind: 'information' as const, registeredOn: '2026-03-02', closed: false, actions: [act('submitted', '2026-03-02')] };

describe('the 5 days to refuse a public-information request (Legea 544/2001 art. 7(2))', () => {
  it('run from registration as a term in days: the last day rolled to a working day', () => {
    expect(refusalView(base, '2026-03-03')).toEqual({ dueOn: '2026-03-09', state: 'open', refusedOn: null, late: false, partial: false });
    expect(refusalView(base, '2026-03-09')?.late).toBe(false);
    expect(refusalView(base, '2026-03-10')?.late).toBe(true);
  });

  it('skip the institution’s closed days when the last day falls on one', () => {
    expect(refusalView(base, '2026-03-03', new Set(['2026-03-09']))?.dueOn).toBe('2026-03-10');
  });

  it('say a refusal after the 5 days is late, whether the case was rejected or answered with a refusal', () => {
    const rejected = { ...base, closed: true, actions: [...base.actions, act('rejected', '2026-03-10', { reason: 'Informație exceptată' })] };
    expect(refusalView(rejected, '2026-03-20')).toEqual({ dueOn: '2026-03-09', state: 'refused', refusedOn: '2026-03-10', late: true, partial: false });
    const answered = { ...base, closed: true, actions: [...base.actions, act('issued', '2026-03-05', { outcome: 'refused' })] };
    expect(refusalView(answered, '2026-03-20')).toEqual({ dueOn: '2026-03-09', state: 'refused', refusedOn: '2026-03-05', late: false, partial: false });
  });

  it('apply to the part refused of an answer that gives the rest (comunicare parțială): on time or late as any refusal', () => {
    const inTime = { ...base, closed: true, actions: [...base.actions, act('issued', '2026-03-09', { outcome: 'partial' })] };
    expect(refusalView(inTime, '2026-03-20')).toEqual({ dueOn: '2026-03-09', state: 'refused', refusedOn: '2026-03-09', late: false, partial: true });
    // Within the 10 days to give the information, but past the 5 to refuse the rest: the refusal of that part is late.
    const late = { ...base, closed: true, actions: [...base.actions, act('issued', '2026-03-12', { outcome: 'partial' })] };
    expect(refusalView(late, '2026-03-20')).toEqual({ dueOn: '2026-03-09', state: 'refused', refusedOn: '2026-03-12', late: true, partial: true });
  });

  it('no longer apply once the information was given, and never to other kinds of case', () => {
    const given = { ...base, closed: true, actions: [...base.actions, act('issued', '2026-03-12', { outcome: 'information' })] };
    expect(refusalView(given, '2026-03-20')).toBeNull();
    expect(refusalView({ ...base, kind: 'petition' }, '2026-03-03')).toBeNull();
    expect(refusalView({ ...base, kind: 'request' }, '2026-03-03')).toBeNull();
  });
});

describe('the refusal term, for any registration day 2000–2090 and any closed days', () => {
  const anyDay = fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2090-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
  it('ends on the first working day from the 6th calendar day on, and a refusal is late exactly when it comes after it', () => {
    fc.assert(
      fc.property(anyDay, fc.uniqueArray(fc.integer({ min: 1, max: 12 }), { maxLength: 4 }), fc.integer({ min: 0, max: 20 }), (registeredOn, offsets, after) => {
        const closures = new Set(offsets.map((o) => addDays(registeredOn, o)));
        const open = refusalView({ ...base, registeredOn, actions: [act('submitted', registeredOn)] }, registeredOn, closures)!;
        expect(open.dueOn >= addDays(registeredOn, 6)).toBe(true);
        expect(isWorkingDay(open.dueOn, closures)).toBe(true);
        for (let d = addDays(registeredOn, 6); d < open.dueOn; d = addDays(d, 1)) expect(isWorkingDay(d, closures)).toBe(false);
        const refusedOn = addDays(registeredOn, after);
        const refused = refusalView({ ...base, registeredOn, closed: true, actions: [act('submitted', registeredOn), act('rejected', refusedOn)] }, refusedOn, closures)!;
        expect(refused.late).toBe(refusedOn > open.dueOn);
      }),
    );
  });
});
