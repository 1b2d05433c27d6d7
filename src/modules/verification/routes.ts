import { z } from 'zod';
import type { App, AppDeps } from '../../app.ts';
import { AppError } from '../../platform/http/errors.ts';
import { checkUploadedPdf, verifyDocument } from './verify-document.ts';

const DocumentParams = z.object({ documentId: z.uuid() });

/** Public verification over the JSON API: by the id in the QR code, or by sending the PDF itself. */
export function registerVerificationRoutes(app: App, deps: AppDeps): void {
  const tags = ['Verification'];

  app.get(
    '/api/v1/verification/:documentId',
    { schema: { tags, summary: 'Number, issuer, SHA-256 and signatures of an issued document (the QR code of every document)', params: DocumentParams } },
    async (request) => verifyDocument(deps, request.params.documentId),
  );

  app.register(async (scope) => {
    scope.addContentTypeParser('application/pdf', { parseAs: 'buffer', bodyLimit: deps.config.uploadLimitBytes }, (_request, body, done) => done(null, body));
    scope.post(
      '/api/v1/verification',
      { schema: { tags, summary: 'Send a PDF (Content-Type: application/pdf) to learn whether it is an authentic, unchanged document of the institution', consumes: ['application/pdf'] } },
      async (request) => {
        const body = request.body;
        if (!Buffer.isBuffer(body) || body.length === 0) throw new AppError('verification.file_required', 'invalid');
        return checkUploadedPdf(deps, new Uint8Array(body));
      },
    );
  });
}
