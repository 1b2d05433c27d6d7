import type { IsoDate } from '../../../platform/calendar/calendar.ts';
import { normaliseTrackingCode } from '../../../platform/ids/tracking-code.ts';
import { addressBucket } from '../../../platform/ids/address-bucket.ts';

/** What the public status check asks for: the tracking code and the registration number, both from the receipt. */
export type StatusQuery = { code: string; number: number; day: IsoDate | null };

/**
 * Reads what a person typed: the code in any case, with spaces or dashes (`acde-fghj`); the number as written on
 * the receipt (`123/22.11.2026`) or just its number (`123`). Null when either cannot be what the receipt says.
 */
export function parseStatusQuery(code: string, number: string): StatusQuery | null {
  const c = normaliseTrackingCode(code);
  const n = parseRegistrationNumber(number);
  return c && n ? { code: c, ...n } : null;
}

/** A registration number as written on a receipt (`123/22.11.2026`) or just its number (`123`); null otherwise. */
export function parseRegistrationNumber(number: string): Omit<StatusQuery, 'code'> | null {
  // Typed as people copy it: "nr. 5/23.11.2026", "Nr 5", or with the year only ("5/2026": the tracking code decides).
  const n = number.trim().replace(/^nr\.?\s*/i, '');
  const full = /^(\d{1,9})\s*\/\s*(\d{2})\.(\d{2})\.(\d{4})$/.exec(n);
  if (full) return { number: Number(full[1]), day: `${full[4]}-${full[3]}-${full[2]}` };
  const withYear = /^(\d{1,9})\s*\/\s*(\d{4})$/.exec(n);
  if (withYear) return { number: Number(withYear[1]), day: null };
  if (/^\d{1,9}$/.test(n)) return { number: Number(n), day: null };
  return null;
}

/** Status checks per IP address in one window (a wrong guess and a right one count alike). */
export const STATUS_CHECK_LIMIT = 20;
export const STATUS_CHECK_WINDOW_MINUTES = 10;
export const statusThrottleKey = (ip: string | null) => `status:${addressBucket(ip)}`;
