import { describe, expect, it } from 'vitest';
import { localiseDayNames } from './day-names.ts';

describe('opening days typed in Romanian', () => {
  it('read in English on English pages, ranges and lists alike, with or without diacritics', () => {
    expect(localiseDayNames('Luni, Miercuri', 'en')).toBe('Monday, Wednesday');
    expect(localiseDayNames('Luni–Vineri', 'en')).toBe('Monday–Friday');
    expect(localiseDayNames('Marti, Joi', 'en')).toBe('Tuesday, Thursday');
    expect(localiseDayNames('Sâmbătă și duminică', 'en')).toBe('Saturday și Sunday');
  });

  it('stay as typed on Romanian pages, and words that are not day names stay as typed in English', () => {
    expect(localiseDayNames('Luni, Miercuri', 'ro')).toBe('Luni, Miercuri');
    expect(localiseDayNames('Zilele lucrătoare', 'en')).toBe('Zilele lucrătoare');
  });
});
