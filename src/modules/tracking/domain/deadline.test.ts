import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, isWorkingDay } from '../../../platform/calendar/calendar.ts';
import { dueSoonUntil, REMINDER_WORKING_DAYS } from './deadline.ts';

const anyDay = fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2090-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));

describe('"due soon" — within 3 working days of the institution', () => {
  it('ends on the institution’s 3rd working day after today, whatever days it closed', () => {
    fc.assert(
      fc.property(anyDay, fc.uniqueArray(fc.integer({ min: 1, max: 14 }), { maxLength: 5 }), (today, offsets) => {
        const closures = new Set(offsets.map((o) => addDays(today, o)));
        const until = dueSoonUntil(today, closures);
        expect(isWorkingDay(until, closures)).toBe(true);
        let counted = 0;
        for (let d = addDays(today, 1); d <= until; d = addDays(d, 1)) if (isWorkingDay(d, closures)) counted++;
        expect(counted).toBe(REMINDER_WORKING_DAYS);
        // A closed day never shortens the look-ahead.
        expect(until >= dueSoonUntil(today)).toBe(true);
      }),
    );
  });
});
