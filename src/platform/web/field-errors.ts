import { AppError } from '../http/errors.ts';
import type { T } from '../i18n/i18n.ts';
import type { FieldErrors } from './components.tsx';

/**
 * The messages of a refused action that names its fields (an AppError with `fields`: field → message key under
 * `errors.`), translated for the form that shows them beside each field; null for any other error (an error page).
 */
export function translatedFieldErrors(t: T, err: unknown): FieldErrors | null {
  if (!(err instanceof AppError) || !err.fields) return null;
  return Object.fromEntries(Object.entries(err.fields).map(([k, code]) => [k, t(`errors.${code}`, err.params)]));
}
