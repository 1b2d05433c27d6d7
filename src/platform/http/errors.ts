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
