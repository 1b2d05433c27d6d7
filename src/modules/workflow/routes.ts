import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { App, AppDeps } from '../../app.ts';
import { TransactionId } from '../../platform/http/api-schema.ts';
import { LocalText } from '../catalog/domain/form-definition.ts';
import { requireActor } from '../identity/guards.ts';
import { actOnStep } from './act-on-step.ts';
import { WORKFLOW_ACTIONS, WorkflowDefinition } from './domain/workflow-definition.ts';
import { getCaseWorkflow } from './get-case-workflow.ts';
import { getServiceWorkflow, saveServiceWorkflow, WorkflowInvalid } from './manage-workflow.ts';
import { RegistryNumber, registryNumberOf } from '../registry/domain/registry-number.ts';

const security = [{ session: [], csrf: [] }];
const ErrorBody = z.object({
  error: z.object({ code: z.string(), message: z.string(), fields: z.record(z.string(), z.string()).optional() }),
  requestId: z.string(),
});
const Problem = z.object({ path: z.string(), code: z.string(), message: z.string() });
const CaseParams = z.object({ caseId: z.string().max(100) });
const ServiceParams = z.object({ institution: z.string().max(60).describe('Institution slug or id'), code: z.string().max(40) });

const ActionBody = z.object({
  action: z.enum(WORKFLOW_ACTIONS),
  step: z.string().max(40).describe('The step the client saw (from GET …/workflow)'),
  version: z.number().int().min(0).describe('The version the client saw: a case changed since answers 409'),
  transactionId: TransactionId,
  assigneeId: z.string().uuid().optional().describe('assign, reassign: who takes the case (assign may leave it out when the caller is one of the step\'s people: the caller takes it)'),
  departmentId: z.string().uuid().optional().describe('forward (default: the service’s department)'),
  returnTo: z.string().max(40).optional().describe('return: the earlier step (default: the nearest)'),
  text: z.string().max(5000).optional().describe('request_completion: what is missing; reject: the reason (on the answer’s route the reasons of the proposed refusal, officials only until the answer is issued); return: what the earlier step must redo (required; officials only, the applicant does not see it)'),
});
const ActionResult = z.object({
  status: z.string(),
  step: z.string(),
  stepName: LocalText,
  version: z.number().int(),
  assigneeId: z.string().nullable(),
  duplicate: z.boolean(),
  caseNumber: RegistryNumber,
});
const WorkflowView = z.object({
  custom: z.boolean(),
  assignment: z.string(),
  closed: z.boolean(),
  step: z.object({
    key: z.string(),
    name: LocalText,
    dueOn: z.string().nullable(),
    assignee: z.object({ id: z.string(), name: z.string() }).nullable(),
    departmentName: z.string().nullable(),
  }),
  version: z.number().int(),
  steps: z.array(z.object({ key: z.string(), name: LocalText, role: z.string().optional(), departmentCode: z.string().optional(), dueDays: z.number(), actions: z.array(z.string()), current: z.boolean(), applies: z.boolean() })),
  actions: z.array(z.enum(WORKFLOW_ACTIONS)),
  rejectProposes: z.boolean().describe('true: reject here proposes a refusal that goes on to approval and signing like an approval (the case stays open, the refusal becomes the answer); false: reject closes the case'),
  assignees: z.array(z.object({ id: z.string(), name: z.string() })),
  returnTargets: z.array(z.object({ key: z.string(), name: LocalText })),
  departments: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      depth: z.number().int().describe('levels below the top of the department tree (the list is in tree order, parents first)'),
      isService: z.boolean(),
      staffed: z.boolean().describe('false: nobody in the department could take a case forwarded there'),
      missingRole: z.string().nullable().describe('the role nobody holds there'),
    }),
  ),
  unstaffed: z.object({ role: z.string().nullable(), departmentName: z.string().nullable() }).nullable().describe('the case waits at a step nobody can take'),
});

/** JSON API of the workflow: a case's step and what the caller may do, acting at a step, a service's workflow. */
export function registerWorkflowRoutes(app: App, deps: AppDeps): void {
  app.get(
    '/api/v1/cases/:caseId/workflow',
    { schema: { tags: ['workflow'], summary: 'A case’s workflow step and the actions the caller may take', security, params: CaseParams, response: { 200: WorkflowView, 404: ErrorBody } } },
    async (request) => {
      const view = await getCaseWorkflow(deps, requireActor(request), request.params.caseId);
      return { ...view, steps: view.steps.map(({ when: _when, ...s }) => s) };
    },
  );

  app.post(
    '/api/v1/cases/:caseId/workflow-actions',
    {
      schema: {
        tags: ['workflow'],
        summary: 'Act at the case’s current step (assign, approve, sign, …); 409 when the case changed since `version`',
        security,
        params: CaseParams,
        body: ActionBody,
        response: { 200: ActionResult, 400: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody },
      },
    },
    async (request) => {
      const r = await actOnStep(deps, requireActor(request), { caseId: request.params.caseId, ...request.body, transactionId: request.body.transactionId ?? randomUUID() });
      return { ...r, caseNumber: registryNumberOf(r.caseNumber) };
    },
  );

  app.get(
    '/api/v1/workflows/:institution/:code',
    {
      schema: {
        tags: ['workflow'],
        summary: 'A service’s workflow (its own or the default)',
        security,
        params: ServiceParams,
        response: {
          200: z.object({
            custom: z.boolean(),
            workflow: WorkflowDefinition,
            problems: z.array(Problem).describe('what keeps a workflow stored before saving checked it from taking an answer to its issue (a signer without a step); empty when none'),
          }),
          403: ErrorBody,
          404: ErrorBody,
        },
      },
    },
    async (request) => {
      const wf = await getServiceWorkflow(deps, requireActor(request), request.params);
      const t = request.t;
      return { custom: wf.custom, workflow: wf.workflow, problems: wf.problems.map((p) => ({ path: p.path, code: p.code, message: t(`errors.${p.code}`, p.params) })) };
    },
  );

  app.put(
    '/api/v1/workflows/:institution/:code',
    {
      schema: {
        tags: ['workflow'],
        summary: 'Replace a service’s workflow (administrators)',
        security,
        params: ServiceParams,
        body: z.object({ workflow: z.unknown() }),
        response: { 200: z.object({ workflow: WorkflowDefinition }), 400: ErrorBody.extend({ problems: z.array(Problem).optional() }), 403: ErrorBody, 404: ErrorBody },
      },
    },
    async (request, reply) => {
      try {
        return { workflow: await saveServiceWorkflow(deps, requireActor(request), { ...request.params, definition: request.body.workflow }) };
      } catch (err) {
        if (!(err instanceof WorkflowInvalid)) throw err;
        const t = request.t;
        return reply.code(400).send({
          error: { code: err.code, message: t(`errors.${err.code}`, err.params) },
          requestId: request.id,
          problems: err.problems.map((p) => ({ path: p.path, code: p.code, message: t(`errors.${p.code}`, p.params) })),
        });
      }
    },
  );
}
