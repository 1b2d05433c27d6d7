import { randomInt } from 'node:crypto';

/** No 0/O, 1/I/L, 5/S, 2/Z, 8/B: a code read over the phone or from a receipt is not mistyped. */
export const TRACKING_ALPHABET = 'ACDEFGHJKMNPQRTUVWXY34679';
export const TRACKING_LENGTH = 8;

export function newTrackingCode(): string {
  let s = '';
  for (let i = 0; i < TRACKING_LENGTH; i++) s += TRACKING_ALPHABET[randomInt(TRACKING_ALPHABET.length)];
  return s;
}

/** Accepts what a person types: lower case, spaces or dashes between groups. Null when it cannot be a code. */
export function normaliseTrackingCode(input: string): string | null {
  const s = input.toUpperCase().replace(/[\s-]/g, '');
  if (s.length !== TRACKING_LENGTH) return null;
  for (const ch of s) if (!TRACKING_ALPHABET.includes(ch)) return null;
  return s;
}

/** Shown as two groups of four: ACDE-FGHJ. */
export const formatTrackingCode = (code: string) => `${code.slice(0, 4)}-${code.slice(4)}`;

/** The public status check's page (tracking/public-pages.tsx): tracking code + registration number, no account. */
export const STATUS_CHECK_PATH = '/verificare-cerere';

/** The status check for a code (the page pre-fills it; the person adds the number): printed on receipts, sent in e-mails. */
export const statusCheckPath = (code: string) => `${STATUS_CHECK_PATH}?cod=${encodeURIComponent(code)}`;

/** Where a person follows their case: its page in their account, or — without an account — the public status check. */
export const followCasePath = (c: { id: string; trackingCode: string; applicantAccountId: string | null }) =>
  c.applicantAccountId ? `/cont/cereri/${c.id}` : statusCheckPath(c.trackingCode);
