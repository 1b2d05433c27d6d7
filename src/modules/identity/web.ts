import type { FastifyReply, FastifyRequest } from 'fastify';
import { ANON_COOKIE, type AppDeps, SESSION_COOKIE } from '../../app.ts';
import type { T } from '../../platform/i18n/i18n.ts';
import { safeNext } from './domain/safe-next.ts';
import { SECOND_FACTOR_PATH, TWO_FACTOR_SETUP_PATH } from './guards.ts';
import type { SignedIn } from './sign-in.ts';

/** The session cookie: httpOnly, SameSite=Lax, Secure over https; it lives no longer than the session itself. */
export function setSessionCookie(reply: FastifyReply, deps: AppDeps, token: string): void {
  reply.setCookie(SESSION_COOKIE, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: deps.config.secureCookies,
    maxAge: deps.config.session.absoluteHours * 3600,
  });
  // The anonymous cookie bound the pre-sign-in CSRF token; a new one is made after sign-out.
  reply.clearCookie(ANON_COOKIE, { path: '/' });
}

export function clearSessionCookie(reply: FastifyReply): void {
  reply.clearCookie(SESSION_COOKIE, { path: '/' });
}

/** Where a signed-in person lands when not heading anywhere: officials at their desk, citizens in their account. */
export const homeOf = (actor: { isOfficial: boolean } | null | undefined): string => (actor?.isOfficial ? '/birou' : '/cont');

/** Where the browser goes after the password: the second factor, its setup (officials), or where it was heading. */
export function afterPassword(result: SignedIn, next: unknown): string {
  const target = safeNext(next);
  const q = target ? `?next=${encodeURIComponent(target)}` : '';
  if (result.then === 'second_factor') return `${SECOND_FACTOR_PATH}${q}`;
  if (result.then === 'set_up_second_factor') return `${TWO_FACTOR_SETUP_PATH}${q}`;
  return target ?? '/cont';
}

export const clientInfo = (request: FastifyRequest) => ({
  ip: request.ip ?? null,
  userAgent: typeof request.headers['user-agent'] === 'string' ? request.headers['user-agent'] : null,
});

/** Form bodies as flat strings (a repeated field keeps its last value). */
export function formFields(body: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!body || typeof body !== 'object') return out;
  for (const [k, v] of Object.entries(body as Record<string, unknown>)) {
    const last = Array.isArray(v) ? v[v.length - 1] : v;
    if (typeof last === 'string') out[k] = last;
  }
  return out;
}

/** Error codes per field → translated messages per field. */
export function translateErrors(t: T, fields: Record<string, string>, params?: Record<string, string | number>): Record<string, string> {
  return Object.fromEntries(Object.entries(fields).map(([f, code]) => [f, t(`errors.${code}`, params)]));
}
