import type { Executor } from '../../db/database.ts';
import { OPEN_STATUSES } from './domain/case-state.ts';
import { insertTermRecountsFrom } from './store.ts';

/**
 * A closed day added or removed changes the last day of the institution's open cases whose term runs over it (a term
 * in working days, or one whose last day falls on it): they are listed so the daily deadline job counts them again
 * (recountCaseTerms) before it reminds anyone or flags anything overdue — not at their next action, which may come
 * after a reminder or an overdue flag for a day the institution was closed.
 */
export async function markTermsForRecount(tx: Executor, input: { institutionId: string; day: string }): Promise<void> {
  await insertTermRecountsFrom(tx, { ...input, openStatuses: OPEN_STATUSES });
}
