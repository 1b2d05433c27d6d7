import fastifyMultipart from '@fastify/multipart';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { TransactionId } from '../../platform/http/api-schema.ts';
import type { App } from '../../app.ts';
import { ACTION_TYPES, ANSWER_OUTCOMES, CASE_STATUSES } from '../cases/domain/case-state.ts';
import { findIssuedAnswer, type IssuedAnswerView } from '../documents/find-issued-answer.ts';
import { EXEMPTION_GROUNDS } from '../documents/domain/partial-refusal.ts';
import { verificationPath } from '../documents/views.tsx';
import { addCompletionDocument } from '../cases/add-completion-document.ts';
import type { ActionBy, CaseDetail } from '../cases/case-detail.ts';
import { confirmCompletion } from '../cases/confirm-completion.ts';
import { getCaseForApplicant } from '../cases/get-case-for-applicant.ts';
import { CASES_PAGE_SIZE, listCasesOfApplicant } from '../cases/list-cases-of-applicant.ts';
import { sendCaseMessage } from '../cases/send-case-message.ts';
import { withdrawCase } from '../cases/withdraw-case.ts';
import { requireActor } from '../identity/guards.ts';
import { checkCaseStatus } from './check-case-status.ts';
import { deadlineView } from './domain/deadline.ts';
import type { TrackingDeps } from './module.ts';
import { multipartBody, readMultipartForm } from '../../platform/http/multipart.ts';
import { byText } from './views.tsx';
import { RegistryNumber, registryNumberOf } from '../registry/domain/registry-number.ts';
import { AppError } from '../../platform/http/errors.ts';
import { normaliseTrackingCode } from '../../platform/ids/tracking-code.ts';
import { parseRegistrationNumber } from './domain/status-query.ts';

export const Status = z.enum(CASE_STATUSES);
const LocalText = z.object({ ro: z.string(), en: z.string() });
const Deadline = z.object({
  dueOn: z.string().nullable().describe('YYYY-MM-DD, last valid day; null when the service expects no answer (a term of 0 days: the registration is the confirmation)'),
  daysLeft: z.number().int().nullable().describe('calendar days left until dueOn (negative: overdue); null without a due day'),
  overdue: z.boolean(),
  stopped: z.boolean(),
});

export const CaseSummary = z.object({
  id: z.string().uuid(),
  service: LocalText,
  number: RegistryNumber,
  trackingCode: z.string(),
  status: Status,
  statusLabel: z.string(),
  submittedAt: z.string(),
  deadline: Deadline,
  onBehalfOf: z
    .object({ name: z.string(), cui: z.string().nullable() })
    .nullable()
    .describe('The company the case was filed for (one the person represents under a mandate in force, whichever representative filed it); null: in the person’s own name'),
});
const Fee = z.number().int().describe('The fee computed at submission, in bani (100 bani = 1 leu); 0: free');

export const CaseList = z.object({ page: z.number().int(), pageCount: z.number().int(), total: z.number().int(), cases: z.array(CaseSummary) });

const RefusalDeadline = z
  .object({
    dueOn: z.string().describe('YYYY-MM-DD, the last day to refuse, with reasons'),
    state: z.enum(['open', 'refused']),
    refusedOn: z.string().nullable().describe('YYYY-MM-DD the request was refused (rejected, or answered with a refusal, total or partial)'),
    late: z.boolean().describe('open: the 5 days have passed; refused: refused after them'),
    partial: z.boolean().describe('refused: only part of the information was refused, the rest given in the same answer (outcome partial)'),
  })
  .nullable()
  .describe('Legea 544/2001 art. 7(2): a public-information request is refused, with reasons, within 5 days of registration. Null for other cases, and once the information was given');

const JoinedTo = z
  .object({
    number: RegistryNumber.describe('The earlier petition’s registration number'),
    answeredOn: z
      .string()
      .nullable()
      .describe('YYYY-MM-DD: it had already been answered then, so this one was filed at its number with reference to that answer; null: its answer, still to come, covers both'),
  })
  .nullable()
  .describe('A repeated petition of the same petitioner on the same issue, joined to the earlier one (OG 27/2002 art. 10; status `joined`): that petition. Null for any other case');

const ForwardedTo = z
  .object({
    kind: z.enum(['platform', 'outside']).describe('platform: to an institution of this platform, where it is a case of its own; outside: e-mailed to an institution outside it'),
    institutionName: z.string().describe('The competent institution'),
    email: z.string().nullable().describe('outside: the address it was e-mailed to'),
    caseNumber: RegistryNumber.nullable().describe('platform: its registration number at the competent institution, from which the 30 days for the answer run (OG 27/2002 art. 8(2)); null outside the platform'),
    outgoingNumber: RegistryNumber.nullable().describe('The outgoing letter registered here that sent it on; null only for one sent to an institution of the platform before 23.11.2026, when none was registered'),
    sentAt: z.string().describe('When it was sent on (ISO 8601)'),
    late: z.boolean().describe('Sent after the 5 days from registration (OG 27/2002 art. 6¹)'),
    petitionerNotified: z
      .boolean()
      .nullable()
      .describe('The petitioner was e-mailed, when it was sent, where it went and under which number; false: no e-mail address, or e-mails turned off (told by other means); null: sent before this was recorded'),
    alongWith: RegistryNumber.nullable().describe('A joined petition that went along with the one it was joined to: that petition’s number here; null: sent on by itself'),
  })
  .nullable()
  .describe('A petition sent on to the competent institution (OG 27/2002 art. 6¹; status `redirected`), or a joined one that went along with the petition it was joined to: where, when and under which numbers. Null for any other case');

export const CaseDetailResponse = CaseSummary.extend({
  refusalDeadline: RefusalDeadline,
  feeBani: Fee,
  department: z.string().nullable(),
  extensions: z.array(z.object({ day: z.string(), days: z.number().int(), reason: z.string() })),
  timeline: z.array(
    z.object({
      seq: z.number().int().describe('The entry’s number in the case’s log, from 1: a message’s id within its case'),
      type: z.enum(ACTION_TYPES),
      label: z.string(),
      at: z.string(),
      by: z.string(),
      byApplicant: z.boolean(),
      text: z.string().nullable(),
      reason: z.string().nullable(),
      days: z.number().nullable(),
      recount: z
        .object({ from: z.string(), to: z.string() })
        .nullable()
        .describe('term_recounted: the answer’s last day before and after its term was counted again (YYYY-MM-DD); the applicant is e-mailed'),
      registryNumber: RegistryNumber.nullable().describe('completed: the registry number of the documents that completed the file'),
    }),
  ),
  documents: z.array(
    z.object({
      id: z.string().uuid(),
      direction: z.enum(['in', 'out']),
      purpose: LocalText.nullable().describe('what the file is for: the required document or the question it answers'),
      viaRegistry: z.boolean().describe('in: received through the registry (scanned at the counter, a paper completion), not uploaded by the applicant'),
      filename: z.string(),
      mediaType: z.string(),
      sizeBytes: z.number().int(),
      createdAt: z.string(),
      href: z.string().describe('Where to download the file, with the session cookie (GET, answers the file or the JSON error body)'),
    }),
  ),
  answers: z.record(z.string(), z.unknown()),
  completionRequest: z.object({ requestedAt: z.string(), text: z.string(), uploaded: z.number().int() }).nullable(),
  answer: z
    .object({
      outcome: z.enum(ANSWER_OUTCOMES).nullable().describe('null for answers generated before answers had an outcome'),
      outgoingNumber: RegistryNumber,
      issuedAt: z.string(),
      title: z.string(),
      text: z.string().describe('The signed document’s text, word for word (Romanian)'),
      remedy: z.string().nullable().describe('refused, partial: how the refusal can be challenged, as the document prints it'),
      partialRefusal: z
        .object({
          part: z.string().describe('What of the information asked for was not given'),
          ground: z.enum(EXEMPTION_GROUNDS).describe('The exemption of Legea 544/2001 art. 12 alin. (1) it was refused on (lit. a–g, in order)'),
          groundLabel: z.string().describe('The ground in the reader’s language'),
          reasons: z.string().describe('Why (Romanian, as the document prints it)'),
        })
        .nullable()
        .describe('outcome partial (“Comunicată parțial”): the part refused; null for any other outcome'),
      href: z.string().nullable().describe('Where to download the signed PDF, with the session cookie'),
      verificationUrl: z.string().describe('The document’s public verification page (the QR code’s address)'),
      signatures: z.array(z.object({ name: z.string(), title: z.string(), titleLabel: z.string(), signedAt: z.string() })).describe('In the order they were made; the institution’s seal last'),
      signaturesValid: z.boolean().describe('The platform checked the issued file’s signatures: every one valid, nothing added after the last one'),
    })
    .nullable()
    .describe('The issued answer; null until one is issued'),
  joinedTo: JoinedTo,
  forwardedTo: ForwardedTo,
  allowed: z
    .object({ message: z.boolean(), withdraw: z.boolean(), complete: z.boolean() })
    .describe('What the applicant may do on the case now (write, withdraw it, send the documents asked for); an official’s own actions are in `may`'),
});

export const ActionResult = z.object({ status: Status, statusLabel: z.string(), duplicate: z.boolean() });

/** What an action on a case answers through the API: the status it left the case in, in words, and whether it was a repeat. */
export const actionResult = (t: (k: string) => string, r: { status: string; duplicate: boolean }): z.infer<typeof ActionResult> => ({
  status: r.status as z.infer<typeof Status>,
  statusLabel: t(`tracking.status.${r.status}`),
  duplicate: r.duplicate,
});
/** What writing a message answers: the action's result and the message written (or, for a repeated transactionId, the first call's). */
export const MessageResult = ActionResult.extend({
  message: z
    .object({
      seq: z.number().int().describe('The message’s id within its case: the `seq` of its entry in the case’s `timeline`'),
      at: z.string().describe('When it was written (ISO 8601)'),
    })
    .describe('The message this call wrote; repeated with the same transactionId, the one the first call wrote'),
});
export const messageResult = (t: (k: string) => string, r: { status: string; duplicate: boolean; message: { seq: number; at: Date } }): z.infer<typeof MessageResult> => ({
  ...actionResult(t, r),
  message: { seq: r.message.seq, at: r.message.at.toISOString() },
});
const CaseParams = z.object({ id: z.string().max(100) });
/** The API's one idempotency key, for the routes beside these that take one. */
export { TransactionId };

export const PublicStatusResponse = z.object({ service: LocalText, number: RegistryNumber, status: Status, statusLabel: z.string(), deadline: Deadline });

const isApplicant = (by: ActionBy) => by.kind === 'applicant';

/** The issued answer of a case its reader was authorised to read (null before it is issued). */
export const caseAnswer = (deps: TrackingDeps, d: CaseDetail) =>
  d.status === 'issued' || d.status === 'archived' ? findIssuedAnswer(deps, { caseId: d.id, serviceCode: d.serviceCode, caseKind: d.kind }) : Promise.resolve(null);

/**
 * A case as JSON. `reader` says who reads it: the applicant (their own documents under /cont, "you" in the history)
 * or an official (documents under /birou, the applicant named in the history).
 */
export function detailJson(
  t: (k: string) => string,
  d: CaseDetail,
  answer: IssuedAnswerView | null,
  reader: 'applicant' | 'official' = 'applicant',
): z.infer<typeof CaseDetailResponse> {
  const documentBase = reader === 'official' ? `/birou/dosare/${d.id}/documente` : `/cont/cereri/${d.id}/documente`;
  return {
    id: d.id,
    service: d.serviceName,
    number: registryNumberOf(d.number),
    trackingCode: d.trackingCode,
    status: d.status,
    statusLabel: t(`tracking.status.${d.status}`),
    submittedAt: d.submittedAt.toISOString(),
    deadline: d.deadline,
    onBehalfOf: d.applicant.kind === 'company' ? { name: d.applicant.name, cui: d.applicant.cui ?? null } : null,
    refusalDeadline: d.refusal,
    feeBani: d.feeBani,
    department: d.departmentName,
    extensions: d.extensions,
    timeline: d.timeline.map((e) => ({
      seq: e.seq,
      type: e.type,
      label: t(`tracking.action.${e.type}`),
      at: e.at.toISOString(),
      // A company's case: what its applicant did is the company's, whichever representative reads it (as on the page).
      by: byText(t as never, e.by, reader === 'official' || d.applicant.kind === 'company' ? d.applicant.name : undefined),
      byApplicant: isApplicant(e.by),
      text: e.text,
      registryNumber: e.registryNumber ? registryNumberOf(e.registryNumber) : null,
      reason: e.reason,
      days: e.days,
      recount: e.recount ?? null,
    })),
    documents: d.documents.map((x) => ({ ...x, createdAt: x.createdAt.toISOString(), href: `${documentBase}/${x.id}` })),
    answers: d.answers,
    completionRequest: d.completion ? { requestedAt: d.completion.requestedAt.toISOString(), text: d.completion.text, uploaded: d.completion.uploaded.length } : null,
    answer: answer && {
      outcome: answer.outcome,
      outgoingNumber: registryNumberOf(answer.outgoingNumber),
      issuedAt: answer.issuedAt.toISOString(),
      title: answer.title,
      text: answer.text,
      remedy: answer.remedy,
      partialRefusal: answer.partialRefusal && { ...answer.partialRefusal, groundLabel: t(`documents.exemption.${answer.partialRefusal.ground}`) },
      href: answer.caseDocumentId ? `${documentBase}/${answer.caseDocumentId}` : null,
      verificationUrl: verificationPath(answer.documentId),
      signatures: answer.signatures.map((s) => ({ name: s.name, title: s.title, titleLabel: t(`documents.role.${s.title}`), signedAt: s.signedAt.toISOString() })),
      signaturesValid: answer.signaturesValid,
    },
    joinedTo: d.join.to && { number: registryNumberOf(d.join.to.number), answeredOn: d.join.to.answeredOn },
    forwardedTo: forwardedTo(d),
    allowed: { message: d.allowed.message, withdraw: d.allowed.withdraw, complete: d.allowed.complete },
  };
}

/** Where a petition went (OG 27/2002 art. 6¹): sent on itself, or along with the petition it was joined to. */
function forwardedTo(d: CaseDetail): z.infer<typeof ForwardedTo> {
  const r = d.redirect.to;
  if (r && d.redirect.at) {
    return {
      kind: r.kind,
      institutionName: r.institutionName,
      email: r.kind === 'outside' ? r.email : null,
      caseNumber: r.kind === 'platform' ? registryNumberOf(r.number) : null,
      outgoingNumber: r.outgoingNumber ? registryNumberOf(r.outgoingNumber) : null,
      sentAt: d.redirect.at.toISOString(),
      late: r.late,
      petitionerNotified: r.told ?? null,
      alongWith: null,
    };
  }
  const s = d.join.sentOn;
  if (!s || !d.join.to) return null;
  return {
    kind: s.kind,
    institutionName: s.institutionName,
    email: s.email,
    caseNumber: s.kind === 'platform' ? registryNumberOf(s.number) : null,
    outgoingNumber: s.outgoingNumber ? registryNumberOf(s.outgoingNumber) : null,
    sentAt: s.at.toISOString(),
    late: s.late,
    petitionerNotified: s.told,
    alongWith: registryNumberOf(d.join.to.number),
  };
}

/** The signed-in person's cases (`/me`) and the public status check. */
export function registerTrackingRoutes(app: App, deps: TrackingDeps): void {
  app.get(
    '/api/v1/me/cases',
    {
      schema: {
        tags: ['cases'],
        summary: `The signed-in person’s cases (and those of companies they represent), newest first, ${CASES_PAGE_SIZE} a page`,
        security: [{ session: [] }],
        querystring: z.object({ page: z.coerce.number().int().min(1).max(100_000).default(1) }),
        response: { 200: CaseList },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const list = await listCasesOfApplicant(deps, actor, { page: request.query.page });
      return {
        page: list.page,
        pageCount: list.pageCount,
        total: list.total,
        cases: list.items.map((c) => ({
          id: c.id,
          service: c.serviceName,
          number: registryNumberOf(c.number),
          trackingCode: c.trackingCode,
          status: c.status,
          statusLabel: request.t(`tracking.status.${c.status}`),
          submittedAt: c.submittedAt.toISOString(),
          deadline: deadlineView(c.dueOn, c.status, list.today),
          onBehalfOf: c.companyId ? { name: c.applicantName, cui: c.applicantCui } : null,
        })),
      };
    },
  );

  app.get(
    '/api/v1/me/cases/:id',
    {
      schema: { tags: ['cases'], summary: 'One of the signed-in person’s cases, with its timeline and documents', security: [{ session: [] }], params: CaseParams, response: { 200: CaseDetailResponse } },
    },
    async (request) => {
      const actor = requireActor(request);
      const detail = await getCaseForApplicant(deps, actor, request.params.id);
      return detailJson(request.t, detail, await caseAnswer(deps, detail));
    },
  );

  app.post(
    '/api/v1/me/cases/:id/messages',
    {
      schema: {
        tags: ['cases'],
        summary: 'Writes a message to the official handling the case',
        security: [{ session: [], csrf: [] }],
        params: CaseParams,
        body: z.object({ text: z.string().max(20_000), transactionId: TransactionId }),
        response: { 201: MessageResult },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const r = await sendCaseMessage(deps, actor, { caseId: request.params.id, text: request.body.text, transactionId: request.body.transactionId ?? randomUUID() });
      return reply.code(201).send(messageResult(request.t, r));
    },
  );

  app.post(
    '/api/v1/me/cases/:id/withdraw',
    {
      schema: {
        tags: ['cases'],
        summary: 'Withdraws the case, with a reason',
        security: [{ session: [], csrf: [] }],
        params: CaseParams,
        body: z.object({ reason: z.string().max(20_000), transactionId: TransactionId }),
        response: { 200: ActionResult },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const r = await withdrawCase(deps, actor, { caseId: request.params.id, reason: request.body.reason, transactionId: request.body.transactionId ?? randomUUID() });
      return actionResult(request.t, r);
    },
  );

  app.register(async (scope) => {
    await scope.register(fastifyMultipart, { throwFileSizeLimit: false, limits: { fileSize: deps.config.uploadLimitBytes } });
    scope.post(
      '/api/v1/me/cases/:id/documents',
      {
        schema: {
          tags: ['cases'],
          summary: 'Sends documents the official asked for (multipart/form-data: one or more `file` parts); with the field `confirm=true` the file is then declared complete',
          description:
            'Safe to repeat: a file already sent for this request answers with the document already sent, and `confirm=true` with the `transactionId` of a confirmation already made answers as it did (`duplicate: true` when the call changed nothing). 409 `tracking.completion.not_requested` when no documents are asked for now.',
          security: [{ session: [], csrf: [] }],
          consumes: ['multipart/form-data'],
          response: {
            201: z.object({
              documents: z.array(z.object({ id: z.string().uuid(), sha256: z.string() })),
              status: Status,
              statusLabel: z.string(),
              duplicate: z.boolean().describe('true: a repeated call — every file had already been sent and, with confirm, the file already declared complete'),
            }),
          },
        },
        config: { multipartParts: { files: ['file'], fields: ['confirm', 'transactionId'] } },
        preValidation: multipartBody(deps.config.uploadLimitBytes, 10),
      },
      async (request, reply) => {
        const actor = requireActor(request);
        const caseId = CaseParams.parse(request.params).id;
        const form = readMultipartForm(request, deps.config.sessionSecret);
        const field = (name: string) => [form.fields[name]].flat()[0];
        // Checked before any file is kept: the same key as every JSON body's (api-schema.ts).
        const transactionId = TransactionId.safeParse(field('transactionId'));
        if (!transactionId.success) throw new AppError('validation', 'invalid', {}, { transactionId: 'validation.format' });
        const documents: { id: string; sha256: string }[] = [];
        let duplicate = true;
        for (const upload of form.files.file ?? []) {
          const r = await addCompletionDocument(deps, actor, { caseId, filename: upload.filename, bytes: upload.bytes, truncated: upload.truncated });
          documents.push({ id: r.documentId, sha256: r.sha256 });
          duplicate &&= r.duplicate;
        }
        let status = (await getCaseForApplicant(deps, actor, caseId)).status;
        if (field('confirm') === 'true') {
          const confirmed = await confirmCompletion(deps, actor, { caseId, transactionId: transactionId.data ?? randomUUID() });
          status = confirmed.status as typeof status;
          duplicate &&= confirmed.duplicate;
        }
        return reply.code(201).send({ documents, status, statusLabel: request.t(`tracking.status.${status}`), duplicate });
      },
    );
  });

  app.get(
    '/api/v1/public/case-status',
    {
      schema: {
        tags: ['cases'],
        summary: 'Public status check: status, service and deadline of the case with this tracking code AND registration number (no personal data; limited per IP)',
        description:
          'As the receipt writes them: `code` the 8-character tracking code (ACDE-FGHJ, the hyphen optional), `number` the registration number (1234/22.11.2026, or just 1234). One that cannot be either answers 400 `tracking.public.code_format` / `tracking.public.number_format` (field `code` / `number`) without counting a try; a well-formed pair that matches no case answers 404 `tracking.status.not_found`; too many tries from one address 429 with `Retry-After`.',
        querystring: z.object({ code: z.string().max(100), number: z.string().max(100) }),
        response: { 200: PublicStatusResponse },
      },
    },
    async (request) => {
      // What cannot be on any receipt is said on its field, as the page does, not answered "no such case".
      const fields: Record<string, string> = {};
      if (!normaliseTrackingCode(request.query.code)) fields.code = 'tracking.public.code_format';
      if (!parseRegistrationNumber(request.query.number)) fields.number = 'tracking.public.number_format';
      const first = Object.values(fields)[0];
      if (first) throw new AppError(first, 'invalid', {}, fields);
      const r = await checkCaseStatus(deps, { code: request.query.code, number: request.query.number, ip: request.ip });
      return { service: r.serviceName, number: registryNumberOf(r.number), status: r.status, statusLabel: request.t(`tracking.status.${r.status}`), deadline: r.deadline };
    },
  );
}
