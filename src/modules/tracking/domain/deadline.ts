import { addDays, type IsoDate, isWorkingDay } from '../../../platform/calendar/calendar.ts';
import { CLOSED_STATUSES, type CaseStatus, isClosedStatus } from '../../cases/domain/case-state.ts';

/** Statuses in which the legal clock no longer runs (an answer was given, or there is nothing left to answer). */
export const STOPPED_STATUSES = CLOSED_STATUSES;

export const isStopped = (status: CaseStatus) => isClosedStatus(status);

export { type DeadlineView, deadlineView } from '../../cases/domain/case-state.ts';

/** The `n`-th working day after `day` (weekends and public holidays skipped). */
export function addWorkingDays(day: IsoDate, n: number): IsoDate {
  let d = day;
  let counted = 0;
  while (counted < n) {
    d = addDays(d, 1);
    if (isWorkingDay(d)) counted++;
  }
  return d;
}

/** How many working days ahead of a deadline its reminder goes out. */
export const REMINDER_WORKING_DAYS = 3;

/** The last due date that counts as "due soon" on `today`: within 3 working days. */
export const dueSoonUntil = (today: IsoDate) => addWorkingDays(today, REMINDER_WORKING_DAYS);
