import type { Executor } from '../../db/database.ts';
import { type Closures, recountWorkingDeadline } from '../../platform/calendar/calendar.ts';
import { listOpenStepDueDays, moveOpenStepDueDays } from './store.ts';

/**
 * A closed day added or removed moves the due day of every open case's current step whose count (in the institution's
 * working days, from entering the step) runs over it, by the same rule that counted it (recountWorkingDeadline) — in
 * the caller's transaction, so the inboxes and the step reminders read the new day at once. Only future days are added
 * or removed (addClosure), so every open step was entered before the day. `closures`: the closed days after the change.
 * Answers how many steps moved.
 */
export async function moveStepDueDays(tx: Executor, input: { institutionId: string; day: string; closed: boolean; closures: Closures }): Promise<number> {
  const moves = (await listOpenStepDueDays(tx, input.institutionId, input.day))
    .map((from) => ({ from, to: recountWorkingDeadline(from, { day: input.day, closed: input.closed }, input.closures) }))
    .filter((m) => m.to !== m.from);
  return moveOpenStepDueDays(tx, input.institutionId, moves);
}
