import { addDays, daysBetween, type IsoDate, isWorkingDay } from '../../../platform/calendar/calendar.ts';
import type { CaseStatus } from '../../cases/domain/case-state.ts';
import { CLOSED_STATUSES, isClosedStatus } from '../../cases/domain/case-state.ts';

/** Statuses in which the legal clock no longer runs (an answer was given, or there is nothing left to answer). */
export const STOPPED_STATUSES = CLOSED_STATUSES;

export const isStopped = (status: CaseStatus) => isClosedStatus(status);

/** How a case stands against its legal deadline, seen on `today` (Bucharest calendar day). */
export type DeadlineView = {
  dueOn: IsoDate;
  /** Calendar days until the last valid day: 0 = due today, negative = overdue by that many days. */
  daysLeft: number;
  overdue: boolean;
  stopped: boolean;
};

export function deadlineView(dueOn: IsoDate, status: CaseStatus, today: IsoDate): DeadlineView {
  const stopped = isStopped(status);
  const daysLeft = daysBetween(today, dueOn);
  return { dueOn, daysLeft, overdue: !stopped && daysLeft < 0, stopped };
}

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
