import { Secret, TOTP } from 'otpauth';

/**
 * TOTP as RFC 6238 with the parameters every authenticator app understands: SHA-1, 6 digits, 30-second steps.
 * One step either side is accepted for clock drift; the step a code was accepted at is returned so the caller
 * can refuse the same (or an older) step a second time.
 */
export const TOTP_PERIOD = 30;
export const TOTP_DIGITS = 6;
export const TOTP_WINDOW = 1;

export function generateTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

function totpFor(secretBase32: string, label = '', issuer = ''): TOTP {
  return new TOTP({ issuer, label, algorithm: 'SHA1', digits: TOTP_DIGITS, period: TOTP_PERIOD, secret: Secret.fromBase32(secretBase32) });
}

/** The otpauth:// URI an authenticator app reads from the QR code. */
export function totpUri(secretBase32: string, account: string, issuer: string): string {
  return totpFor(secretBase32, account, issuer).toString();
}

export function totpCode(secretBase32: string, at: Date): string {
  return totpFor(secretBase32).generate({ timestamp: at.getTime() });
}

/** Digits only, without the spaces people type or paste ("123 456"). */
export function normaliseTotpInput(input: string): string {
  return input.replace(/[\s-]/g, '');
}

export function looksLikeTotpCode(input: string): boolean {
  return /^\d{6}$/.test(normaliseTotpInput(input));
}

/** The time step the code belongs to (within ±1 step of `at`), or null when it is wrong. */
export function matchTotpStep(secretBase32: string, code: string, at: Date): number | null {
  const token = normaliseTotpInput(code);
  if (!/^\d{6}$/.test(token)) return null;
  const delta = totpFor(secretBase32).validate({ token, timestamp: at.getTime(), window: TOTP_WINDOW });
  if (delta === null) return null;
  return TOTP.counter({ period: TOTP_PERIOD, timestamp: at.getTime() }) + delta;
}

/** The secret in groups of four for typing by hand: "ABCD EFGH …". */
export function groupSecret(secretBase32: string): string {
  return secretBase32.replace(/(.{4})(?=.)/g, '$1 ');
}
