import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { App } from '../../app.ts';
import { Button, Checkboxes, ErrorSummary, type FieldErrors, Form, H1, P, TextInput } from '../../platform/web/components.tsx';
import { translatedFieldErrors } from '../../platform/web/field-errors.ts';
import { can } from '../../platform/auth/permissions.ts';
import { AppError } from '../../platform/http/errors.ts';
import { confirmIdentity } from './confirm-identity.ts';
import { requireActor } from './guards.ts';
import type { IdentityDeps } from './module.ts';

export const CONFIRM_IDENTITY_PATH = '/birou/identitate';

const IdentityForm = z.object({
  email: z.string().max(254).optional(),
  cnp: z.string().max(40).optional(),
  idDocument: z.string().max(40).optional(),
  checked: z.string().max(10).optional(),
  _csrf: z.string().optional(),
});
type Values = z.infer<typeof IdentityForm>;

/** The registry confirms a person's identity at the counter (confirm-identity.ts), so they may file what needs it online. */
export function registerConfirmIdentityPages(app: App, deps: IdentityDeps): void {
  function render(request: FastifyRequest, reply: FastifyReply, values: Values = {}, errors: FieldErrors = {}, status = 200) {
    const { t } = request;
    const actor = requireActor(request);
    if (!actor.memberships.some((m) => can(actor, 'identity.verify', { institutionId: m.institutionId }))) throw new AppError('forbidden', 'forbidden');
    return reply.page(
      { title: t('identity.confirm.title'), hasErrors: Object.keys(errors).length > 0, status, backLink: { href: '/birou' } },
      <>
        <ErrorSummary title={t('common.error_summary_title')} errors={errors} />
        <H1 caption={t('identity.confirm.caption')}>{t('identity.confirm.title')}</H1>
        <P>{t('identity.confirm.lead')}</P>
        <Form action={CONFIRM_IDENTITY_PATH} csrfToken={request.csrfToken}>
          <TextInput name="email" type="email" spellcheck={false} autocomplete="off" label={t('identity.confirm.email')} hint={t('identity.confirm.email_hint')} value={values.email} error={errors.email} />
          <TextInput name="cnp" inputmode="numeric" width={20} spellcheck={false} autocomplete="off" label={t('identity.confirm.cnp')} value={values.cnp} error={errors.cnp} />
          <TextInput name="idDocument" width={10} spellcheck={false} autocomplete="off" label={t('identity.confirm.id_document')} hint={t('identity.confirm.id_document_hint')} value={values.idDocument} error={errors.idDocument} />
          <Checkboxes name="checked" legend={t('identity.confirm.check_legend')} small error={errors.checked} items={[{ value: 'da', label: t('identity.confirm.check') }]} />
          <Button>{t('identity.confirm.submit')}</Button>
        </Form>
      </>,
    );
  }

  app.get(CONFIRM_IDENTITY_PATH, { schema: { hide: true } }, (request, reply) => render(request, reply));

  app.post(CONFIRM_IDENTITY_PATH, { schema: { hide: true, body: IdentityForm } }, async (request, reply) => {
    const values = request.body;
    try {
      const r = await confirmIdentity(deps, requireActor(request), values);
      return reply.redirectWithFlash(CONFIRM_IDENTITY_PATH, request.t(r.replaced ? 'identity.confirm.done_replaced' : 'identity.confirm.done', { name: r.name, email: r.email }));
    } catch (err) {
      const errors = translatedFieldErrors(request.t, err);
      if (!errors) throw err;
      return render(request, reply, values, errors, 400);
    }
  });
}
