import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Stateless synchroniser tokens: the token is an HMAC of something only this browser holds
 * (the session token when signed in, else a random anonymous cookie), so another site cannot forge it.
 */
export function csrfTokenFor(secret: string, binding: string): string {
  let bySecret = recentTokens.get(secret);
  if (!bySecret) {
    bySecret = new Map();
    recentTokens.set(secret, bySecret);
  }
  let token = bySecret.get(binding);
  if (token === undefined) {
    token = signature(secret, `csrf:${binding}`);
    // Every page computes its visitor's token again (the header's sign-out form): the last sessions' tokens are kept.
    if (bySecret.size >= 10_000) bySecret.clear();
    bySecret.set(binding, token);
  }
  return token;
}

/** Per secret (one in production; tests run apps with several), the recent bindings' tokens. */
const recentTokens = new Map<string, Map<string, string>>();

export function verifyCsrf(secret: string, binding: string, token: unknown): boolean {
  return typeof token === 'string' && token.length > 0 && sameSignature(csrfTokenFor(secret, binding), token);
}

/** The server's HMAC of `text` (base64url): what the browser carries back cannot be made without the secret. */
export function signature(secret: string, text: string): string {
  return createHmac('sha256', secret).update(text).digest('base64url');
}

/** Compares a signature the browser sent with the expected one, in constant time. */
export function sameSignature(expected: string, given: string): boolean {
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

export function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}
