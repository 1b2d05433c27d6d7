import type { FastifyReply, FastifyRequest } from 'fastify';
import { multipartBody as platformMultipartBody } from '../../platform/http/multipart.ts';
import { MAX_SCANS } from './check-scans.ts';

export { type MultipartForm, readMultipartForm } from '../../platform/http/multipart.ts';

/**
 * The registry's forms (registering a document, filing at the counter): at most MAX_SCANS scans, each within
 * `limitBytes`. A form that arrives after the clerk's session ended (idle at a busy counter, signed out in another
 * tab) is not read; the clerk is sent to sign in, told that nothing was registered — without it the sign-in page
 * alone left a clerk believing the paper had its number — and brought back to the form afterwards.
 */
export const multipartBody = (limitBytes: number) => {
  const read = platformMultipartBody(limitBytes, MAX_SCANS);
  return async (request: FastifyRequest, reply: FastifyReply) => {
    if (!request.actor) return reply.redirectWithFlash(`/autentificare?next=${encodeURIComponent(request.url)}`, request.t('registry.session_ended_unsent'), 'info');
    return read(request);
  };
};
