import { formatDateTime } from '../i18n/format.ts';

/** What went wrong, independent of HTTP; the edge turns the kind into a status code. */
export type ErrorKind =
  | 'invalid'
  | 'unauthenticated'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'rate_limited'
  | 'too_large'
  | 'unavailable';

/**
 * The one error type of the application. `code` is an i18n key under `errors.` (e.g. `auth.invalid_credentials`),
 * so the user reads a specific message in their own language.
 */
export class AppError extends Error {
  constructor(
    readonly code: string,
    readonly kind: ErrorKind,
    readonly params: Record<string, string | number> = {},
    readonly fields?: Record<string, string>,
  ) {
    super(code);
    this.name = 'AppError';
  }

  /** For a refusal for going too fast: when the next try is let through (the answer's `Retry-After`). */
  retryAt?: Date;
}

export const httpStatusOf: Record<ErrorKind, number> = {
  invalid: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  too_large: 413,
  rate_limited: 429,
  unavailable: 503,
};

export const notFound = (code = 'not_found') => new AppError(code, 'not_found');
export const forbidden = (code = 'forbidden') => new AppError(code, 'forbidden');

/**
 * A refusal for going too fast (HTTP 429) that says when to try again: `{until}` (dd.mm.yyyy hh:mm, Bucharest) for
 * the message in the person's language, and `retryAt` for the `Retry-After` header (retryAfter).
 */
export function rateLimited(code: string, retryAt: Date, params: Record<string, string | number> = {}): AppError {
  const err = new AppError(code, 'rate_limited', { until: formatDateTime(retryAt), ...params });
  err.retryAt = retryAt;
  return err;
}

/** Sets `Retry-After` (whole seconds, at least 1) on the answer to a refusal that knows when to try again. */
export function retryAfter(reply: { header(name: string, value: string): unknown }, err: unknown, now = new Date()): void {
  if (!(err instanceof AppError) || !err.retryAt) return;
  reply.header('retry-after', String(Math.max(1, Math.ceil((err.retryAt.getTime() - now.getTime()) / 1000))));
}
