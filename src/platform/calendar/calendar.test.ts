import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addDays,
  bucharestDay,
  dayOfWeek,
  holidayDates,
  isWorkingDay,
  legalDeadline,
  orthodoxEaster,
  publicHolidays,
  recountWorkingDeadline,
} from './calendar.ts';

const anyDate = fc.date({ min: new Date('1950-01-01T00:00:00Z'), max: new Date('2090-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));

describe('Orthodox Easter', () => {
  it('matches the known dates of DOMAIN.md', () => {
    expect(orthodoxEaster(2025)).toBe('2025-04-20');
    expect(orthodoxEaster(2026)).toBe('2026-04-12');
    expect(orthodoxEaster(2027)).toBe('2027-05-02');
    expect(orthodoxEaster(2028)).toBe('2028-04-16');
  });

  it('always falls on a Sunday between 4 April and 8 May (1900–2099)', () => {
    for (let y = 1900; y <= 2099; y++) {
      const e = orthodoxEaster(y);
      expect(dayOfWeek(e)).toBe(0);
      expect(e >= `${y}-04-04` && e <= `${y}-05-08`).toBe(true);
    }
  });

  it('refuses years outside the valid range instead of guessing', () => {
    expect(() => orthodoxEaster(2100)).toThrow(RangeError);
  });
});

describe('public holidays', () => {
  it('2026 has 16 distinct holiday dates, Pentecost Monday coinciding with 1 June', () => {
    const dates = holidayDates(2026);
    expect(dates.size).toBe(16);
    expect(dates.has('2026-06-01')).toBe(true);
    expect(dates.has('2026-05-31')).toBe(true);
    expect(dates.has('2026-04-10')).toBe(true); // Good Friday
    expect(publicHolidays(2026)).toHaveLength(17);
  });

  it('includes 24 January, 30 November, 1 December, 6 and 7 January every year', () => {
    for (const y of [1999, 2024, 2031, 2075]) {
      for (const md of ['01-01', '01-02', '01-06', '01-07', '01-24', '05-01', '06-01', '08-15', '11-30', '12-01', '12-25', '12-26']) {
        expect(holidayDates(y).has(`${y}-${md}`)).toBe(true);
      }
    }
  });
});

describe('legal terms (Codul civil art. 2553–2554)', () => {
  it('follows the worked example: received 10.09.2025, 15 days → 26.09.2025', () => {
    expect(legalDeadline('2025-09-10', { days: 15, unit: 'calendar' })).toBe('2025-09-26');
  });

  it('a petition registered on 22.11.2026 is answered by 23.12.2026 (30 days, Wednesday)', () => {
    expect(legalDeadline('2026-11-22', { days: 30, unit: 'calendar' })).toBe('2026-12-23');
  });

  it('rolls a term ending on a holiday weekend forward to the next working day', () => {
    // 10 days from 20.11.2026 → 01.12.2026 (National Day, Tuesday; 30.11 is a holiday too) → 02.12.2026
    expect(legalDeadline('2026-11-20', { days: 10, unit: 'calendar' })).toBe('2026-12-02');
  });

  it('counts working days from the day after registration, skipping weekends and holidays', () => {
    expect(legalDeadline('2026-11-23', { days: 2, unit: 'working' })).toBe('2026-11-25'); // Mon → Wed
    expect(legalDeadline('2026-11-27', { days: 2, unit: 'working' })).toBe('2026-12-03'); // Fri → skips weekend, 30.11, 01.12
  });

  it('honours an institution closure (a government day off for the public sector)', () => {
    const closures = new Set(['2026-12-24']);
    expect(isWorkingDay('2026-12-24', closures)).toBe(false);
    expect(legalDeadline('2026-12-22', { days: 2, unit: 'working' }, closures)).toBe('2026-12-28');
    expect(legalDeadline('2026-12-22', { days: 2, unit: 'working' })).toBe('2026-12-24');
  });

  it('property: a calendar-day deadline is a working day, after start + N, and at most start + N + 1 + 6', () => {
    fc.assert(
      fc.property(anyDate, fc.integer({ min: 1, max: 120 }), (start, n) => {
        const due = legalDeadline(start, { days: n, unit: 'calendar' });
        expect(isWorkingDay(due)).toBe(true);
        expect(due > addDays(start, n)).toBe(true);
        expect(due <= addDays(start, n + 1 + 6)).toBe(true);
        // every day strictly between start+N+1 and the deadline is a non-working day
        for (let d = addDays(start, n + 1); d < due; d = addDays(d, 1)) expect(isWorkingDay(d)).toBe(false);
      }),
      { numRuns: 2000 },
    );
  });

  it('property: a working-day deadline has exactly N working days after the start day', () => {
    fc.assert(
      fc.property(anyDate, fc.integer({ min: 1, max: 40 }), (start, n) => {
        const due = legalDeadline(start, { days: n, unit: 'working' });
        let count = 0;
        for (let d = addDays(start, 1); d <= due; d = addDays(d, 1)) if (isWorkingDay(d)) count++;
        expect(count).toBe(n);
        expect(isWorkingDay(due)).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });

  it('property: a longer term never ends earlier', () => {
    fc.assert(
      fc.property(anyDate, fc.integer({ min: 0, max: 90 }), fc.constantFrom('calendar' as const, 'working' as const), (start, n, unit) => {
        expect(legalDeadline(start, { days: n + 1, unit }) >= legalDeadline(start, { days: n, unit })).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('the Bucharest day of an instant', () => {
  it('changes the year at midnight Europe/Bucharest, not UTC', () => {
    expect(bucharestDay(new Date('2026-12-31T21:59:59Z'))).toBe('2026-12-31');
    expect(bucharestDay(new Date('2026-12-31T22:00:00Z'))).toBe('2027-01-01');
  });

  it('handles the DST switch (last Sunday of March and October)', () => {
    expect(bucharestDay(new Date('2026-03-28T22:30:00Z'))).toBe('2026-03-29'); // UTC+2 before the switch
    expect(bucharestDay(new Date('2026-10-24T21:30:00Z'))).toBe('2026-10-25'); // UTC+3 before the switch
  });
});

describe('a term in working days counted again when a closed day is added or removed', () => {
  it('ends where counting from its start with the new closed days ends', () => {
    fc.assert(
      fc.property(anyDate, fc.integer({ min: 0, max: 30 }), fc.integer({ min: 1, max: 50 }), fc.uniqueArray(fc.integer({ min: 1, max: 50 }), { maxLength: 4 }), (start, n, offset, others) => {
        const day = addDays(start, offset);
        const before = new Set(others.map((o) => addDays(start, o)).filter((d) => d !== day));
        const after = new Set([...before, day]);
        const term = { days: n, unit: 'working' } as const;
        // Closing the day: from the count without it to the count with it; opening it again: back.
        expect(recountWorkingDeadline(legalDeadline(start, term, before), { day, closed: true }, after)).toBe(legalDeadline(start, term, after));
        expect(recountWorkingDeadline(legalDeadline(start, term, after), { day, closed: false }, before)).toBe(legalDeadline(start, term, before));
      }),
    );
  });

  it('moves a step due on Monday 24.11.2031 to Tuesday when that Monday is closed, and back', () => {
    expect(recountWorkingDeadline('2031-11-24', { day: '2031-11-24', closed: true }, new Set(['2031-11-24']))).toBe('2031-11-25');
    expect(recountWorkingDeadline('2031-11-25', { day: '2031-11-24', closed: false })).toBe('2031-11-24');
    // A Saturday closed changes nothing; nor does a day after the last one.
    expect(recountWorkingDeadline('2031-11-27', { day: '2031-11-22', closed: true }, new Set(['2031-11-22']))).toBe('2031-11-27');
    expect(recountWorkingDeadline('2031-11-20', { day: '2031-11-24', closed: true }, new Set(['2031-11-24']))).toBe('2031-11-20');
  });
});
