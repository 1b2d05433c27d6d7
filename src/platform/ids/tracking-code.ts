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
