import { createHash, randomInt } from 'node:crypto';

/**
 * Recovery codes: 10 single-use codes shown once when two-factor is set up. Each has 12 characters from an
 * alphabet without look-alikes (about 60 bits), so a plain SHA-256 is enough to store it: there is no
 * dictionary to try. Written as three groups of four ("K7MQ-2XHD-9PWA"); case, spaces and dashes are ignored.
 */
export const RECOVERY_CODE_COUNT = 10;
const ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';
const LENGTH = 12;

export function generateRecoveryCodes(count = RECOVERY_CODE_COUNT): string[] {
  const codes = new Set<string>();
  while (codes.size < count) {
    let raw = '';
    for (let i = 0; i < LENGTH; i++) raw += ALPHABET[randomInt(ALPHABET.length)];
    codes.add(raw.replace(/(.{4})(?=.)/g, '$1-'));
  }
  return [...codes];
}

export function normaliseRecoveryCode(input: string): string {
  return input.toUpperCase().replace(/[\s-]/g, '');
}

export function looksLikeRecoveryCode(input: string): boolean {
  const n = normaliseRecoveryCode(input);
  return n.length === LENGTH && [...n].every((c) => ALPHABET.includes(c));
}

export function hashRecoveryCode(input: string): string {
  return createHash('sha256').update(`recovery:${normaliseRecoveryCode(input)}`).digest('hex');
}
