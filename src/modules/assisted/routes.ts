import { z } from 'zod';
import type { App } from '../../app.ts';
import { ErrorBody, TransactionId } from '../../platform/http/api-schema.ts';
import { AppError } from '../../platform/http/errors.ts';
import { claimCase } from '../cases/claim-case.ts';
import { counterReceipt } from './counter-receipt.ts';
import { requireActor } from '../identity/guards.ts';
import { TWIN_MINUTES } from '../registry/register-entry.ts';
import { type RegistryDeps, registryInstitution } from '../registry/registry-scope.ts';
import { ID_DOCUMENT_TYPES } from './domain/assisted-person.ts';
import { translateFieldError } from './pages.tsx';
import { submitAssistedCase } from './submit-assisted-case.ts';
import { RegistryNumber, registryNumberOf } from '../registry/domain/registry-number.ts';

const security = [{ session: [], csrf: [] }];

const AssistedBody = z.object({
  institutionId: z.string().uuid().optional(),
  serviceCode: z.string().max(40),
  transactionId: TransactionId,
  person: z.object({
    firstName: z.string().max(100),
    lastName: z.string().max(100),
    cnp: z.string().max(20),
    idDocument: z.object({ type: z.enum(ID_DOCUMENT_TYPES), series: z.string().max(4).optional(), number: z.string().max(12) }),
    email: z.string().max(254).optional(),
    phone: z.string().max(30).optional(),
    address: z.string().max(300).optional(),
  }),
  answers: z
    .record(z.string(), z.union([z.string(), z.array(z.string())]))
    .describe('The service form as a browser posts it: question id → value (dates as `<id>-day`/`-month`/`-year`, groups as `<group>__<i>__<id>`)'),
  pageCount: z
    .number()
    .int()
    .min(1)
    .max(100_000)
    .optional()
    .describe('Number of sheets of the request handed in on paper, with its annexes: the register\'s "Număr de file" (left out: none recorded, as for a request filed online)'),
  scans: z
    .array(z.object({ filename: z.string().max(200), contentBase64: z.string() }))
    .max(10)
    .optional(),
  consents: z
    .array(z.string().max(40))
    .max(20)
    .optional()
    .describe("Ids of the service's documents the institution obtains itself (OUG 41/2016) that the person agreed, at the counter, it should obtain"),
  confirmTwin: z
    .boolean()
    .optional()
    .describe(
      `true: file it even though the caller filed the same service for the same applicant in the last ${TWIN_MINUTES} minutes, which otherwise answers 409 \`assisted.twin_recent\` naming that number (a call repeated without a transactionId opens no second case)`,
    ),
});

/** The counter form's field names, as this API's body names them. */
const API_FIELD: Record<string, string> = {
  pFirstName: 'person.firstName',
  pLastName: 'person.lastName',
  pCnp: 'person.cnp',
  pIdType: 'person.idDocument.type',
  pIdSeries: 'person.idDocument.series',
  pIdNumber: 'person.idDocument.number',
  pEmail: 'person.email',
  pPhone: 'person.phone',
  pAddress: 'person.address',
  pPageCount: 'pageCount',
  pScans: 'scans',
  pConsent: 'consents',
};

/** JSON API of the assisted channel and of attaching a counter case to one's account. */
export function registerAssistedRoutes(app: App, deps: RegistryDeps): void {
  app.post(
    '/api/v1/assisted/cases',
    {
      bodyLimit: Math.ceil(deps.config.uploadLimitBytes * 1.4) + 64 * 1024,
      schema: {
        tags: ['assisted'],
        summary: 'File a request at the counter for a person without an account (registry clerk)',
        description: `The same service for the same applicant filed again by the same clerk within ${TWIN_MINUTES} minutes answers 409 \`assisted.twin_recent\` unless \`confirmTwin\` is true; the same \`transactionId\` again answers 201 with the case it filed and \`duplicate: true\`.`,
        body: AssistedBody,
        security,
        response: {
          201: z.object({
            caseId: z.string().uuid(),
            trackingCode: z.string(),
            number: RegistryNumber,
            dueOn: z.string().nullable().describe('YYYY-MM-DD; null when the service expects no answer'),
            feeBani: z.number().int(),
            duplicate: z.boolean().describe('true: the case this transactionId filed before (a repeated call)'),
          }),
          400: ErrorBody,
          401: ErrorBody,
          403: ErrorBody,
          404: ErrorBody,
          409: ErrorBody,
        },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const b = request.body;
      const institutionId = registryInstitution(actor, 'assisted.submit', b.institutionId);
      const p = b.person;
      const raw = {
        ...b.answers,
        pFirstName: p.firstName,
        pLastName: p.lastName,
        pCnp: p.cnp,
        pIdType: p.idDocument.type,
        pIdSeries: p.idDocument.series ?? '',
        pIdNumber: p.idDocument.number,
        pEmail: p.email ?? '',
        pPhone: p.phone ?? '',
        pAddress: p.address ?? '',
        pPageCount: b.pageCount === undefined ? '' : String(b.pageCount),
        pConsent: b.consents ?? [],
        pConfirmTwin: b.confirmTwin ? 'yes' : '',
      };
      const r = await submitAssistedCase(deps, {
        actor,
        institutionId,
        serviceCode: b.serviceCode,
        raw,
        scans: (b.scans ?? []).map((s) => ({ filename: s.filename, bytes: new Uint8Array(Buffer.from(s.contentBase64, 'base64')) })),
        transactionId: b.transactionId,
        ip: request.ip,
        refuseTwin: true,
      });
      if (!r.ok) {
        const twin = r.errors.pConfirmTwin;
        if (twin) throw new AppError('assisted.twin_recent', 'conflict', twin.params, { confirmTwin: 'assisted.twin_recent' });
        // Each field as this request names it, with its code (the page's own form names are pFirstName, pCnp, …).
        const fields = Object.fromEntries(Object.entries(r.errors).map(([k, e]) => [API_FIELD[k] ?? k, e.key.replace(/^errors\./, '')]));
        // The message says the first problem in words (a virus in a scan, a wrong CNP), as the page does beside it.
        const first = Object.values(r.errors)[0]!;
        throw new AppError('assisted.form_invalid', 'invalid', { first: translateFieldError(request.t, first) }, fields);
      }
      return reply.code(201).send({ caseId: r.caseId, trackingCode: r.trackingCode, number: registryNumberOf(r.number), dueOn: r.dueOn, feeBani: r.feeBani, duplicate: r.duplicate });
    },
  );

  app.post(
    '/api/v1/me/claim-case',
    {
      schema: {
        tags: ['assisted'],
        summary: 'Attach a case filed at the counter to my account (tracking code, registration number and CNP must match)',
        body: z.object({ trackingCode: z.string().max(40), registryNumber: z.string().max(40), cnp: z.string().max(20).optional().describe('optional: the account’s own CNP is the one that must be on the case') }),
        security,
        response: {
          200: z.object({ caseId: z.string().uuid(), number: RegistryNumber, duplicate: z.boolean().describe('true: the case was already attached to this account (a repeated call)') }),
          400: ErrorBody,
          401: ErrorBody,
          429: ErrorBody,
        },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const r = await claimCase(deps, { actor, ...request.body });
      return { ...r, number: registryNumberOf(r.number) };
    },
  );

  app.get(
    '/api/v1/assisted/cases/:id/receipt.pdf',
    {
      schema: {
        tags: ['assisted'],
        summary: 'The receipt the person takes home from the counter (number, tracking code, due date, how to follow it), as PDF in the language of the call; for the registry that filed it',
        security: [{ session: [] }],
        params: z.object({ id: z.string().uuid() }),
        produces: ['application/pdf'],
        response: { 200: z.any().describe('application/pdf'), 401: ErrorBody, 403: ErrorBody, 404: ErrorBody },
      },
    },
    async (request, reply) => {
      const r = await counterReceipt(deps, { actor: requireActor(request), caseId: request.params.id, t: request.t });
      return reply
        .type('application/pdf')
        .header('content-disposition', `inline; filename="recipisa-${r.number.replace(/[/.]/g, '-')}.pdf"`)
        .send(Buffer.from(r.pdf));
    },
  );
}
