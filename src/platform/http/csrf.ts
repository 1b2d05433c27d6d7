import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Stateless synchroniser tokens: the token is an HMAC of something only this browser holds
 * (the session token when signed in, else a random anonymous cookie), so another site cannot forge it.
 */
export function csrfTokenFor(secret: string, binding: string): string {
  return createHmac('sha256', secret).update(`csrf:${binding}`).digest('base64url');
}

export function verifyCsrf(secret: string, binding: string, token: unknown): boolean {
  if (typeof token !== 'string' || token.length === 0) return false;
  const expected = Buffer.from(csrfTokenFor(secret, binding));
  const given = Buffer.from(token);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

export function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}
