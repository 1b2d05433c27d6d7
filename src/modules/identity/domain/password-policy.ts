/** Password rules shown to the user as a hint and enforced at registration and reset. */
export const PASSWORD_MIN_LENGTH = 10;
/** argon2 hashes any length, but a megabyte password would only cost us CPU. */
export const PASSWORD_MAX_LENGTH = 128;

/**
 * Passwords long enough to pass the length rule that still top the breach lists (and local favourites).
 * Shorter favourites are already refused by the length rule.
 */
const COMMON = new Set([
  '1234567890',
  '0123456789',
  '12345678910',
  '123456789a',
  'a123456789',
  '1234567890a',
  '1111111111',
  '0000000000',
  '1q2w3e4r5t',
  '1qaz2wsx3edc',
  'qwertyuiop',
  'qwertyuiop1',
  'qwerty1234',
  'qwerty123456',
  'qazwsxedc123',
  'zaq12wsxcde',
  'asdfghjkl1',
  'abcdefghij',
  'abc1234567',
  'password12',
  'password123',
  'password1234',
  'passw0rd12',
  'administrator',
  'iloveyou12',
  'welcome123',
  'letmein123',
  'sunshine12',
  'princess12',
  'football12',
  'baseball12',
  'dragon1234',
  'monkey1234',
  'superman12',
  'trustno1234',
  'parola1234',
  'parola12345',
  'parolaparola',
  'parolamea123',
  'romania123',
  'romania1234',
  'bucuresti123',
  'primaria123',
  'primariadigitala',
]);

export type PasswordProblem = 'too_short' | 'too_long' | 'same_as_email' | 'common';

export function passwordProblem(password: string, email: string): PasswordProblem | null {
  if (password.length < PASSWORD_MIN_LENGTH) return 'too_short';
  if (password.length > PASSWORD_MAX_LENGTH) return 'too_long';
  const lower = password.trim().toLowerCase();
  if (email && lower === email.trim().toLowerCase()) return 'same_as_email';
  if (COMMON.has(lower) || /^(.)\1+$/.test(lower)) return 'common';
  return null;
}
