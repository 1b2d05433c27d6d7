import fastifyMultipart from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { App } from '../../app.ts';
import { AppError } from '../../platform/http/errors.ts';
import { requireActor } from '../identity/guards.ts';
import { attachDocument, type UploadTarget } from './attach-document.ts';
import { applicableDocuments, nextStep, pagesToAsk, stepPath } from './domain/journey.ts';
import { allQuestions } from '../catalog/domain/form-definition.ts';
import { type DraftView, getDraft, type SubmissionDeps } from './get-draft.ts';
import { formOf, readMultipart } from './multipart.ts';
import { recordConsents } from './record-consents.ts';
import { saveDraftPage } from './save-draft-page.ts';
import { startDraft } from './start-draft.ts';
import { submitDraft } from './submit-draft.ts';
import { discardDraft } from './discard-draft.ts';
import { listDrafts } from './list-drafts.ts';
import { removeDocument } from './remove-document.ts';
import { attachSignedApplication } from './attach-signed-application.ts';
import { renderReceipt } from './render-receipt.ts';
import { ErrorBody } from '../../platform/http/api-schema.ts';
import { RegistryNumber, registryNumberOf } from '../registry/domain/registry-number.ts';

const DraftOut = z.object({
  id: z.string(),
  serviceCode: z.string(),
  answers: z.record(z.string(), z.unknown()),
  prefilled: z.array(z.string()),
  pagesToAsk: z.array(z.string()),
  consents: z.record(z.string(), z.boolean()),
  documents: z.array(z.object({ id: z.string(), filename: z.string(), mediaType: z.string(), sizeBytes: z.number(), sha256: z.string(), requiredDocumentId: z.string().nullable(), questionId: z.string().nullable() })),
  nextStep: z
    .string()
    .describe(
      'The web page of the next step (a link for a browser). Through the API: answer `pagesToAsk` with PUT …/pages/{pageId}, record consents, upload documents, then submit; submit answers 400 `submission.incomplete` with `fields` naming what is missing',
    ),
  submittedCaseId: z.string().nullable(),
});
const DocumentOut = DraftOut.shape.documents.element;
const Id = z.object({ id: z.uuid() });
const security = [{ session: [], csrf: [] }];

function draftOut(d: DraftView): z.infer<typeof DraftOut> {
  const def = d.version.definition;
  return {
    id: d.id,
    serviceCode: d.version.code,
    answers: d.answers,
    prefilled: d.prefilled,
    pagesToAsk: pagesToAsk(def.form, d.answers, d.prefilled).map((p) => p.id),
    consents: Object.fromEntries(Object.entries(d.consents).map(([k, v]) => [k, v.given])),
    documents: d.documents.map((x) => ({ id: x.id, filename: x.filename, mediaType: x.mediaType, sizeBytes: x.sizeBytes, sha256: x.sha256, requiredDocumentId: x.requiredDocumentId, questionId: x.questionId })),
    nextStep: stepPath(d.id, nextStep({ def: def.form, documents: def.documents, answers: d.answers, prefilled: d.prefilled, completedPages: d.completedPages, consents: d.consents })),
    submittedCaseId: d.submittedCaseId,
  };
}

/** JSON API of the online submission: the same use cases as the pages, for apps and integrators. */
export function registerSubmissionRoutes(app: App, deps: SubmissionDeps): void {
  // The upload routes read their multipart body before the CSRF check (preHandler), which then sees `_csrf` too.
  const readUpload = async (request: FastifyRequest) => {
    if (!request.isMultipart()) throw new AppError('submission.upload_only_multipart', 'invalid');
    const form = await readMultipart(request, deps.config.uploadLimitBytes);
    request.body = { _csrf: form.fields._csrf, ...form };
  };

  app.post(
    '/api/v1/drafts',
    {
      schema: {
        tags: ['submission'],
        summary: 'Start (or resume) a draft application for a catalogue service, prefilled from the profile',
        security,
        body: z.object({ serviceCode: z.string().min(2).max(32), institution: z.string().min(2).max(40), companyId: z.uuid().nullable().optional().describe('To file for a company one represents: its `id` in GET /api/v1/me `companies` (status `active`)'), restart: z.boolean().optional() }),
        response: { 201: DraftOut },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const b = request.body;
      const { draftId } = await startDraft(deps, actor, { institutionSlug: b.institution, code: b.serviceCode, companyId: b.companyId ?? null, restart: b.restart ?? false });
      return reply.code(201).send(draftOut(await getDraft(deps, actor, draftId)));
    },
  );

  app.get(
    '/api/v1/drafts',
    {
      schema: {
        tags: ['submission'],
        summary: 'The signed-in person’s requests started and not submitted yet, most recently changed first (as at /cont/cereri-incepute)',
        security: [{ session: [] }],
        response: {
          200: z.object({
            drafts: z.array(
              z.object({
                id: z.string(),
                institution: z.string().describe('Institution slug, as in the catalogue'),
                serviceCode: z.string(),
                serviceName: z.object({ ro: z.string(), en: z.string() }),
                createdAt: z.string().describe('ISO 8601'),
                updatedAt: z.string().describe('ISO 8601'),
              }),
            ),
          }),
        },
      },
    },
    async (request) => ({
      drafts: (await listDrafts(deps, requireActor(request))).map((d) => ({
        id: d.id,
        institution: d.institutionSlug,
        serviceCode: d.code,
        serviceName: d.name,
        createdAt: d.createdAt.toISOString(),
        updatedAt: d.updatedAt.toISOString(),
      })),
    }),
  );

  app.get('/api/v1/drafts/:id', { schema: { tags: ['submission'], summary: 'A draft application of the signed-in person', security, params: Id, response: { 200: DraftOut } } }, async (request) =>
    draftOut(await getDraft(deps, requireActor(request), request.params.id)),
  );

  app.delete(
    '/api/v1/drafts/:id',
    { schema: { tags: ['submission'], summary: 'Discards a draft that was not submitted, with the files uploaded to it', security, params: Id, response: { 204: z.null() } } },
    async (request, reply) => {
      await discardDraft(deps, requireActor(request), request.params.id);
      return reply.code(204).send(null);
    },
  );

  app.delete(
    '/api/v1/drafts/:id/documents/:documentId',
    {
      schema: {
        tags: ['submission'],
        summary: 'Takes an uploaded file off a draft (and out of the answer to its file question); 404 `submission.document_not_found`, 409 `submission.already_submitted`',
        security,
        params: z.object({ id: z.uuid(), documentId: z.uuid() }),
        response: { 200: DraftOut },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      await removeDocument(deps, actor, { draftId: request.params.id, documentId: request.params.documentId });
      return draftOut(await getDraft(deps, actor, request.params.id));
    },
  );

  app.put(
    '/api/v1/drafts/:id/pages/:pageId',
    {
      schema: {
        tags: ['submission'],
        summary: 'Answer one page of the form; 400 with `fields` (field → error key, e.g. form.error.cnp_checksum) when an answer is not valid',
        description: 'Answers use the field names of the HTML form: `<id>`, `<id>-day/-month/-year` for dates, `<id>-street/-number/-details/-locality/-county` for addresses, `<group>__<i>__<id>` and `<group>__count` for repeated groups. Prefilled answers are not asked; send `showAll: true` to change them.',
        security,
        params: z.object({ id: z.uuid(), pageId: z.string().regex(/^[a-z][a-z0-9_]{0,39}$/) }),
        body: z.object({ answers: z.record(z.string(), z.unknown()), showAll: z.boolean().optional() }),
        response: { 200: DraftOut },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const r = await saveDraftPage(deps, actor, { draftId: request.params.id, pageId: request.params.pageId, raw: request.body.answers, showAll: request.body.showAll ?? false });
      if (!r.ok) throw new AppError('validation', 'invalid', {}, Object.fromEntries(Object.entries(r.errors).map(([k, e]) => [k, e.key])));
      return draftOut(r.draft);
    },
  );

  app.post(
    '/api/v1/drafts/:id/consents',
    {
      schema: {
        tags: ['submission'],
        summary: 'Record the consent (OUG 41/2016) for the institution to fetch the listed documents from their issuers; the others are to be uploaded',
        description:
          '`agreed` lists ids of the service\'s documents with `fetchedByInstitution`; any other id answers 400 `validation` with `fields.agreed` = `validation.option`. Only the documents that apply to the answers given so far (their `showIf`) are recorded: answer the pages first.',
        security,
        params: Id,
        body: z.object({ agreed: z.array(z.string()) }),
        response: { 200: DraftOut },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const draft = await getDraft(deps, actor, request.params.id);
      const fetchable = new Set(draft.version.definition.documents.filter((d) => d.fetchedByInstitution).map((d) => d.id));
      // A mistyped id would be dropped without a word, and the person asked to upload the document.
      if (request.body.agreed.some((id) => !fetchable.has(id))) throw new AppError('validation', 'invalid', {}, { agreed: 'validation.option' });
      return draftOut((await recordConsents(deps, actor, { draft, agreed: request.body.agreed })).draft);
    },
  );

  app.register(async (scope) => {
    await scope.register(fastifyMultipart, { throwFileSizeLimit: false, limits: { fileSize: deps.config.uploadLimitBytes, files: 1 } });
    scope.post(
      '/api/v1/drafts/:id/documents',
      {
        schema: {
          tags: ['submission'],
          summary: 'Upload a file (multipart/form-data: `file`, and `documentId` for a required document or `questionId` for a file question); checked by content, size and virus scan',
          description:
            'One `file` part per call (a second one answers 400 `submission.file.one_per_call`): upload several files for a document with one call each. `documentId` must be one of the service\'s documents (else 400 `validation` with `fields.documentId` = `validation.option`) that applies to the answers given so far, its `showIf` (else `fields.documentId` = `submission.file.not_applicable`): answer the pages first.',
          security,
          params: Id,
          consumes: ['multipart/form-data'],
          response: { 201: DocumentOut },
        },
        config: { multipartParts: { files: ['file'], fields: ['documentId', 'questionId'] } },
        preValidation: readUpload,
      },
      async (request, reply) => {
        const actor = requireActor(request);
        const form = formOf(request.body);
        const [file, ...more] = form.files.filter((f) => f.field === 'file');
        if (!file) throw new AppError('submission.file.no_file', 'invalid', {}, { file: 'submission.file.no_file' });
        // Only the first would be kept: the app would believe all of them were received.
        if (more.length > 0) throw new AppError('submission.file.one_per_call', 'invalid', {}, { file: 'submission.file.one_per_call' });
        const documentId = form.fields.documentId ? String(form.fields.documentId) : null;
        const questionId = form.fields.questionId ? String(form.fields.questionId) : null;
        const target: UploadTarget | null = documentId ? { kind: 'document', id: documentId } : questionId ? { kind: 'question', id: questionId } : null;
        if (!target) throw new AppError('validation', 'invalid', {}, { documentId: 'submission.file.target_required' });
        const { id } = request.params as { id: string };
        const draft = await getDraft(deps, actor, id);
        const def = draft.version.definition;
        const known = target.kind === 'document' ? def.documents.some((d) => d.id === target.id) : allQuestions(def.form).some((q) => q.id === target.id && q.type === 'file');
        if (!known) throw new AppError('validation', 'invalid', {}, { [target.kind === 'document' ? 'documentId' : 'questionId']: 'validation.option' });
        // A document the answers do not call for (its showIf) is never asked for nor shown with the case.
        if (target.kind === 'document' && !applicableDocuments(def.documents, draft.answers).some((d) => d.id === target.id)) {
          throw new AppError('validation', 'invalid', {}, { documentId: 'submission.file.not_applicable' });
        }
        const doc = await attachDocument(deps, actor, { draft, target, upload: file });
        return reply.code(201).send({ id: doc.id, filename: doc.filename, mediaType: doc.mediaType, sizeBytes: doc.sizeBytes, sha256: doc.sha256, requiredDocumentId: doc.requiredDocumentId, questionId: doc.questionId });
      },
    );
  });

  app.register(async (scope) => {
    await scope.register(fastifyMultipart, { throwFileSizeLimit: false, limits: { fileSize: deps.config.uploadLimitBytes, files: 1 } });
    scope.post(
      '/api/v1/drafts/:id/signed-application',
      {
        schema: {
          tags: ['submission'],
          summary: 'The application as a PDF signed with an advanced or qualified electronic signature (multipart/form-data: `signedPdf`), instead of the declaration at submit',
          description:
            'The signature must verify (digest and value): 400 `submission.signature.missing` (no signature), `submission.signature.altered` (changed after signing), `submission.signature.invalid`; 400 `submission.file.type`, `submission.file.heic` (a phone’s HEIC photo), `submission.file.executable`, `submission.file.empty`; 413 `submission.file.too_large`; 409 `submission.already_submitted`. Whether the certificate comes from a qualified trust service is not checked (`trustChecked: false`). A second one replaces the first. Then submit with `declaration: false`.',
          security,
          params: Id,
          consumes: ['multipart/form-data'],
          response: {
            200: z.object({ signerName: z.string().nullable(), signingTime: z.string().nullable(), modifiedAfterSigning: z.boolean(), trustChecked: z.literal(false) }),
            400: ErrorBody,
            401: ErrorBody,
            403: ErrorBody,
            404: ErrorBody,
            409: ErrorBody,
            413: ErrorBody,
          },
        },
        config: { multipartParts: { files: ['signedPdf'], fields: [] } },
        preValidation: readUpload,
      },
      async (request) => {
        const actor = requireActor(request);
        const file = formOf(request.body).files.find((f) => f.field === 'signedPdf');
        if (!file) throw new AppError('submission.file.no_file', 'invalid', {}, { signedPdf: 'submission.file.no_file' });
        const { id } = request.params as { id: string };
        const report = await attachSignedApplication(deps, actor, { draftId: id, upload: file });
        const s = report.signatures[report.signatures.length - 1]!;
        return { signerName: s.signerName ?? null, signingTime: s.signingTime ?? null, modifiedAfterSigning: report.modifiedAfterSigning, trustChecked: false as const };
      },
    );
  });

  app.get(
    '/api/v1/me/cases/:id/receipt.pdf',
    {
      schema: {
        tags: ['submission'],
        summary: 'The registration receipt (recipisă) of a case submitted online, as PDF, in the language of the call',
        security: [{ session: [] }],
        params: z.object({ id: z.string().max(100) }),
        produces: ['application/pdf'],
        response: { 200: z.any().describe('application/pdf'), 401: ErrorBody, 404: ErrorBody },
      },
    },
    async (request, reply) => {
      const { pdf, filename } = await renderReceipt(deps, requireActor(request), { caseId: request.params.id, t: request.t });
      return reply
        .type('application/pdf')
        .header('content-disposition', `inline; filename="${filename}"`)
        .header('cache-control', 'private, no-store')
        .send(Buffer.from(pdf));
    },
  );

  app.post(
    '/api/v1/drafts/:id/submit',
    {
      schema: {
        tags: ['submission'],
        summary: 'Submit the draft: registers the case and returns its number; idempotent (a second call returns the same case)',
        description:
          'A date answered while the draft waited may no longer be in its allowed range on the day of submission (e.g. a ceremony date that must be at least 10 days after filing): 400 `submission.date_out_of_range` with the date question in `fields`; answer that page again.',
        security,
        params: Id,
        body: z.object({
          declaration: z
            .boolean()
            .describe("true: the signed-in person makes, now, the service's declarations on their own responsibility (the form's declaration questions, never asked as pages) over the final answers — a simple electronic signature; not needed after a signed PDF"),
        }),
        response: { 200: z.object({ caseId: z.string(), number: RegistryNumber, trackingCode: z.string(), dueOn: z.string().nullable().describe("YYYY-MM-DD; null when the service expects no answer"), alreadySubmitted: z.boolean() }) },
      },
    },
    async (request) => {
      const r = await submitDraft(deps, requireActor(request), { draftId: request.params.id, declared: request.body.declaration });
      return { ...r, number: registryNumberOf(r.number) };
    },
  );
}
