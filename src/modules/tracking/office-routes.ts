import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { App } from '../../app.ts';
import { registerPaperWithdrawal } from '../cases/register-paper-withdrawal.ts';
import { TERM_EXTENSION_DAYS } from '../cases/domain/case-state.ts';
import { extendCaseTerm } from '../cases/extend-case-term.ts';
import { getCaseForOfficial } from '../cases/get-case-for-official.ts';
import { requestCompletion } from '../cases/request-completion.ts';
import { sendCaseMessage } from '../cases/send-case-message.ts';
import { requireActor } from '../identity/guards.ts';
import type { TrackingDeps } from './module.ts';
import { ActionResult, actionResult, CaseDetailResponse, caseAnswer, detailJson, MessageResult, messageResult, TransactionId } from './routes.ts';
import { RegistryNumber, registryNumberOf } from '../registry/domain/registry-number.ts';
import { asApiScanError } from '../registry/check-scans.ts';

const CaseParams = z.object({ caseId: z.string().max(100) });

const OfficialCaseResponse = CaseDetailResponse.extend({
  applicant: z
    .object({
      kind: z.enum(['person', 'company']),
      name: z.string(),
      cnp: z.string().nullable(),
      cui: z.string().nullable(),
      email: z.string().nullable(),
      phone: z.string().nullable(),
      address: z.string().nullable(),
      idDocument: z.string().nullable().describe('Counter requests: the identity document the clerk checked'),
    })
    .describe('Who applied and how to reach them (reading it is recorded in the applicant’s access log)'),
  channel: z.enum(['online', 'counter', 'email', 'post']),
  may: z
    .object({
      message: z.boolean(),
      requestCompletion: z.boolean(),
      extend: z.boolean(),
      redirect: z.boolean().describe('Send the petition on to the competent institution (POST …/redirection)'),
      join: z.boolean().describe('Join the petition to an earlier one of the same petitioner (POST …/join)'),
      registerWithdrawal: z.boolean().describe('Register a withdrawal brought on paper (POST …/withdrawals)'),
    })
    .describe('What this official may do on the case now: exactly what the case page offers them'),
});

/**
 * The official's side of a case through the API, as on `/birou/dosare/:id`: read it (audited, like the page), write to
 * the applicant, ask for missing documents, extend a petition's term. The workflow's own steps are under
 * `/api/v1/cases/:caseId/workflow…`, the answer document under `/api/v1/cases/:caseId/answer…`.
 */
export function registerOfficeCaseRoutes(app: App, deps: TrackingDeps): void {
  app.get(
    '/api/v1/cases/:caseId',
    {
      schema: {
        tags: ['cases'],
        summary: 'A case as the official handling it sees it: status, deadline, history, documents, answers and the applicant (audited read)',
        security: [{ session: [] }],
        params: CaseParams,
        response: { 200: OfficialCaseResponse },
      },
    },
    async (request) => {
      const detail = await getCaseForOfficial(deps, requireActor(request), request.params.caseId);
      const a = detail.applicant;
      return {
        ...detailJson(request.t, detail, await caseAnswer(deps, detail), 'official'),
        applicant: {
          kind: a.kind,
          name: a.name,
          cnp: a.cnp ?? null,
          cui: a.cui ?? null,
          email: a.email ?? null,
          phone: a.phone ?? null,
          address: a.address ?? null,
          idDocument: a.idDocument ?? null,
        },
        channel: detail.channel,
        may: detail.may,
      };
    },
  );

  app.post(
    '/api/v1/cases/:caseId/messages',
    {
      schema: {
        tags: ['cases'],
        summary: 'Writes to the applicant in the case’s thread (e-mailed to them)',
        security: [{ session: [], csrf: [] }],
        params: CaseParams,
        body: z.object({ text: z.string().max(20_000), transactionId: TransactionId }),
        response: { 201: MessageResult },
      },
    },
    async (request, reply) => {
      const r = await sendCaseMessage(deps, requireActor(request), { caseId: request.params.caseId, text: request.body.text, transactionId: request.body.transactionId ?? randomUUID() });
      return reply.code(201).send(messageResult(request.t, r));
    },
  );

  app.post(
    '/api/v1/cases/:caseId/completion-requests',
    {
      schema: {
        tags: ['cases'],
        summary: 'Asks the applicant for missing documents, saying which (OUG 27/2003: asked in time, it extends the term); the case waits for the applicant',
        security: [{ session: [], csrf: [] }],
        params: CaseParams,
        body: z.object({ text: z.string().max(20_000), transactionId: TransactionId }),
        response: { 201: ActionResult.extend({ dueOn: z.string().nullable() }) },
      },
    },
    async (request, reply) => {
      const r = await requestCompletion(deps, requireActor(request), { caseId: request.params.caseId, text: request.body.text, transactionId: request.body.transactionId ?? randomUUID() });
      return reply.code(201).send({ ...actionResult(request.t, r), dueOn: r.dueOn });
    },
  );

  app.post(
    '/api/v1/cases/:caseId/extensions',
    {
      schema: {
        tags: ['cases'],
        summary: `Extends a petition’s term once, by 1 to ${TERM_EXTENSION_DAYS.petition} days (OG 27/2002 art. 9), or a public-information request’s by 1 to ${TERM_EXTENSION_DAYS.information} days, to at most 30 days from registration (Legea 544/2001 art. 7), with a reason, before the term runs out; the applicant is e-mailed`,
        security: [{ session: [], csrf: [] }],
        params: CaseParams,
        body: z.object({ days: z.number().int(), reason: z.string().max(20_000), transactionId: TransactionId }),
        response: { 201: z.object({ dueOn: z.string().describe('YYYY-MM-DD, the new last valid day'), duplicate: z.boolean() }) },
      },
    },
    async (request, reply) => {
      const r = await extendCaseTerm(deps, requireActor(request), {
        caseId: request.params.caseId,
        days: request.body.days,
        reason: request.body.reason,
        transactionId: request.body.transactionId ?? randomUUID(),
      });
      return reply.code(201).send(r);
    },
  );

  app.post(
    '/api/v1/cases/:caseId/withdrawals',
    {
      bodyLimit: Math.ceil(deps.config.uploadLimitBytes * 1.4) + 64 * 1024,
      schema: {
        tags: ['cases'],
        summary:
          'The registry records a withdrawal the applicant brought on paper: checks `identity` (the CNP, or the CUI of a company’s request) against the case, registers the paper (incoming, counter, linked to the case) and withdraws the case; the applicant is e-mailed. 400 `validation` with `fields` (identity, identityChecked, reason, pageCount, scan); 409 when the case can no longer be withdrawn',
        security: [{ session: [], csrf: [] }],
        params: CaseParams,
        body: z.object({
          identity: z.string().max(40).optional().describe('Required when the case has a CNP or CUI'),
          identityChecked: z.literal(true).describe('The clerk checked the identity document (and, for a company, the mandate)'),
          reason: z.string().max(1000),
          pageCount: z.number().int().min(1).max(100_000).optional().describe('The register’s "Număr de file" of the paper'),
          scans: z
            .array(z.object({ filename: z.string().max(200), contentBase64: z.string() }))
            .max(10)
            .optional()
            .describe('The signed paper, scanned: PDF, JPEG or PNG, recognised by content, kept with the withdrawal’s registry entry'),
          transactionId: TransactionId,
        }),
        response: { 201: z.object({ status: z.string(), number: RegistryNumber.nullable().describe('The withdrawal’s registration number, null when it was already recorded'), duplicate: z.boolean() }) },
      },
    },
    async (request, reply) => {
      const b = request.body;
      const scans = (b.scans ?? []).map((s) => ({ filename: s.filename, bytes: new Uint8Array(Buffer.from(s.contentBase64, 'base64')) }));
      const r = await registerPaperWithdrawal(deps, requireActor(request), { caseId: request.params.caseId, identity: b.identity, identityChecked: b.identityChecked, reason: b.reason, pageCount: b.pageCount, scans, transactionId: b.transactionId ?? randomUUID() }).catch(
        (err) => {
          throw asApiScanError(err);
        },
      );
      return reply.code(201).send({ status: r.status, number: r.number ? registryNumberOf(r.number) : null, duplicate: r.duplicate });
    },
  );
}
