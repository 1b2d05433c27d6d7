import { type Closures, type IsoDate, legalDeadline } from '../../../platform/calendar/calendar.ts';
import type { AnswerOutcome, CaseAction, ClockRules } from './case-state.ts';

/**
 * Legea 544/2001 art. 7(2): a public-information request that is refused is refused, with reasons, within 5 days of its
 * registration — a clock of its own beside the 10 (or 30) days to answer it. Counted as every term in days (Codul
 * civil art. 2553–2554: neither the registration day nor the last day counts, a non-working last day rolls forward);
 * the law says "zile" without "lucrătoare", so calendar days.
 */
export const REFUSAL_TERM = { days: 5, unit: 'calendar' } as const;

/**
 * Where a public-information request stands against the 5 days to refuse it: the last day, and
 * - `open`: nobody has refused it and it is still open (`late`: the 5 days have run out, a refusal now is late);
 * - `refused`: refused on `refusedOn` (`late`: after the 5 days); `partial`: only part of the information was refused,
 *   the rest communicated with it — the 5 days apply to the refused part all the same.
 * Null for other kinds of case, and for a request closed otherwise (answered, withdrawn): no refusal is due any more.
 */
export type RefusalView = { dueOn: IsoDate; state: 'open' | 'refused'; refusedOn: IsoDate | null; late: boolean; partial: boolean };

const REFUSING: readonly (AnswerOutcome | undefined)[] = ['refused', 'partial'] satisfies AnswerOutcome[];

/** A refusal is a case rejected, or an answer issued that refuses all (`refused`) or part (`partial`) of the request. */
function refusalOf(actions: readonly Pick<CaseAction, 'type' | 'day' | 'payload'>[]) {
  return actions.find((a) => a.type === 'rejected' || (a.type === 'issued' && REFUSING.includes(a.payload.outcome))) ?? null;
}

export function refusalView(
  input: { kind: ClockRules['kind']; registeredOn: IsoDate; closed: boolean; actions: readonly Pick<CaseAction, 'type' | 'day' | 'payload'>[] },
  today: IsoDate,
  closures?: Closures,
): RefusalView | null {
  if (input.kind !== 'information') return null;
  const dueOn = legalDeadline(input.registeredOn, REFUSAL_TERM, closures);
  const refusal = refusalOf(input.actions);
  if (refusal) return { dueOn, state: 'refused', refusedOn: refusal.day, late: refusal.day > dueOn, partial: refusal.payload.outcome === 'partial' };
  if (input.closed) return null;
  return { dueOn, state: 'open', refusedOn: null, late: today > dueOn, partial: false };
}
