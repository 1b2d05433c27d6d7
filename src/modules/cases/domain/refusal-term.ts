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
 * - `refused`: refused on `refusedOn` (`late`: after the 5 days).
 * Null for other kinds of case, and for a request closed otherwise (answered, withdrawn): no refusal is due any more.
 */
export type RefusalView = { dueOn: IsoDate; state: 'open' | 'refused'; refusedOn: IsoDate | null; late: boolean };

/** A refusal is a case rejected, or an answer issued that refuses (its outcome `refused`). */
function refusalDay(actions: readonly Pick<CaseAction, 'type' | 'day' | 'payload'>[]): IsoDate | null {
  const refusal = actions.find((a) => a.type === 'rejected' || (a.type === 'issued' && a.payload.outcome === ('refused' satisfies AnswerOutcome)));
  return refusal?.day ?? null;
}

export function refusalView(
  input: { kind: ClockRules['kind']; registeredOn: IsoDate; closed: boolean; actions: readonly Pick<CaseAction, 'type' | 'day' | 'payload'>[] },
  today: IsoDate,
  closures?: Closures,
): RefusalView | null {
  if (input.kind !== 'information') return null;
  const dueOn = legalDeadline(input.registeredOn, REFUSAL_TERM, closures);
  const refusedOn = refusalDay(input.actions);
  if (refusedOn) return { dueOn, state: 'refused', refusedOn, late: refusedOn > dueOn };
  if (input.closed) return null;
  return { dueOn, state: 'open', refusedOn: null, late: today > dueOn };
}
