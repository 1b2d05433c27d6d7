/**
 * The Romanian legal calendar: public holidays (Codul muncii art. 139, as amended by Legea 52/2023), Orthodox
 * Easter, and legal terms counted as Codul civil art. 2553–2554 says. Dates are plain calendar days written as
 * ISO strings (YYYY-MM-DD) in Europe/Bucharest; no time zone arithmetic happens on them.
 */

export type IsoDate = string;

const pad = (n: number) => String(n).padStart(2, '0');

export function isoDate(year: number, month: number, day: number): IsoDate {
  return `${year}-${pad(month)}-${pad(day)}`;
}

function toUtc(d: IsoDate): Date {
  return new Date(`${d}T00:00:00Z`);
}

export function addDays(d: IsoDate, n: number): IsoDate {
  const t = toUtc(d);
  t.setUTCDate(t.getUTCDate() + n);
  return t.toISOString().slice(0, 10);
}

/** 0 = Sunday … 6 = Saturday. */
export function dayOfWeek(d: IsoDate): number {
  return toUtc(d).getUTCDay();
}

/**
 * Orthodox Easter: the Julian-calendar Easter (Meeus) moved to the Gregorian calendar by adding 13 days,
 * which holds for 1900–2099.
 */
export function orthodoxEaster(year: number): IsoDate {
  if (year < 1900 || year > 2099) throw new RangeError(`Orthodox Easter is computed for 1900–2099, not ${year}`);
  const a = year % 4;
  const b = year % 7;
  const c = year % 19;
  const d = (19 * c + 15) % 30;
  const e = (2 * a + 4 * b - d + 34) % 7;
  const month = Math.floor((d + e + 114) / 31);
  const day = ((d + e + 114) % 31) + 1;
  return addDays(isoDate(year, month, day), 13);
}

export type Holiday = { date: IsoDate; name: { ro: string; en: string } };

/** The public holidays of a year, in date order (a date that carries two holidays appears twice). */
export function publicHolidays(year: number): Holiday[] {
  const easter = orthodoxEaster(year);
  const list: Holiday[] = [
    { date: isoDate(year, 1, 1), name: { ro: 'Anul Nou', en: "New Year's Day" } },
    { date: isoDate(year, 1, 2), name: { ro: 'Anul Nou (a doua zi)', en: "New Year's Day (second day)" } },
    { date: isoDate(year, 1, 6), name: { ro: 'Bobotează', en: 'Epiphany' } },
    { date: isoDate(year, 1, 7), name: { ro: 'Sfântul Ioan Botezătorul', en: 'Synaxis of St John the Baptist' } },
    { date: isoDate(year, 1, 24), name: { ro: 'Ziua Unirii Principatelor Române', en: 'Union Day' } },
    { date: addDays(easter, -2), name: { ro: 'Vinerea Mare', en: 'Orthodox Good Friday' } },
    { date: easter, name: { ro: 'Paștele', en: 'Orthodox Easter Sunday' } },
    { date: addDays(easter, 1), name: { ro: 'A doua zi de Paște', en: 'Orthodox Easter Monday' } },
    { date: isoDate(year, 5, 1), name: { ro: 'Ziua Muncii', en: 'Labour Day' } },
    { date: isoDate(year, 6, 1), name: { ro: 'Ziua Copilului', en: "Children's Day" } },
    { date: addDays(easter, 49), name: { ro: 'Rusaliile', en: 'Orthodox Pentecost' } },
    { date: addDays(easter, 50), name: { ro: 'A doua zi de Rusalii', en: 'Orthodox Pentecost Monday' } },
    { date: isoDate(year, 8, 15), name: { ro: 'Adormirea Maicii Domnului', en: 'Dormition of the Mother of God' } },
    { date: isoDate(year, 11, 30), name: { ro: 'Sfântul Andrei', en: "St Andrew's Day" } },
    { date: isoDate(year, 12, 1), name: { ro: 'Ziua Națională a României', en: 'National Day' } },
    { date: isoDate(year, 12, 25), name: { ro: 'Crăciunul', en: 'Christmas Day' } },
    { date: isoDate(year, 12, 26), name: { ro: 'A doua zi de Crăciun', en: 'Second day of Christmas' } },
  ];
  return list.sort((x, y) => x.date.localeCompare(y.date));
}

const holidayCache = new Map<number, Set<IsoDate>>();

export function holidayDates(year: number): Set<IsoDate> {
  let set = holidayCache.get(year);
  if (!set) {
    set = new Set(publicHolidays(year).map((h) => h.date));
    holidayCache.set(year, set);
  }
  return set;
}

/**
 * Extra days off decided by the government for the public sector, or an institution's own closures; kept per
 * institution as configuration and passed in.
 */
export type Closures = ReadonlySet<IsoDate>;
const NO_CLOSURES: Closures = new Set();

export function isWorkingDay(d: IsoDate, closures: Closures = NO_CLOSURES): boolean {
  const dow = dayOfWeek(d);
  if (dow === 0 || dow === 6) return false;
  return !holidayDates(Number(d.slice(0, 4))).has(d) && !closures.has(d);
}

export function nextWorkingDay(d: IsoDate, closures: Closures = NO_CLOSURES): IsoDate {
  let x = d;
  while (!isWorkingDay(x, closures)) x = addDays(x, 1);
  return x;
}

export type Term = { days: number; unit: 'calendar' | 'working' };

/**
 * The last day on which a term that starts on `start` (the registration day) is still met.
 *
 * Calendar days — Codul civil art. 2553: neither the day the term starts nor the day it ends counts, so the last
 * valid day is start + N + 1; art. 2554: when that day is not a working day, the term ends on the next working day.
 * (Received 10.09.2025, 15 days → 26.09.2025.)
 *
 * Working days — only working days are counted, starting the day after registration; the last valid day is the
 * N-th working day (a fiscal certificate "within 2 working days" asked on Monday is due on Wednesday).
 */
export function legalDeadline(start: IsoDate, term: Term, closures: Closures = NO_CLOSURES): IsoDate {
  if (!Number.isInteger(term.days) || term.days < 0) throw new RangeError('a term is a whole number of days');
  if (term.unit === 'calendar') return nextWorkingDay(addDays(start, term.days + 1), closures);
  let d = start;
  let counted = 0;
  while (counted < term.days) {
    d = addDays(d, 1);
    if (isWorkingDay(d, closures)) counted++;
  }
  return term.days === 0 ? nextWorkingDay(start, closures) : d;
}

/**
 * The last day of a term in working days (legalDeadline) that started before `change.day`, counted again once that day
 * became a closed day (`closed`) or a working day again: `closures` are the closed days after the change. Its count ran
 * over the day when the day is on or before its last day; then one more working day is counted, or one fewer. A day
 * that is no working day anyway (a weekend, a public holiday) changes nothing.
 */
export function recountWorkingDeadline(due: IsoDate, change: { day: IsoDate; closed: boolean }, closures: Closures = NO_CLOSURES): IsoDate {
  if (!isWorkingDay(change.day) || change.day > due) return due;
  if (change.closed) return nextWorkingDay(addDays(due, 1), closures);
  if (change.day === due) return due;
  let d = addDays(due, -1);
  while (!isWorkingDay(d, closures)) d = addDays(d, -1);
  return d;
}

/** Whole calendar days from `today` to `deadline` (negative when overdue). */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return Math.round((toUtc(to).getTime() - toUtc(from).getTime()) / 86_400_000);
}

const bucharestDate = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Bucharest', year: 'numeric', month: '2-digit', day: '2-digit' });

/** The calendar day in Bucharest of an instant (the registry's day: the year changes at midnight local time). */
export function bucharestDay(instant: Date): IsoDate {
  return bucharestDate.format(instant);
}
