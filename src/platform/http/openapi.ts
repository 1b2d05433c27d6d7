import { jsonSchemaTransform } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ErrorBody, TRANSACTION_ID, TransactionId } from './api-schema.ts';
import type { MultipartParts } from './multipart.ts';

/** What every integrator needs before the first call: signing in, the CSRF header, errors, language, retries. */
export const API_DESCRIPTION = [
  'JSON API of the Primăria Digitală platform.',
  '',
  '**Signing in.** `POST /api/v1/auth/login` sets the `pd_session` cookie and returns a `csrfToken`. When it answers `next: "second_factor"` (every official, and people who turned two-factor on), send the TOTP code to `POST /api/v1/auth/second-factor`, which rotates the session and returns a new `csrfToken`. Keep the cookie for later calls.',
  '',
  '**CSRF.** A call that changes something (POST, PUT, PATCH, DELETE) made with a live session must carry that session\'s token in the `x-csrf-token` header, or it is refused with 403 `csrf`. GET needs none. Without a session (signing in, registering, the public routes) no token is needed, but the body must be JSON (or the type the route names): a form-encoded body without a session is refused (403 `csrf`), as another site\'s form could send it; uploads (multipart) need a session.',
  '',
  '**Errors.** Every refusal answers `{ "error": { "code", "message", "fields"? }, "requestId" }`: `code` is stable (e.g. `case.not_found`, `workflow.stale`), `message` is in the call\'s language, `fields` maps each invalid field to its own code (e.g. `{ "cnp": "form.error.cnp_checksum" }`, or for a value the schema refuses `validation.required`, `validation.type`, `validation.too_big`, `validation.too_small`, `validation.format`, `validation.option`, `validation.invalid`, and `validation.unknown_field` for a property the body does not list: bodies take no property their schema does not name, at any depth — a misspelt `transactionID` is refused, never ignored — except where the schema says a free map, such as a form\'s `answers`). Codes common to all routes: 400 `validation`, `malformed_body` (JSON that cannot be read), `malformed_multipart`, `invalid_character` (text holding a NUL character, which cannot be stored; `fields` names where); 401 `unauthenticated`, `second_factor_required`; 403 `forbidden`, `csrf`; 404 `not_found` (also for an address that cannot be read) — someone else\'s record answers exactly as one that does not exist; 409 a stale or no longer allowed action; 413 `too_large` (bodies over 1 MB; files have their own limit); 415 `unsupported_media_type`; 429 too many attempts, or an account\'s uploads over the hour\'s files or megabytes (`uploads.rate_limited`), with `Retry-After` in seconds; 503 `uploads_busy` (try again in a minute).',
  '',
  '**Language.** `Accept-Language: ro` or `en` chooses the language of messages and labels; without it, the account\'s language, else Romanian.',
  '',
  '**Retries.** Routes that take a `transactionId` (8–100 letters, digits, `_` or `-`, the same rule on every route, JSON body or upload field; any other is refused with 400 `validation`, `fields.transactionId` `validation.format`) do their work once: the same id again answers as the first time, with `duplicate: true`. A UUID will do. Submitting a draft twice returns the same case.',
].join('\n');

const errorSchema = z.toJSONSchema(ErrorBody, { target: 'draft-2020-12' });
/** An upload's transactionId text field is the same key as a JSON body's. */
const transactionIdSchema = { type: 'string', pattern: TRANSACTION_ID.source, description: TransactionId.description };
const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

type TransformInput = Parameters<typeof jsonSchemaTransform>[0];
type Schema = Record<string, unknown> & { response?: Record<string, unknown>; security?: Record<string, string[]>[]; consumes?: string[]; produces?: string[]; body?: unknown };

/**
 * The zod → JSON Schema transform of the OpenAPI document, made truthful for the API's callers: every operation
 * says that refusals answer the error body (4XX, 5XX) besides the statuses it lists; a GET asks for no CSRF header;
 * an upload names its multipart body; a download names its type for its success only.
 */
export function apiDocsTransform(input: TransformInput): ReturnType<typeof jsonSchemaTransform> {
  const out = jsonSchemaTransform(input);
  if (!input.url.startsWith('/api/')) return out;
  const schema = out.schema as Schema;
  const methods = [input.route.method].flat().map((m) => String(m).toUpperCase());
  const response: Record<string, unknown> = { ...(schema.response ?? {}) };
  response['4XX'] ??= { description: 'Refused: see `error.code`', ...errorSchema };
  response['5XX'] ??= { description: 'Unexpected error (with the request id to quote)', ...errorSchema };
  schema.response = response;
  // A download names its own type for its success only: refusals are JSON like everywhere else.
  const produces = schema.produces?.[0];
  if (produces) {
    delete schema.produces;
    for (const status of Object.keys(response).filter((s) => s.startsWith('2'))) {
      const description = (response[status] as { description?: string }).description ?? produces;
      response[status] = { description, content: { [produces]: { schema: { type: 'string', format: 'binary' } } } };
    }
  }
  if (!methods.some((m) => UNSAFE.has(m)) && schema.security) {
    schema.security = schema.security.map((s) => Object.fromEntries(Object.entries(s).filter(([name]) => name !== 'csrf')));
  }
  if (schema.consumes?.length && !schema.body) {
    schema.body = schema.consumes.includes('multipart/form-data')
      ? multipartBody((input.route.config as { multipartParts?: MultipartParts } | undefined)?.multipartParts)
      : { type: 'string', format: 'binary', description: 'The file itself, as the body' };
  }
  return out;
}

/** An upload's form: the parts its route declares, and no other (multipart.ts refuses them), else a generic form. */
function multipartBody(parts: MultipartParts | undefined): Record<string, unknown> {
  if (!parts) {
    return { type: 'object', description: 'The file parts and text fields the summary names', properties: { file: { type: 'string', format: 'binary' } }, additionalProperties: { type: 'string' } };
  }
  const properties = Object.fromEntries([
    ...parts.files.map((name) => [name, { type: 'string', format: 'binary' }]),
    ...parts.fields.map((name) => [name, name === 'transactionId' ? transactionIdSchema : { type: 'string' }]),
  ]);
  return { type: 'object', description: 'The file parts and text fields the summary names; any other part is refused', properties, additionalProperties: false };
}
