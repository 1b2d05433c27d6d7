import type { App } from '../../app.ts';
import { registerMessages } from '../../platform/i18n/i18n.ts';
import { formatFileSize } from '../../platform/i18n/format.ts';
import { Button, FileUpload, Form, H1, P } from '../../platform/web/components.tsx';
import { requireActor } from './guards.ts';
import { getUnsentForm, UNSENT_FORM_PATH } from './keep-unsent-form.ts';
import type { IdentityDeps } from './module.ts';
import { unsentFormMessages } from './unsent-form-messages.ts';

/**
 * After signing in again: the page that was sent when the session had already timed out, offered to be sent again with
 * what was typed on it (hidden fields and a new CSRF token; works without JavaScript). Its own handler checks it
 * again as any post, so a mistake on it comes back as on its own page. A page that had files kept only its text: the
 * files are chosen again here, one field per file input of the page (named after the files chosen then), and the
 * page goes with them as it was sent, instead of arriving without them (a draft's question unanswered, a paper
 * registered without its scan) and the person left to notice.
 */
export function registerUnsentFormPages(app: App, deps: IdentityDeps): void {
  registerMessages('identity-unsent', unsentFormMessages);
  app.get<{ Params: { id: string } }>(`${UNSENT_FORM_PATH}/:id`, { schema: { hide: true } }, async (request, reply) => {
    const { t } = request;
    const row = await getUnsentForm(deps, requireActor(request), request.params.id);
    const files = Object.entries(row.files ?? {});
    const max = formatFileSize(deps.config.uploadLimitBytes, t.locale);
    return reply.page(
      { title: t('identity.unsent.title') },
      <>
        <H1>{t('identity.unsent.title')}</H1>
        <P>{t('identity.unsent.lead')}</P>
        {row.secretsLeftOut ? <P>{t('identity.unsent.secrets')}</P> : null}
        {files.length > 0 ? <P>{t('identity.unsent.files')}</P> : null}
        <Form action={row.action} csrfToken={request.csrfToken} multipart={row.files !== null}>
          {Object.entries(row.fields).flatMap(([name, value]) =>
            (Array.isArray(value) ? value : [value]).map((v, i) => <input key={`${name}.${i}`} type="hidden" name={name} value={v} />),
          )}
          {files.map(([name, chosen], i) => (
            <FileUpload
              key={name}
              id={`unsent-file-${i}`}
              name={name}
              label={t('identity.unsent.file_label', { names: chosen.filter(Boolean).join(', ') || name })}
              hint={t('identity.unsent.file_hint', { max })}
              multiple={chosen.length > 1}
              maxBytes={deps.config.uploadLimitBytes}
            />
          ))}
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
