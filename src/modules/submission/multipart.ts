import type { FastifyRequest } from 'fastify';
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
 * Reads a multipart form into fields and files, before the global CSRF check runs (so it sees `_csrf` like on
 * any form). Files are held in memory, each cut at `limit` bytes and marked truncated: the page then answers
 * 413 with a specific message instead of dropping the request (and the draft's answers).
 */
export async function readMultipart(request: FastifyRequest, limit: number): Promise<ParsedForm> {
  const out: ParsedForm = { fields: {}, files: [] };
  for await (const part of request.parts({ limits: { files: 10, fileSize: limit, fields: 500, fieldSize: 20_000 } })) {
    if (part.type === 'field') {
      if (typeof part.value === 'string') add(out.fields, part.fieldname, part.value);
    } else {
      const bytes = await part.toBuffer();
      // A file input left empty is posted as a part with no name and no bytes.
      if (!part.filename && bytes.length === 0) continue;
      out.files.push({ field: part.fieldname, filename: part.filename ?? '', bytes: new Uint8Array(bytes), truncated: part.file.truncated });
    }
  }
  return out;
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
