import type { FastifyInstance } from 'fastify';

export type Upload = { fieldname: string; filename: string; bytes: Uint8Array };
/** A multipart form as a plain body: its text fields (so `_csrf` is checked like on any form) and its files. */
export type MultipartBody = Record<string, string> & { uploads?: Upload[] };

/**
 * Accepts multipart/form-data in one scope, read whole (bounded by `limitBytes`) while the body is parsed — before
 * the app's CSRF check, which then sees `_csrf` like on any other form. The standard Web `Request.formData()` of
 * Node does the parsing.
 */
export function acceptMultipart(scope: FastifyInstance, limitBytes: number): void {
  scope.addContentTypeParser('multipart/form-data', { parseAs: 'buffer', bodyLimit: limitBytes + 1024 * 1024 }, async (request: { headers: Record<string, unknown> }, body: Buffer) => {
    const contentType = String(request.headers['content-type'] ?? '');
    let data: FormData;
    try {
      data = await new Request('http://localhost/', { method: 'POST', headers: { 'content-type': contentType }, body: new Uint8Array(body) }).formData();
    } catch {
      throw Object.assign(new Error('malformed multipart body'), { statusCode: 400, code: 'FST_ERR_CTP_INVALID_CONTENT_LENGTH' });
    }
    const out: MultipartBody = {};
    const uploads: Upload[] = [];
    for (const [name, value] of data.entries()) {
      if (typeof value === 'string') {
        if (name !== 'uploads') out[name] = value;
      } else {
        uploads.push({ fieldname: name, filename: value.name, bytes: new Uint8Array(await value.arrayBuffer()) });
      }
    }
    out.uploads = uploads;
    return out;
  });
}
