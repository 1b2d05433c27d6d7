import { addDays, daysBetween, type IsoDate } from '../../../platform/calendar/calendar.ts';

/** The days of a report, both included (Bucharest calendar days). */
export type Period = { from: IsoDate; to: IsoDate };

/** Without a chosen period: the last 90 days, today included. */
export const DEFAULT_PERIOD_DAYS = 90;
/** A period longer than this is refused (ten years of answers is a query nobody needs on a screen). */
export const MAX_PERIOD_DAYS = 3660;

export function defaultPeriod(today: IsoDate): Period {
  return { from: addDays(today, -(DEFAULT_PERIOD_DAYS - 1)), to: today };
}

/** A date typed as dd.mm.yyyy (or yyyy-mm-dd) → yyyy-mm-dd, or null when it is not a real day. */
export function parseDay(input: string): IsoDate | null {
  const s = input.trim();
  const ro = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(s);
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  const [y, m, d] = ro ? [ro[3]!, ro[2]!, ro[1]!] : iso ? [iso[1]!, iso[2]!, iso[3]!] : [];
  if (!y || !m || !d) return null;
  const day = `${y}-${m.padStart(2, '0')}-${d.padStart(2, '0')}`;
  const check = new Date(`${day}T00:00:00Z`);
  return Number.isNaN(check.getTime()) || check.toISOString().slice(0, 10) !== day ? null : day;
}

export type PeriodProblem = { field: 'from' | 'to'; code: 'reports.date_invalid' | 'reports.period_reversed' | 'reports.period_too_long' };

/**
 * The period asked for: both days empty → the default; one empty → that end of the default (today, or 90 days
 * before the end). Problems name the field.
 */
export function readPeriod(fromRaw: string | undefined, toRaw: string | undefined, today: IsoDate): { ok: true; period: Period } | { ok: false; problems: PeriodProblem[] } {
  const problems: PeriodProblem[] = [];
  const toText = toRaw?.trim() ?? '';
  const fromText = fromRaw?.trim() ?? '';
  const to = toText ? parseDay(toText) : today;
  if (!to) problems.push({ field: 'to', code: 'reports.date_invalid' });
  const from = fromText ? parseDay(fromText) : to ? defaultPeriod(to).from : null;
  if (!from) problems.push({ field: 'from', code: 'reports.date_invalid' });
  if (from && to && from > to) problems.push({ field: 'to', code: 'reports.period_reversed' });
  else if (from && to && daysBetween(from, to) > MAX_PERIOD_DAYS) problems.push({ field: 'to', code: 'reports.period_too_long' });
  return problems.length || !from || !to ? { ok: false, problems } : { ok: true, period: { from, to } };
}
