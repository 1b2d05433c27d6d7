import { z } from 'zod';
import type { App, AppDeps } from '../../app.ts';
import { LocalText } from '../catalog/domain/form-definition.ts';
import { requireActor } from '../identity/guards.ts';
import { RegistryNumber, registryNumber } from '../registry/domain/registry-number.ts';
import { INBOX_COLUMNS, WORKFLOW_QUICK_ACTIONS } from './domain/inboxes.ts';
import { countInboxes, listInboxPage } from './list-inbox.ts';

const security = [{ session: [], csrf: [] }];
const ErrorBody = z.object({
  error: z.object({ code: z.string(), message: z.string(), fields: z.record(z.string(), z.string()).optional() }),
  requestId: z.string(),
});
const InstitutionQuery = z.object({ institutionId: z.string().uuid().optional() });

const InboxSummary = z.object({
  id: z.string(),
  name: z.string(),
  count: z.number().int().describe('Capped at 1000'),
  columns: z.array(z.enum(INBOX_COLUMNS)),
  quickAction: z
    .object({ action: z.enum(WORKFLOW_QUICK_ACTIONS), label: z.string() })
    .nullable()
    .describe('assign: send `assigneeId`, the official who takes the case (the caller to take it themselves)'),
});

const Line = z.object({
  caseId: z.string(),
  number: RegistryNumber,
  trackingCode: z.string(),
  status: z.string(),
  applicantName: z.string(),
  submittedAt: z.string(),
  service: z.object({ code: z.string(), name: LocalText }),
  step: z.string().nullable().describe('Send it back with `version` when acting'),
  stepName: LocalText.nullable(),
  stepDueOn: z.string().nullable(),
  dueOn: z.string().nullable().describe('The legal deadline for the answer (null: the service expects none); "overdue" and "due-soon" inboxes count it as well as the step\'s day'),
  version: z.number().int(),
  assigneeName: z.string().nullable(),
});

/** JSON API of the inboxes: the list with counts, one inbox's page (search and filters as on the pages). */
export function registerInboxRoutes(app: App, deps: AppDeps): void {
  app.get(
    '/api/v1/inboxes',
    { schema: { tags: ['inbox'], summary: 'The caller’s inboxes with the number of cases in each', security, querystring: InstitutionQuery, response: { 200: z.object({ inboxes: z.array(InboxSummary) }), 403: ErrorBody } } },
    async (request) => {
      const counts = await countInboxes(deps, requireActor(request), { institutionId: request.query.institutionId });
      return {
        inboxes: counts.map(({ inbox, count }) => ({
          id: inbox.id,
          name: request.t(inbox.nameKey),
          count,
          columns: [...inbox.columns],
          quickAction: inbox.quickAction ? { action: inbox.quickAction.action, label: request.t(inbox.quickAction.labelKey) } : null,
        })),
      };
    },
  );

  app.get(
    '/api/v1/inboxes/:inboxId',
    {
      schema: {
        tags: ['inbox'],
        summary: 'One page of an inbox (25 cases); `q` finds a registration number, name (diacritics ignored), CNP, CUI or tracking code',
        security,
        params: z.object({ inboxId: z.string().max(40) }),
        querystring: InstitutionQuery.extend({ q: z.string().max(100).optional(), service: z.string().max(40).optional(), page: z.coerce.number().int().min(1).max(100_000).optional() }),
        response: { 200: z.object({ inbox: z.string(), total: z.number().int(), page: z.number().int(), pageCount: z.number().int(), cases: z.array(Line) }), 403: ErrorBody, 404: ErrorBody },
      },
    },
    async (request) => {
      const { institutionId, q, service, page } = request.query;
      const r = await listInboxPage(deps, requireActor(request), { inboxId: request.params.inboxId, institutionId, q, service, page });
      return {
        inbox: r.inbox.id,
        total: r.total,
        page: r.page,
        pageCount: r.pageCount,
        cases: r.lines.map((l) => ({
          caseId: l.id,
          number: registryNumber(l.number, l.registeredOn),
          trackingCode: l.trackingCode,
          status: l.status,
          applicantName: l.applicantName,
          submittedAt: l.submittedAt.toISOString(),
          service: { code: l.serviceCode, name: l.serviceName },
          step: l.currentStep,
          stepName: l.stepName,
          stepDueOn: l.stepDueOn,
          dueOn: l.dueOn,
          version: l.stepSeq,
          assigneeName: l.assigneeName,
        })),
      };
    },
  );
}
