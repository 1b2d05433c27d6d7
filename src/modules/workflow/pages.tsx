import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { App, AppDeps } from '../../app.ts';
import { Button, ErrorSummary, type FieldErrors, Form, H1, P, Textarea } from '../../platform/web/components.tsx';
import { requireActor } from '../identity/guards.ts';
import { getServiceWorkflow, saveServiceWorkflow, WorkflowInvalid } from './manage-workflow.ts';
import { WorkflowPreview, WorkflowProblems } from './views.tsx';

export const workflowAdminPath = (institution: string, code: string) => `/admin/fluxuri/${institution}/${code}`;

const Params = z.object({ institution: z.string().max(60), code: z.string().max(40) });
const Body = z.object({ definition: z.string().max(100_000), _csrf: z.string().optional() });

/** The administrator's editor of a service's workflow: the JSON and a readable preview of the steps. */
export function registerWorkflowPages(app: App, deps: AppDeps): void {
  async function render(request: FastifyRequest, reply: FastifyReply, params: z.infer<typeof Params>, typed?: string, problems: string[] = []) {
    const actor = requireActor(request);
    const { t } = request;
    const wf = await getServiceWorkflow(deps, actor, params);
    const errors: FieldErrors = problems.length ? { definition: problems.join('; ') } : {};
    return reply.page(
      { title: t('workflow.admin.title', { service: wf.service.name[t.locale] }), width: 'wide', hasErrors: problems.length > 0, status: problems.length ? 400 : 200, backLink: { href: '/admin' } },
      <>
        <ErrorSummary title={t('workflow.admin.error_title')} errors={errors} />
        <H1 caption={`${t('workflow.admin.caption')} — ${wf.institution.name}`}>{t('workflow.admin.title', { service: wf.service.name[t.locale] })}</H1>
        <P>{wf.custom ? t('workflow.admin.custom') : t('workflow.admin.default')}</P>
        <WorkflowProblems t={t} problems={wf.problems} />
        <h2 class="govuk-heading-m">{t('workflow.admin.preview')}</h2>
        <WorkflowPreview t={t} workflow={wf.workflow} />
        <Form action={workflowAdminPath(params.institution, params.code)} csrfToken={request.csrfToken}>
          <Textarea
            id="definition"
            name="definition"
            label={t('workflow.admin.definition')}
            hint={
              <>
                {t('workflow.admin.definition_hint')} {t('workflow.admin.questions', { ids: wf.questionIds.join(', ') })}{' '}
                {t('workflow.admin.departments', { codes: wf.departments.map((d) => d.code).join(', ') })}
              </>
            }
            value={typed ?? JSON.stringify(wf.workflow, null, 2)}
            error={errors.definition}
            rows={30}
            spellcheck={false}
          />
          <Button>{t('workflow.admin.save')}</Button>
        </Form>
      </>,
    );
  }

  app.get('/admin/fluxuri/:institution/:code', { schema: { hide: true, params: Params } }, async (request, reply) => render(request, reply, request.params));

  app.post('/admin/fluxuri/:institution/:code', { schema: { hide: true, params: Params, body: Body } }, async (request, reply) => {
    const actor = requireActor(request);
    try {
      await saveServiceWorkflow(deps, actor, { ...request.params, definition: request.body.definition });
    } catch (err) {
      if (!(err instanceof WorkflowInvalid)) throw err;
      const t = request.t;
      const problems = err.problems.map((p) => t('workflow.problem', { path: p.path || '—', message: t(`errors.${p.code}`, p.params) }));
      return render(request, reply, request.params, request.body.definition, problems);
    }
    return reply.redirectWithFlash(workflowAdminPath(request.params.institution, request.params.code), request.t('workflow.admin.saved'));
  });
}
