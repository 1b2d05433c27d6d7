import type { App } from '../../app.ts';
import { registerMessages } from '../../platform/i18n/i18n.ts';
import { Button, Form, H1, P } from '../../platform/web/components.tsx';
import { requireActor } from './guards.ts';
import { getUnsentForm, UNSENT_FORM_PATH } from './keep-unsent-form.ts';
import type { IdentityDeps } from './module.ts';
import { unsentFormMessages } from './unsent-form-messages.ts';

/**
 * After signing in again: the page that was sent when the session had already timed out, offered to be sent again with
 * what was typed on it (hidden fields and a new CSRF token; works without JavaScript). Its own handler checks it
 * again as any post, so a mistake on it comes back as on its own page.
 */
export function registerUnsentFormPages(app: App, deps: IdentityDeps): void {
  registerMessages('identity-unsent', unsentFormMessages);
  app.get<{ Params: { id: string } }>(`${UNSENT_FORM_PATH}/:id`, { schema: { hide: true } }, async (request, reply) => {
    const { t } = request;
    const row = await getUnsentForm(deps, requireActor(request), request.params.id);
    return reply.page(
      { title: t('identity.unsent.title') },
      <>
        <H1>{t('identity.unsent.title')}</H1>
        <P>{t('identity.unsent.lead')}</P>
        {row.secretsLeftOut ? <P>{t('identity.unsent.secrets')}</P> : null}
        <Form action={row.action} csrfToken={request.csrfToken}>
          {Object.entries(row.fields).flatMap(([name, value]) =>
            (Array.isArray(value) ? value : [value]).map((v, i) => <input key={`${name}.${i}`} type="hidden" name={name} value={v} />),
          )}
          <div class="govuk-button-group">
            <Button>{t('identity.unsent.send')}</Button>
            <a class="govuk-link" href={row.back ?? '/cont'}>
              {t('identity.unsent.not_now')}
            </a>
          </div>
        </Form>
      </>,
    );
  });
}
