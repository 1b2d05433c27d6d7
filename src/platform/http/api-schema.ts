import { randomUUID } from 'node:crypto';
import { z } from 'zod';

/**
 * The body of every error answer of the JSON API: a stable `code` (an i18n key under `errors.`), its `message` in the
 * request's language and, for invalid input, `fields` mapping each field to its own code.
 */
export const ErrorBody = z.object({
  error: z.object({ code: z.string(), message: z.string(), fields: z.record(z.string(), z.string()).optional() }),
  requestId: z.string(),
});

/**
 * The idempotency key of every API route that takes one (the API description's *Retries*): 8–100 letters, digits,
 * `_` or `-`, so a key fits a log line, a URL and an advisory lock's text alike. A key outside that is refused
 * (`validation.format`) on every route, not taken by some and refused by others.
 */
export const TRANSACTION_ID = /^[\w-]{8,100}$/;

/**
 * A page form's idempotency key (a hidden field rendered with the form): kept when it has the API's shape, else a new
 * one — a form posted without it (an old page, a hand-made post) still acts once, it just cannot be retried as the same.
 */
export const formTransactionId = (value: string | undefined): string => (value && TRANSACTION_ID.test(value) ? value : randomUUID());
export const TransactionId = z
  .string()
  .regex(TRANSACTION_ID)
  .optional()
  .describe('Idempotency key (8–100 letters, digits, `_` or `-`; see Retries): the same one again changes nothing and answers as the first call did');
