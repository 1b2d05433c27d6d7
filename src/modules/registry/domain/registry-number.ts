import { z } from 'zod';
import type { IsoDate } from '../../../platform/calendar/calendar.ts';

export const DIRECTIONS = ['incoming', 'outgoing', 'internal'] as const;
export type Direction = (typeof DIRECTIONS)[number];

export const CHANNELS = ['online', 'counter', 'email', 'post', 'internal'] as const;
export type Channel = (typeof CHANNELS)[number];

/** The legal form of a registration number: `12345/22.11.2026` (number / registration day). */
export function formatRegistryNumber(number: number, day: IsoDate): string {
  const [y, m, d] = day.split('-');
  return `${number}/${d}.${m}.${y}`;
}

/** Reads `12345/22.11.2026` (spaces tolerated) back into its parts; null when it is not one. */
export function parseRegistryNumber(input: string): { number: number; day: IsoDate } | null {
  const m = /^\s*(\d{1,9})\s*\/\s*(\d{2})\.(\d{2})\.(\d{4})\s*$/.exec(input);
  if (!m) return null;
  const day = `${m[4]}-${m[3]}-${m[2]}`;
  const check = new Date(`${day}T00:00:00Z`);
  if (Number.isNaN(check.getTime()) || check.toISOString().slice(0, 10) !== day) return null;
  return { number: Number(m[1]), day };
}

/**
 * A registry number as every API answer gives it, whatever field carries it (`number`, `outgoingNumber`,
 * `caseNumber`, `repliesTo`…): the sequence number, the registration day, and the two written as on paper.
 */
export const RegistryNumber = z.object({
  number: z.number().int().describe('The sequence number in the institution’s register of that year'),
  date: z.string().describe('The registration day, YYYY-MM-DD'),
  formatted: z.string().describe('As written on paper and searched for: `N/dd.mm.yyyy`, e.g. `12345/22.11.2026`'),
});
export type RegistryNumber = z.infer<typeof RegistryNumber>;

export function registryNumber(number: number, day: IsoDate): RegistryNumber {
  return { number, date: day, formatted: formatRegistryNumber(number, day) };
}

/** The same from its written form (`N/dd.mm.yyyy`), as some use cases return it. */
export function registryNumberOf(formatted: string): RegistryNumber {
  const parsed = parseRegistryNumber(formatted);
  if (!parsed) throw new Error(`not a registry number: ${formatted}`);
  return registryNumber(parsed.number, parsed.day);
}
