import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { legalDeadline } from '../../../platform/calendar/calendar.ts';
import { ALLOWED_ACTIONS, assigneeOf, type CaseAction, CASE_STATUSES, clockOf, isAllowed, isClosedStatus, redirectDueOn, resolutionOf, statusOf } from './case-state.ts';

let n = 0;
const act = (type: CaseAction['type'], day: string, payload: CaseAction['payload'] = {}): CaseAction => ({
  type,
  day,
  at: new Date(`${day}T10:00:00Z`),
  actorId: null,
  transactionId: `t${++n}`,
  payload,
});

describe('case status from the action log', () => {
  it('folds the log: registered → assigned → awaiting the applicant → assigned → in approval → issued', () => {
    const log = [act('submitted', '2026-11-23')];
    expect(statusOf(log)).toBe('registered');
    log.push(act('assigned', '2026-11-23', { assigneeId: 'insp-1' }));
    expect(statusOf(log)).toBe('assigned');
    log.push(act('completion_requested', '2026-11-24'));
    expect(statusOf(log)).toBe('awaiting_applicant');
    log.push(act('message', '2026-11-24', { text: 'Am încărcat actul' }));
    expect(statusOf(log)).toBe('awaiting_applicant');
    log.push(act('completed', '2026-11-25'));
    expect(statusOf(log)).toBe('assigned');
    log.push(act('sent_for_approval', '2026-11-26'));
    log.push(act('approved', '2026-11-26'));
    log.push(act('signed', '2026-11-27'));
    log.push(act('issued', '2026-11-27'));
    expect(statusOf(log)).toBe('issued');
    expect(assigneeOf(log)).toBe('insp-1');
  });

  it('allows no action on an archived case and no second withdrawal', () => {
    expect(ALLOWED_ACTIONS.archived).toEqual([]);
    expect(isAllowed('withdrawn', 'withdrawn')).toBe(false);
    expect(isAllowed('issued', 'approved')).toBe(false);
    expect(isAllowed('assigned', 'completion_requested')).toBe(true);
  });

  it('has a row for every status', () => {
    for (const s of CASE_STATUSES) expect(ALLOWED_ACTIONS[s]).toBeDefined();
  });
});

describe('the legal clock', () => {
  const petition = { term: { days: 30, unit: 'calendar' as const }, tacitApproval: false, kind: 'petition' as const };
  const urbanism = { term: { days: 15, unit: 'calendar' as const }, tacitApproval: true, kind: 'request' as const };

  it('starts on the registration day: a petition of 22.11.2026 is due 23.12.2026', () => {
    expect(clockOf([act('submitted', '2026-11-22')], petition).dueOn).toBe('2026-12-23');
  });

  it('adds a 15-day extension of a petition, rolled to a working day', () => {
    const c = clockOf([act('submitted', '2026-11-22'), act('extended', '2026-12-10', { days: 15, reason: 'verificare pe teren' })], petition);
    expect(c.dueOn).toBe('2027-01-08'); // 23.12 + 15 = 07.01.2027 (St John, holiday) → 08.01.2027
    expect(c.extensions).toEqual([{ day: '2026-12-10', days: 15, reason: 'verificare pe teren' }]);
  });

  it('extends the term itself, not the day it was rolled to: 30 + 15 days of a petition end 45 days after registration', () => {
    // Registered 25.11.2026: the 30 days end on Saturday 26.12.2026, rolled to Monday 28.12. Extended by 15 days the
    // term is 45 days, ending on Sunday 10.01.2027 → Monday 11.01.2027 (not 28.12 + 15 = 12.01).
    const c = clockOf([act('submitted', '2026-11-25'), act('extended', '2026-12-10', { days: 15, reason: 'verificare pe teren' })], petition);
    expect(c.dueOn).toBe('2027-01-11');
    expect(c.dueOn).toBe(legalDeadline('2026-11-25', { days: 45, unit: 'calendar' }));
  });

  it('property: an extension by N days ends where a term N days longer would', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('2025-01-01T00:00:00Z'), max: new Date('2035-12-31T00:00:00Z'), noInvalidDate: true }), fc.integer({ min: 1, max: 15 }), (d, n) => {
        const start = d.toISOString().slice(0, 10);
        const c = clockOf([act('submitted', start), act('extended', start, { days: n, reason: 'r' })], petition);
        expect(c.dueOn).toBe(legalDeadline(start, { days: 30 + n, unit: 'calendar' }));
      }),
      { numRuns: 500 },
    );
  });

  it('extends a tacit-approval term by 10 days when documents are asked at least 10 days before its end', () => {
    // 02.03.2026 + 15 days → 18.03.2026; asked 05.03 (13 days before) → 28.03 (Saturday) → 30.03
    const early = clockOf([act('submitted', '2026-03-02'), act('completion_requested', '2026-03-05')], urbanism);
    expect(early.dueOn).toBe('2026-03-30');
    const late = clockOf([act('submitted', '2026-03-02'), act('completion_requested', '2026-03-12')], urbanism);
    expect(late.dueOn).toBe('2026-03-18');
  });

  it('extends a tacit-approval term once: a second completion request does not push it again (OUG 27/2003 art. 6(4)–(5))', () => {
    // 02.03.2026 + 15 days → 18.03.2026; asked 05.03 → 28.03 (Saturday) → 30.03; asked again 16.03 → still 30.03.
    const twice = clockOf([act('submitted', '2026-03-02'), act('completion_requested', '2026-03-05'), act('completed', '2026-03-09'), act('completion_requested', '2026-03-16')], urbanism);
    expect(twice.dueOn).toBe('2026-03-30');
    expect(twice.extensions).toHaveLength(1);
  });

  it('stops the clock once the answer is issued', () => {
    expect(clockOf([act('submitted', '2026-03-02'), act('rejected', '2026-03-03')], urbanism).stopped).toBe(true);
  });
});

describe('a petition sent to the wrong institution (OG 27/2002 art. 6¹)', () => {
  it('is sent on within 5 days of registration, counted as every term in days', () => {
    // Registered Monday 23.11.2026: the 5 days end Saturday 28.11 → rolled past Sunday, 30.11 and 1.12 (holidays).
    expect(redirectDueOn('petition', '2026-11-23')).toBe('2026-12-02');
    // Registered Tuesday 10.03.2026: Monday 16.03 is a working day.
    expect(redirectDueOn('petition', '2026-03-10')).toBe('2026-03-16');
    expect(redirectDueOn('request', '2026-03-10')).toBeNull();
    expect(redirectDueOn('information', '2026-03-10')).toBeNull();
  });

  it('closes the case: its clock stops and nothing but archiving follows', () => {
    const log = [act('submitted', '2026-11-23'), act('redirected', '2026-11-24')];
    expect(statusOf(log)).toBe('redirected');
    expect(isClosedStatus('redirected')).toBe(true);
    expect(clockOf(log, { term: { days: 30, unit: 'calendar' }, tacitApproval: false, kind: 'petition' }).stopped).toBe(true);
    expect(ALLOWED_ACTIONS.redirected).toEqual(['archived']);
    for (const status of ['issued', 'rejected', 'withdrawn', 'redirected', 'archived'] as const) expect(isAllowed(status, 'redirected')).toBe(false);
    expect(resolutionOf('redirected', '2026-11-24')).toEqual({ code: 'redirected', text: 'Trimisă spre competentă soluționare la 24.11.2026' });
  });
});

describe('a repeated petition (OG 27/2002 art. 10)', () => {
  it('joined to the first, closes: its clock stops, the register says so, nothing but archiving follows', () => {
    const log = [act('submitted', '2026-11-23'), act('joined', '2026-11-25', { join: { caseId: 'c1', number: '12/20.11.2026', answeredOn: null } })];
    expect(statusOf(log)).toBe('joined');
    expect(isClosedStatus('joined')).toBe(true);
    expect(clockOf(log, { term: { days: 30, unit: 'calendar' }, tacitApproval: false, kind: 'petition' }).stopped).toBe(true);
    expect(ALLOWED_ACTIONS.joined).toEqual(['archived']);
    expect(isAllowed('in_approval', 'joined')).toBe(false);
    expect(resolutionOf('joined', '2026-11-25')?.text).toBe('Conexată la petiția anterioară pe aceeași problemă la 25.11.2026');
  });
});
