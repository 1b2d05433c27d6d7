import type { FastifyReply } from 'fastify';

/**
 * Sends a stored file as a download: never rendered by the browser (attachment, nosniff), never cached by a
 * shared cache, its name kept in UTF-8 (RFC 6266 `filename*`) with an ASCII fallback.
 */
export function sendAttachment(reply: FastifyReply, file: { filename: string; mediaType: string; bytes: Uint8Array }) {
  const ascii = file.filename.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return reply
    .header('content-type', file.mediaType)
    .header('content-disposition', `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(file.filename)}`)
    .header('cache-control', 'private, no-store')
    .header('x-content-type-options', 'nosniff')
    .send(Buffer.from(file.bytes));
}
