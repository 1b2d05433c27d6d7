import type { FastifyRequest } from 'fastify';
import { readMultipartParts } from '../../platform/http/multipart.ts';
import type { RawInput } from '../catalog/domain/validate-answers.ts';
import type { Upload } from './attach-document.ts';

export type FormFile = Upload & { field: string };
export type ParsedForm = { fields: RawInput; files: FormFile[] };

/** Adds a posted value, keeping repeated names (checkboxes) as arrays. */
function add(fields: RawInput, name: string, value: string) {
  const prev = fields[name];
  if (prev === undefined) fields[name] = value;
  else fields[name] = Array.isArray(prev) ? [...prev, value] : [prev, value];
}

/**
 * Reads a multipart form into the journey's shape (fields as the form validator takes them, files by field),
 * with the platform's reader: files held in memory, each cut at `limit` and marked truncated, so the page answers
 * with the limit instead of dropping the request (and the draft's answers).
 */
export async function readMultipart(request: FastifyRequest, limit: number): Promise<ParsedForm> {
  const form = await readMultipartParts(request, limit, 10, 500);
  return {
    fields: form.fields as RawInput,
    files: Object.entries(form.files).flatMap(([field, files]) => files.map((f) => ({ field, filename: f.filename, bytes: f.bytes, truncated: f.truncated ?? false }))),
  };
}

/** The parsed body of a page POST, multipart or urlencoded. */
export function formOf(body: unknown): ParsedForm {
  if (body && typeof body === 'object' && 'fields' in body && 'files' in body) return body as ParsedForm;
  const fields: RawInput = {};
  for (const [k, v] of Object.entries((body ?? {}) as Record<string, unknown>)) {
    if (Array.isArray(v)) for (const x of v) add(fields, k, String(x));
    else if (v != null) add(fields, k, String(v));
  }
  return { fields, files: [] };
}
