import { z } from 'zod';
import { isValidCui, normaliseCui } from '../../../platform/ids/cui.ts';
import { sirutaCheckOk } from '../../../platform/ids/siruta.ts';

/** "Luni–Joi: 08:30–16:30", one line a day range; the part before the first colon is the days. */
export function parseWorkingHours(text: string): { days: string; hours: string }[] | null {
  const lines = text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);
  const out: { days: string; hours: string }[] = [];
  for (const line of lines) {
    const i = line.indexOf(':');
    if (i <= 0 || i === line.length - 1) return null;
    out.push({ days: line.slice(0, i).trim(), hours: line.slice(i + 1).trim() });
  }
  return out;
}

export const formatWorkingHours = (rows: { days: string; hours: string }[]) => rows.map((r) => `${r.days}: ${r.hours}`).join('\n');

const trimmed = (max: number) => z.string().trim().max(max, { error: 'organisation.too_long' });

/** The institution's public details as an administrator edits them; error messages are i18n keys. */
export const InstitutionDetails = z.object({
  name: trimmed(200).min(3, { error: 'organisation.name_required' }),
  shortName: trimmed(80).min(2, { error: 'organisation.short_name_required' }),
  cui: z
    .string()
    .trim()
    .refine((v) => normaliseCui(v) !== null, { error: 'organisation.cui_format' })
    .refine((v) => isValidCui(v), { error: 'organisation.cui_checksum' })
    .transform((v) => normaliseCui(v)!),
  siruta: z
    .string()
    .trim()
    .refine((v) => v === '' || /^\d{4,6}$/.test(v), { error: 'organisation.siruta_format' })
    .transform((v) => v || null),
  address: trimmed(300).min(5, { error: 'organisation.address_required' }),
  email: z
    .string()
    .trim()
    .toLowerCase()
    .refine((v) => v === '' || /^[^\s@]+@[^\s@]+\.[^\s@]{2,}$/.test(v), { error: 'organisation.email_invalid' })
    .transform((v) => v || null),
  phone: trimmed(40)
    .refine((v) => v === '' || /^[+\d][\d\s().-]{5,}$/.test(v), { error: 'organisation.phone_invalid' })
    .transform((v) => v || null),
  website: z
    .string()
    .trim()
    .refine((v) => v === '' || /^https:\/\/[^\s]+\.[^\s]+$/.test(v), { error: 'organisation.website_invalid' })
    .transform((v) => v || null),
  workingHours: z
    .string()
    .max(2000, { error: 'organisation.too_long' })
    .refine((v) => parseWorkingHours(v) !== null, { error: 'organisation.hours_invalid' })
    .transform((v) => parseWorkingHours(v)!),
});
export type InstitutionDetails = z.infer<typeof InstitutionDetails>;

/** Some old SIRUTA codes fail their check digit: the administrator is warned, never refused (DOMAIN.md). */
export const sirutaWarning = (siruta: string | null) => (siruta && !sirutaCheckOk(siruta) ? 'organisation.siruta_check_warning' : null);
