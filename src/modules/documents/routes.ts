import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { App, AppDeps } from '../../app.ts';
import { TransactionId } from '../../platform/http/api-schema.ts';
import { requireActor } from '../identity/guards.ts';
import { generateAnswer } from './generate-answer.ts';
import { type AnswerVersion, getAnswerPanel } from './get-answer-panel.ts';
import { ANSWER_OUTCOMES, ANSWER_TEXT_MAX } from './domain/answer-text.ts';
import { EXEMPTION_GROUNDS, PartialRefusal, PARTIAL_PART_MAX, PARTIAL_REASONS_MAX } from './domain/partial-refusal.ts';
import { previewAnswer } from './preview-answer.ts';
import { saveAnswerDraft } from './save-answer-draft.ts';
import { withdrawAnswer } from './withdraw-answer.ts';
import { signAnswer } from './sign-answer.ts';
import { RegistryNumber, registryNumberOf } from '../registry/domain/registry-number.ts';

const CaseParams = z.object({ caseId: z.uuid() });
const DocumentParams = z.object({ documentId: z.uuid() });
const AnswerDraftBody = z.object({
  outcome: z
    .enum(ANSWER_OUTCOMES)
    .describe(
      'granted: the request is granted; refused: refused, `text` gives the reasons; information: `text` is the information given; partial (a public-information request only, Legea 544/2001): `text` is the information given and `partialRefusal` the part refused',
    ),
  text: z.string().max(ANSWER_TEXT_MAX * 2).default('').describe(`The answer's text in plain paragraphs (at most ${ANSWER_TEXT_MAX} characters once line breaks are normalised); required for refused, information and partial`),
  partialRefusal: z
    .object({
      part: z.string().max(PARTIAL_PART_MAX * 2).describe(`What of the information asked for is not given (at most ${PARTIAL_PART_MAX} characters)`),
      ground: z.enum(EXEMPTION_GROUNDS).describe('The exemption of Legea 544/2001 art. 12 alin. (1): lit. a) classified_security … lit. g) youth_protection'),
      reasons: z.string().max(PARTIAL_REASONS_MAX * 2).describe(`Why the exemption applies (at most ${PARTIAL_REASONS_MAX} characters)`),
    })
    .nullish()
    .describe('Required with outcome partial; ignored with any other'),
});
const WithdrawParams = CaseParams.extend({ documentId: z.uuid() });
const security = [{ session: [], csrf: [] }];
const Generated = z.object({
  documentId: z.string(),
  version: z.number().int(),
  outcome: z.enum(ANSWER_OUTCOMES),
  outgoingNumber: RegistryNumber,
  sha256: z.string().describe('of the PDF as generated, before any signature'),
  duplicate: z.boolean().describe('true: nothing was generated — the version this transactionId (or an identical click) already generated'),
});
// Optional: a call without any body (as before the key was taken) still generates.
const GenerateBody = z.object({ transactionId: TransactionId }).nullish();
const Signed = z.object({ documentId: z.string(), seq: z.number().int(), complete: z.boolean().describe('every planned signer has signed'), duplicate: z.boolean() });
const SavedDraft = z.object({ caseId: z.string(), outcome: z.enum(ANSWER_OUTCOMES), changed: z.boolean(), withdrawnVersion: z.number().int().nullable() });
const Withdrawn = z.object({ documentId: z.string(), version: z.number().int(), signatures: z.number().int() });
const Signer = z.object({
  accountId: z.string(),
  name: z.string(),
  role: z.string().describe('inspector, head_of_department, mayor, …'),
  title: z.literal('director_general').optional().describe('The title printed when it is not the role’s usual one'),
});
const AnswerVersionOut = z.object({
  id: z.string().describe('The document id (sign it with POST /api/v1/answers/{documentId}/signatures)'),
  version: z.number().int(),
  status: z.enum(['signing', 'signed', 'issued', 'superseded']),
  outcome: z.enum(ANSWER_OUTCOMES).nullable().describe('null for versions generated before answers had an outcome'),
  exemption: z.enum(EXEMPTION_GROUNDS).nullable().describe('outcome partial: the exemption of Legea 544/2001 art. 12 alin. (1) the part refused was refused on; null otherwise'),
  outgoingNumber: RegistryNumber,
  createdAt: z.string().describe('ISO 8601'),
  issuedAt: z.string().nullable().describe('ISO 8601'),
  sha256: z.string(),
  signers: z.array(Signer.extend({ signedAt: z.string().nullable().describe('ISO 8601; null: not signed yet') })),
  seal: z.object({ name: z.string(), signedAt: z.string().describe('ISO 8601') }).nullable(),
});
const AnswerPanelOut = z.object({
  caseId: z.string(),
  caseNumber: RegistryNumber,
  caseStatus: z.string(),
  versions: z.array(AnswerVersionOut),
  current: AnswerVersionOut.nullable(),
  next: Signer.nullable().describe('Who signs next'),
  may: z.object({ prepare: z.boolean(), sign: z.boolean(), issue: z.boolean(), withdraw: z.boolean() }),
  hasKey: z.boolean().describe('The caller has a signing key'),
});
const PreviewOut = z.object({
  caseId: z.string(),
  number: RegistryNumber.describe('The case’s registry number'),
  title: z.string(),
  body: z.string(),
  missing: z.array(z.string()).describe('Placeholders without a value in this case (written as "—")'),
  signers: z.array(Signer),
  templateVersion: z.number().int().nullable(),
  answer: z
    .object({ outcome: z.enum(ANSWER_OUTCOMES), text: z.string(), partialRefusal: PartialRefusal.nullable().describe('outcome partial: the part refused, its ground and reasons') })
    .nullable()
    .describe('null: not written yet; nothing can be generated'),
  partialAllowed: z.boolean().describe('A public-information request: it may be answered in part (outcome partial)'),
  lockedBy: z.string().nullable().describe('Who signed the current version: its text is frozen until it is withdrawn'),
});
const iso = (d: Date | null) => d && d.toISOString();
const versionOut = (v: AnswerVersion): z.infer<typeof AnswerVersionOut> => ({
  ...v,
  outgoingNumber: registryNumberOf(v.outgoingNumber),
  createdAt: v.createdAt.toISOString(),
  issuedAt: iso(v.issuedAt),
  signers: v.signers.map((s) => ({ ...s, signedAt: iso(s.signedAt) })),
  seal: v.seal && { name: v.seal.name, signedAt: v.seal.signedAt.toISOString() },
});
const SignBody = z.object({
  pin: z.string().min(1).max(200),
  code: z.string().min(6).max(20),
  transactionId: TransactionId,
});

/**
 * The answer document of a case over the JSON API: the same use cases as the official's pages (the second factor is
 * still asked at each signature: the TOTP code travels with the PIN).
 */
export function registerDocumentRoutes(app: App, deps: AppDeps): void {
  const tags = ['Documents'];

  app.get(
    '/api/v1/cases/:caseId/answer',
    { schema: { tags, summary: 'The answer document of a case: versions, signers, what the caller may do', security: [{ session: [] }], params: CaseParams, response: { 200: AnswerPanelOut } } },
    async (request) => {
      const panel = await getAnswerPanel(deps, requireActor(request), request.params.caseId);
      return { ...panel, caseNumber: registryNumberOf(panel.caseNumber), versions: panel.versions.map(versionOut), current: panel.current && versionOut(panel.current) };
    },
  );

  app.get(
    '/api/v1/cases/:caseId/answer/preview',
    {
      schema: {
        tags,
        summary: '"Validează": the answer the official wrote (outcome, text) rendered in its template, with the values still missing',
        security: [{ session: [] }],
        params: CaseParams,
        response: { 200: PreviewOut },
      },
    },
    async (request) => {
      const preview = await previewAnswer(deps, requireActor(request), { caseId: request.params.caseId, pendingNumberText: request.t('documents.preview.pending_number') });
      return { ...preview, number: registryNumberOf(preview.number) };
    },
  );

  app.put(
    '/api/v1/cases/:caseId/answer/draft',
    {
      schema: {
        tags,
        summary: 'Write the answer: its outcome and text (and a partial answer’s refused part). Refused once someone has signed the current version (withdraw it first); withdraws an unsigned one',
        security,
        params: CaseParams,
        body: AnswerDraftBody,
        response: { 200: SavedDraft },
      },
    },
    async (request) =>
      saveAnswerDraft(deps, requireActor(request), { caseId: request.params.caseId, outcome: request.body.outcome, text: request.body.text, partialRefusal: request.body.partialRefusal }),
  );

  app.post(
    '/api/v1/cases/:caseId/answer/:documentId/withdrawal',
    { schema: { tags, summary: 'Withdraw a version not yet issued (its signatures stay on it), so the answer can be changed and generated again', security, params: WithdrawParams, response: { 200: Withdrawn } } },
    async (request) => withdrawAnswer(deps, requireActor(request), request.params),
  );

  app.post(
    '/api/v1/cases/:caseId/answer',
    {
      schema: {
        tags,
        summary: '"Generează": a new version of the answer PDF, from the written answer, with its outgoing registry number',
        description:
          'Send a `transactionId`: the same one again answers 200 with the version that call generated (`duplicate: true`), even if the text was changed and the version superseded since — a retried call never generates the answer anew. Without one, generating what the latest unsigned version already says answers that version (200, `duplicate: true`).',
        security,
        params: CaseParams,
        body: GenerateBody,
        response: { 201: Generated, 200: Generated.describe('Nothing generated: the version already generated (`duplicate: true`)') },
      },
    },
    async (request, reply) => {
      const r = await generateAnswer(deps, requireActor(request), { caseId: request.params.caseId, transactionId: request.body?.transactionId });
      return reply.code(r.duplicate ? 200 : 201).send({ ...r, outgoingNumber: registryNumberOf(r.outgoingNumber) });
    },
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
