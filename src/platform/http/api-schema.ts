import { z } from 'zod';

/**
 * The body of every error answer of the JSON API: a stable `code` (an i18n key under `errors.`), its `message` in the
 * request's language and, for invalid input, `fields` mapping each field to its own code.
 */
export const ErrorBody = z.object({
  error: z.object({ code: z.string(), message: z.string(), fields: z.record(z.string(), z.string()).optional() }),
  requestId: z.string(),
});
