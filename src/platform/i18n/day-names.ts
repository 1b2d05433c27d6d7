import type { Locale } from './i18n.ts';

/** Romanian day names (with or without diacritics, any case) and their English names. */
const DAYS: [RegExp, string][] = [
  [/^luni$/i, 'Monday'],
  [/^mar[țţt]i$/i, 'Tuesday'],
  [/^miercuri$/i, 'Wednesday'],
  [/^joi$/i, 'Thursday'],
  [/^vineri$/i, 'Friday'],
  [/^s[âa]mb[ăa]t[ăa]$/i, 'Saturday'],
  [/^duminic[ăa]$/i, 'Sunday'],
];

/**
 * An administrator types the opening days once, in Romanian ("Luni–Joi", "Marți, Joi"); an English page shows the
 * day names in English. Anything that is not a day name (a note, a holiday) is shown as typed.
 */
export function localiseDayNames(text: string, locale: Locale): string {
  if (locale === 'ro') return text;
  return text.replace(/[\p{L}]+/gu, (word) => DAYS.find(([re]) => re.test(word))?.[1] ?? word);
}
