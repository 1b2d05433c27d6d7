import { type Algorithm, hash, parseOptions, verify } from '@node-rs/argon2';

/**
 * OWASP Password Storage Cheat Sheet, argon2id minimum: m = 19 MiB, t = 2, p = 1.
 * `Algorithm` is a const enum in the typings, which isolatedModules cannot inline: 2 is Argon2id.
 */
export const PASSWORD_PARAMS = { algorithm: 2 as Algorithm, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, PASSWORD_PARAMS);
}

/** False for a wrong password and for a stored value that is not an argon2 hash (never throws on bad input). */
export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  try {
    return await verify(stored, password);
  } catch {
    return false;
  }
}

/** True when the stored hash was made with other parameters than today's: rehash it after a successful sign-in. */
export function needsRehash(stored: string): boolean {
  try {
    const o = parseOptions(stored);
    return (
      o.algorithm !== PASSWORD_PARAMS.algorithm ||
      o.memoryCost !== PASSWORD_PARAMS.memoryCost ||
      o.timeCost !== PASSWORD_PARAMS.timeCost ||
      o.parallelism !== PASSWORD_PARAMS.parallelism
    );
  } catch {
    return true;
  }
}

let dummy: Promise<string> | null = null;

/**
 * Verifies against a throw-away hash so that a sign-in with an unknown email costs about as long as one
 * with a known email: the response time does not tell whether an account exists.
 */
export async function verifyDummyPassword(password: string): Promise<false> {
  dummy ??= hashPassword('dummy-password-for-timing');
  await verifyPassword(await dummy, password);
  return false;
}
