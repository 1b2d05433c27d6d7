import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { App, AppDeps } from '../../app.ts';
import { requireActor } from '../identity/guards.ts';
import { generateAnswer } from './generate-answer.ts';
import { getAnswerPanel } from './get-answer-panel.ts';
import { ANSWER_OUTCOMES, ANSWER_TEXT_MAX } from './domain/answer-text.ts';
import { previewAnswer } from './preview-answer.ts';
import { saveAnswerDraft } from './save-answer-draft.ts';
import { withdrawAnswer } from './withdraw-answer.ts';
import { signAnswer } from './sign-answer.ts';

const CaseParams = z.object({ caseId: z.uuid() });
const DocumentParams = z.object({ documentId: z.uuid() });
const AnswerDraftBody = z.object({
  outcome: z.enum(ANSWER_OUTCOMES).describe('granted: the request is granted; refused: refused, `text` gives the reasons; information: `text` is the information given'),
  text: z.string().max(ANSWER_TEXT_MAX * 2).default('').describe(`The answer's text in plain paragraphs (at most ${ANSWER_TEXT_MAX} characters once line breaks are normalised); required for refused and information`),
});
const WithdrawParams = CaseParams.extend({ documentId: z.uuid() });
const security = [{ session: [], csrf: [] }];
const Generated = z.object({ documentId: z.string(), version: z.number().int(), outcome: z.enum(ANSWER_OUTCOMES), outgoingNumber: z.string().describe('`N/dd.mm.yyyy`'), sha256: z.string() });
const Signed = z.object({ documentId: z.string(), seq: z.number().int(), complete: z.boolean().describe('every planned signer has signed'), duplicate: z.boolean() });
const SavedDraft = z.object({ caseId: z.string(), outcome: z.enum(ANSWER_OUTCOMES), changed: z.boolean(), withdrawnVersion: z.number().int().nullable() });
const Withdrawn = z.object({ documentId: z.string(), version: z.number().int(), signatures: z.number().int() });
const SignBody = z.object({
  pin: z.string().min(1).max(200),
  code: z.string().min(6).max(20),
  transactionId: z.string().regex(/^[\w-]{8,100}$/).optional(),
});

/**
 * The answer document of a case over the JSON API: the same use cases as the official's pages (the second factor is
 * still asked at each signature: the TOTP code travels with the PIN).
 */
export function registerDocumentRoutes(app: App, deps: AppDeps): void {
  const tags = ['Documents'];

  app.get(
    '/api/v1/cases/:caseId/answer',
    { schema: { tags, summary: 'The answer document of a case: versions, signers, what the caller may do', security, params: CaseParams } },
    async (request) => getAnswerPanel(deps, requireActor(request), request.params.caseId),
  );

  app.get(
    '/api/v1/cases/:caseId/answer/preview',
    { schema: { tags, summary: '"Validează": the answer the official wrote (outcome, text) rendered in its template, with the values still missing', security, params: CaseParams } },
    async (request) => previewAnswer(deps, requireActor(request), { caseId: request.params.caseId, pendingNumberText: request.t('documents.preview.pending_number') }),
  );

  app.put(
    '/api/v1/cases/:caseId/answer/draft',
    {
      schema: {
        tags,
        summary: 'Write the answer: its outcome and text. Refused once someone has signed the current version (withdraw it first); withdraws an unsigned one',
        security,
        params: CaseParams,
        body: AnswerDraftBody,
        response: { 200: SavedDraft },
      },
    },
    async (request) => saveAnswerDraft(deps, requireActor(request), { caseId: request.params.caseId, outcome: request.body.outcome, text: request.body.text }),
  );

  app.post(
    '/api/v1/cases/:caseId/answer/:documentId/withdrawal',
    { schema: { tags, summary: 'Withdraw a version not yet issued (its signatures stay on it), so the answer can be changed and generated again', security, params: WithdrawParams, response: { 200: Withdrawn } } },
    async (request) => withdrawAnswer(deps, requireActor(request), request.params),
  );

  app.post(
    '/api/v1/cases/:caseId/answer',
    { schema: { tags, summary: '"Generează": a new version of the answer PDF, from the written answer, with its outgoing registry number', security, params: CaseParams, response: { 201: Generated } } },
    async (request, reply) => reply.code(201).send(await generateAnswer(deps, requireActor(request), { caseId: request.params.caseId })),
  );

  app.post(
    '/api/v1/answers/:documentId/signatures',
    {
      schema: {
        tags,
        summary: 'Sign the answer (PAdES) with the official’s key, unlocked by PIN and a TOTP code',
        security,
        params: DocumentParams,
        body: SignBody,
        response: { 201: Signed, 200: Signed.describe('The same transactionId again: nothing signed twice (`duplicate: true`)') },
      },
    },
    async (request, reply) => {
      const r = await signAnswer(deps, requireActor(request), {
        documentId: request.params.documentId,
        pin: request.body.pin,
        code: request.body.code,
        transactionId: request.body.transactionId ?? randomUUID(),
      });
      return reply.code(r.duplicate ? 200 : 201).send(r);
    },
  );
}
