import type { T } from '../i18n/i18n.ts';

/**
 * 403, 404, 500, 503 and the other refusals: what happened, what the person can do next, and a reference. A refusal
 * that knows when to try again (`retryAt`: an hour's upload quota) says it in its message, so the generic advice —
 * "wait a few minutes" — is left out: it would be refused again. `back`, a path of this site checked by the caller,
 * leads back to the page the person was on (the draft whose file was refused, the form sent): what was saved waits there.
 */
export function ErrorPage(props: { status: number; message: string; requestId: string; t: T; retryAt?: Date; back?: string | null }) {
  const { t, status } = props;
  const known = [400, 403, 404, 409, 413, 429, 500, 503].includes(status) ? status : status >= 500 ? 500 : 400;
  return (
    <>
      <h1 class="govuk-heading-l">{t(`errors.page.${known}.title`)}</h1>
      <p class="govuk-body">{props.message}</p>
      {props.retryAt ? null : <p class="govuk-body">{t(`errors.page.${known}.next`)}</p>}
      <ul class="govuk-list">
        {props.back ? (
          <li>
            <a class="govuk-link" href={props.back}>
              {t('errors.page.back')}
            </a>
          </li>
        ) : null}
        <li>
          <a class="govuk-link" href="/">
            {t('errors.page.home')}
          </a>
        </li>
        {status === 404 ? (
          // An old link to a service (a leaflet, a search engine): the catalogue is where it is found again.
          <li>
            <a class="govuk-link" href="/servicii">
              {t('errors.page.services')}
            </a>
          </li>
        ) : null}
        <li>
          <a class="govuk-link" href="/contact">
            {t('errors.page.contact')}
          </a>
        </li>
      </ul>
      {status >= 500 ? (
        <p class="govuk-body-s">
          {t('errors.page.reference')}: <code>{props.requestId}</code>
        </p>
      ) : null}
    </>
  );
}
