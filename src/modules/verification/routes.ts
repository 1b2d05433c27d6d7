import { z } from 'zod';
import type { App, AppDeps } from '../../app.ts';
import { AppError } from '../../platform/http/errors.ts';
import type { PublicDocument } from '../documents/find-issued-document.ts';
import { checkUploadedPdf, verifyDocument } from './verify-document.ts';
import { RegistryNumber, registryNumberOf } from '../registry/domain/registry-number.ts';

const DocumentParams = z.object({ documentId: z.uuid() });
const Signature = z.object({
  signer: z.string().nullable(),
  time: z.string().nullable().describe('ISO 8601: the timestamp’s time when one is valid, else the signing time the signer declared'),
  level: z.enum(['B-B', 'B-T']).nullable().describe('PAdES baseline level'),
  valid: z.boolean(),
  timestamped: z.boolean(),
});
const PublicDocumentOut = z.object({
  id: z.string(),
  status: z.string().describe('issued when the institution issued it; otherwise still being signed or superseded'),
  title: z.string(),
  outgoingNumber: RegistryNumber,
  issuedAt: z.string().nullable().describe('ISO 8601'),
  issuer: z.string(),
  sha256: z.string(),
  version: z.number().int(),
  revisions: z.number().int().describe('How many revisions (signatures and seal) the issued file has'),
});
const publicDocument = (d: PublicDocument) => ({ ...d, outgoingNumber: registryNumberOf(d.outgoingNumber), issuedAt: d.issuedAt && d.issuedAt.toISOString() });
const Verdict = z.object({
  kind: z
    .enum(['authentic', 'altered_after_signing', 'earlier_revision', 'altered', 'unknown', 'not_pdf'])
    .describe(
      'authentic: exactly the file issued; altered_after_signing: an issued document with bytes added after its signatures; earlier_revision: an issued document before its last signatures (`seq`: how many); altered: signed, but changed inside what was signed; unknown: not a document of the institution; not_pdf',
    ),
  sha256: z.string(),
  document: PublicDocumentOut.optional().describe('The issued document the file is, or was made from'),
  seq: z.number().int().optional(),
  signatures: z.array(Signature).optional(),
});

/** Public verification over the JSON API: by the id in the QR code, or by sending the PDF itself. */
export function registerVerificationRoutes(app: App, deps: AppDeps): void {
  const tags = ['Verification'];

  app.get(
    '/api/v1/verification/:documentId',
    {
      schema: {
        tags,
        summary: 'Number, issuer, SHA-256 and signatures of an issued document (the QR code of every document)',
        params: DocumentParams,
        response: {
          200: z.object({
            document: PublicDocumentOut.nullable().describe('null when this version was never issued (being signed, or replaced before issue): nothing of it is told'),
            issued: z.boolean(),
            signatures: z.array(Signature),
            complete: z.boolean().describe('Every signature valid and nothing appended after the last one'),
          }),
        },
      },
    },
    async (request) => {
      const v = await verifyDocument(deps, request.params.documentId);
      return { ...v, document: v.document && publicDocument(v.document) };
    },
  );

  app.register(async (scope) => {
    scope.addContentTypeParser('application/pdf', { parseAs: 'buffer', bodyLimit: deps.config.uploadLimitBytes }, (_request, body, done) => done(null, body));
    scope.post(
      '/api/v1/verification',
      {
        schema: {
          tags,
          summary: 'Send a PDF (Content-Type: application/pdf) to learn whether it is an authentic, unchanged document of the institution',
          consumes: ['application/pdf'],
          response: { 200: Verdict },
        },
      },
      async (request) => {
        const body = request.body;
        if (!Buffer.isBuffer(body) || body.length === 0) throw new AppError('verification.file_required', 'invalid');
        const v = await checkUploadedPdf(deps, new Uint8Array(body));
        return 'document' in v ? { ...v, document: publicDocument(v.document) } : v;
      },
    );
  });
}
