import { addDays, type IsoDate } from '../../../platform/calendar/calendar.ts';

/** Days before a mandate's last day that its representative and the company's other representatives are e-mailed. */
export const MANDATE_NOTICE_DAYS = 14;

/** Days before a mandate's last day from which its representative may send the next one (a renewal, without a gap). */
export const MANDATE_RENEWAL_DAYS = 30;

/** Whether a representation's next mandate may be sent on `today`: an approved one that ends within the window or has ended. */
export function mayRenewMandate(status: string, validUntil: IsoDate | null, today: IsoDate): boolean {
  return status === 'active' && validUntil !== null && addDays(validUntil, -MANDATE_RENEWAL_DAYS) <= today;
}

/**
 * A mandate's state on a day: an approved one is valid through its last day (`validUntil`, inclusive) and `expired`
 * from the next. Computed for each request rather than stored, so a mandate stops at midnight without any row
 * changing — and without waiting for a cached profile to be forgotten.
 */
export function mandateState<S extends string>(status: S, validUntil: IsoDate | null, today: IsoDate): S | 'expired' {
  return status === 'active' && validUntil !== null && validUntil < today ? 'expired' : status;
}

/** The end date an official typed for a mandate: none, a real date from today on, or the message key of what is wrong. */
export function checkMandateEnd(input: unknown, today: IsoDate): { ok: IsoDate | null } | { error: string } {
  if (input === undefined || input === null || input === '') return { ok: null };
  const iso = typeof input === 'string' ? input.trim() : '';
  const parsed = new Date(`${iso}T00:00:00Z`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(iso) || Number.isNaN(parsed.getTime()) || parsed.toISOString().slice(0, 10) !== iso) return { error: 'identity.representation.valid_until_invalid' };
  if (iso < today) return { error: 'identity.representation.valid_until_past' };
  return { ok: iso };
}
