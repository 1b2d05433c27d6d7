import type { FastifyRequest } from 'fastify';
import { verifyCsrf } from './csrf.ts';
import { AppError } from './errors.ts';
import { UNKNOWN_FIELD } from './validation-errors.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /**
     * The parts an API upload route takes (file parts and text fields, `_csrf` besides): any other part is refused
     * with 400 `validation`, each named `validation.unknown_field`, as the JSON bodies are (strict-input.ts); the
     * OpenAPI document lists them (openapi.ts). Pages leave it unset: a browser's form posts its buttons too.
     */
    multipartParts?: MultipartParts;
  }
  interface FastifyInstance {
    /**
     * Counts what a request uploaded against its uploader's quota and throws (429) once over it; the app sets it
     * (upload-quota.ts), so every form and API route that reads files is counted alike.
     */
    uploadQuota?: (request: FastifyRequest, volume: { files: number; bytes: number }) => Promise<void>;
  }
}

export type MultipartParts = { files: readonly string[]; fields: readonly string[] };

export type UploadedFile = { bytes: Uint8Array; filename: string; truncated?: boolean };

export type MultipartForm = { fields: Record<string, string | string[]>; files: Record<string, UploadedFile[]> };

/**
 * Uploads are held in memory while a request is handled, so the process keeps a budget for all of them at once:
 * a request whose files would take it over is refused with "busy, try again" (503) instead of letting a burst of
 * large uploads push the process out of memory. What a request holds is given back when its response is sent.
 */
const uploadMemory = { budget: 64 * 1024 * 1024, held: 0 };
const heldBy = new WeakMap<FastifyRequest, number>();

export function setUploadMemoryBudget(bytes: number): void {
  uploadMemory.budget = bytes;
}

/** Gives back the upload memory a request held (the app calls it when the response is sent or the request aborted). */
export function releaseUploadMemory(request: FastifyRequest): void {
  const n = heldBy.get(request);
  if (!n) return;
  uploadMemory.held -= n;
  heldBy.delete(request);
}

function holdUploadMemory(request: FastifyRequest, bytes: number): void {
  if (uploadMemory.held + bytes > uploadMemory.budget) throw new AppError('uploads_busy', 'unavailable');
  uploadMemory.held += bytes;
  heldBy.set(request, (heldBy.get(request) ?? 0) + bytes);
}

/**
 * Who may make the server read an upload: a signed-in person (the default), or `anyone` for the few public forms
 * that take a file (registering a company with its mandate, checking a document's authenticity).
 */
export type UploadersOption = { uploaders?: 'signed-in' | 'anyone' };

/**
 * Reads a multipart form: fields (repeated names as arrays) and files held in memory, each file cut at
 * `limitBytes` and marked `truncated` (the page then says the limit instead of dropping the request), an empty file
 * input skipped. Needs @fastify/multipart registered in the route's scope. Files are held in memory, so nobody may
 * make the server read megabytes before being known: unless the form is public, a request without a signed-in
 * session (second factor passed) is refused before a byte of the body is read.
 */
export async function readMultipartParts(request: FastifyRequest, limitBytes: number, maxFiles: number, maxFields = 400, options: UploadersOption = {}): Promise<MultipartForm> {
  if ((options.uploaders ?? 'signed-in') === 'signed-in' && !request.actor?.mfaPassed) throw new AppError('unauthenticated', 'unauthenticated');
  if (!request.isMultipart()) throw new AppError('unsupported_media_type', 'invalid');
  const form: MultipartForm = { fields: {}, files: {} };
  const declared = request.routeOptions.config.multipartParts;
  const unknown = new Set<string>();
  const known = (name: string) => {
    if (!declared || name === '_csrf' || declared.files.includes(name) || declared.fields.includes(name)) return true;
    unknown.add(name);
    return false;
  };
  try {
    await readParts(request, form, limitBytes, maxFiles, maxFields, known);
  } catch (err) {
    // The parser's own errors (a body cut short, no boundary, a bad part header) carry no status: the client's fault.
    if (err instanceof AppError || typeof (err as { statusCode?: unknown }).statusCode === 'number') throw err;
    throw new AppError('malformed_multipart', 'invalid');
  }
  if (unknown.size > 0) throw new AppError('validation', 'invalid', {}, Object.fromEntries([...unknown].map((name) => [name, UNKNOWN_FIELD])));
  const files = Object.values(form.files).flat();
  await request.server.uploadQuota?.(request, { files: files.length, bytes: files.reduce((sum, f) => sum + f.bytes.length, 0) });
  return form;
}

async function readParts(request: FastifyRequest, form: MultipartForm, limitBytes: number, maxFiles: number, maxFields: number, known: (name: string) => boolean): Promise<void> {
  for await (const part of request.parts({ limits: { files: maxFiles + 1, fileSize: limitBytes, fields: maxFields, fieldSize: 20_000 } })) {
    if (!known(part.fieldname)) {
      // Read to its end without keeping it: the parser waits for each file part to be consumed.
      if (part.type === 'file') for await (const _ of part.file as AsyncIterable<Buffer>);
      continue;
    }
    if (part.type === 'field') {
      if (typeof part.value === 'string') addField(form.fields, part.fieldname, part.value);
    } else {
      const chunks: Buffer[] = [];
      for await (const chunk of part.file as AsyncIterable<Buffer>) {
        holdUploadMemory(request, chunk.length);
        chunks.push(chunk);
      }
      const bytes = Buffer.concat(chunks);
      // An empty file input still posts a part with no name and no bytes: nothing was chosen.
      if (bytes.length === 0 && !part.filename) continue;
      const list = form.files[part.fieldname] ?? [];
      list.push({ bytes: new Uint8Array(bytes), filename: part.filename ?? '', truncated: part.file.truncated });
      form.files[part.fieldname] = list;
    }
  }
}

/** A repeated name (checkboxes) becomes a list, in the order sent. */
function addField(fields: Record<string, string | string[]>, name: string, value: string): void {
  const prev = fields[name];
  fields[name] = prev === undefined ? value : [...(Array.isArray(prev) ? prev : [prev]), value];
}

/** A multipart form's text without its files: the fields, and by file input the names of the files chosen in it. */
export type MultipartText = { fields: Record<string, string | string[]>; files: Record<string, string[]> };

/**
 * Reads only the text of a multipart body: each file part is read through and dropped as it streams (never held in
 * memory, never stored, not counted against the upload quota), only its input's and file's names noted. For a
 * request the route has refused unread (a session that just timed out: keep-unsent-form.ts), so the person's typing
 * is not lost with the files. Reads nothing unless the body states its length and it is at most `maxBytes`; null
 * when it is not multipart (or the route takes none), too long, or malformed.
 */
export async function readMultipartText(request: FastifyRequest, maxBytes: number): Promise<MultipartText | null> {
  // The parser is registered only in the scopes of the routes that take files.
  if (typeof request.isMultipart !== 'function' || !request.isMultipart()) return null;
  const length = Number(request.headers['content-length']);
  if (!Number.isFinite(length) || length > maxBytes) return null;
  const text: MultipartText = { fields: {}, files: {} };
  try {
    for await (const part of request.parts({ limits: { files: 50, fields: 400, fieldSize: 20_000 } })) {
      if (part.type === 'field') {
        if (typeof part.value === 'string') addField(text.fields, part.fieldname, part.value);
        continue;
      }
      let bytes = 0;
      for await (const chunk of part.file as AsyncIterable<Buffer>) bytes += chunk.length;
      if (bytes === 0 && !part.filename) continue;
      text.files[part.fieldname] = [...(text.files[part.fieldname] ?? []), part.filename ?? ''];
    }
  } catch {
    return null;
  }
  return text;
}

/**
 * A route's preValidation that reads the multipart form into `request.body`, so the global CSRF check (preHandler,
 * for multipart) sees `_csrf` like on any form; the route then takes it with readMultipartForm.
 */
export function multipartBody(limitBytes: number, maxFiles: number, maxFields = 400, options: UploadersOption = {}) {
  return async (request: FastifyRequest) => {
    const form = await readMultipartParts(request, limitBytes, maxFiles, maxFields, options);
    request.body = { ...form.fields, _multipart: form };
  };
}

/**
 * The parsed form. The route never depends on hook order: unless the app's CSRF check already passed this request
 * (form field `_csrf` or header `x-csrf-token`), the form's own `_csrf` is checked here.
 */
export function readMultipartForm(request: FastifyRequest, sessionSecret: string): MultipartForm {
  const body = request.body as { _multipart?: MultipartForm; _csrf?: unknown } | undefined;
  if (!body?._multipart) throw new AppError('unsupported_media_type', 'invalid');
  if (!request.csrfVerified && !verifyCsrf(sessionSecret, request.csrfBinding, body._csrf)) throw new AppError('csrf', 'forbidden');
  return body._multipart;
}
