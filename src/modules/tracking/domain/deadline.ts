import { type Closures, type IsoDate, legalDeadline } from '../../../platform/calendar/calendar.ts';
import { CLOSED_STATUSES, type CaseStatus, isClosedStatus } from '../../cases/domain/case-state.ts';

/** Statuses in which the legal clock no longer runs (an answer was given, or there is nothing left to answer). */
export const STOPPED_STATUSES = CLOSED_STATUSES;

export const isStopped = (status: CaseStatus) => isClosedStatus(status);

export { type DeadlineView, deadlineView } from '../../cases/domain/case-state.ts';

/** How many working days ahead of a deadline its reminder goes out. */
export const REMINDER_WORKING_DAYS = 3;

/**
 * The last due date that counts as "due soon" on `today`: within 3 working days of the institution (its closed days
 * skipped, as its deadlines are counted).
 */
export const dueSoonUntil = (today: IsoDate, closures?: Closures) => legalDeadline(today, { days: REMINDER_WORKING_DAYS, unit: 'working' }, closures);
