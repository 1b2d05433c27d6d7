import { normaliseTrackingCode, STATUS_CHECK_PATH } from '../../platform/ids/tracking-code.ts';
import { z } from 'zod';
import type { App, AppDeps } from '../../app.ts';
import { AppError, retryAfter } from '../../platform/http/errors.ts';
import { ErrorSummary, type FieldErrors, Form, H1, P, SummaryList, TextInput, Button } from '../../platform/web/components.tsx';
import { checkCaseStatus, type PublicStatus } from './check-case-status.ts';
import { parseRegistrationNumber } from './domain/status-query.ts';
import { Deadline, StatusTag } from './views.tsx';


const Query = z.object({ cod: z.string().max(100).optional(), numar: z.string().max(100).optional() });

/**
 * The public status check. A GET form (nothing changes), so the QR on a receipt can link to
 * `/verificare-cerere?cod=TRACKING` and pre-fill the code; the check runs when both fields are sent.
 */
export function registerPublicPages(app: App, deps: AppDeps): void {
  app.get(STATUS_CHECK_PATH, { schema: { hide: true, querystring: Query } }, async (request, reply) => {
    const { t } = request;
    const code = request.query.cod?.trim() ?? '';
    const number = request.query.numar?.trim() ?? '';
    const asked = request.query.numar !== undefined;
    const errors: FieldErrors = {};
    let result: PublicStatus | null = null;
    let notFound: string | null = null;
    let status = 200;
    if (asked) {
      // What cannot be on any receipt is said on its field (it reveals nothing), instead of "not found" for both.
      if (!code) errors.cod = t('tracking.public.required_code');
      else if (!normaliseTrackingCode(code)) errors.cod = t('tracking.public.code_format');
      if (!number) errors.numar = t('tracking.public.required_number');
      else if (!parseRegistrationNumber(number)) errors.numar = t('tracking.public.number_format');
      if (Object.keys(errors).length === 0) {
        try {
          result = await checkCaseStatus(deps, { code, number, ip: request.ip });
        } catch (err) {
          if (!(err instanceof AppError) || (err.kind !== 'not_found' && err.kind !== 'rate_limited')) throw err;
          notFound = t(`errors.${err.code}`, err.params);
          status = err.kind === 'rate_limited' ? 429 : 404;
          retryAfter(reply, err);
        }
      } else status = 400;
    }
    const summaryErrors: FieldErrors = notFound ? { cod: notFound } : errors;
    return reply.page(
      // A result is a new page for a screen reader: its title says so, and the result takes the focus (app.js).
      { title: result ? t('tracking.public.result_title', { number: result.number }) : t('tracking.public.title'), hasErrors: Object.keys(summaryErrors).length > 0, status },
      <>
        <ErrorSummary title={t('common.error_summary_title')} errors={summaryErrors} />
        <H1>{t('tracking.public.title')}</H1>
        {result ? (
          <section aria-labelledby="rezultat" tabindex={-1} data-focus-on-load="true">
            <h2 class="govuk-heading-m" id="rezultat">
              {t('tracking.public.result')}
            </h2>
            <SummaryList
              rows={[
                { key: t('tracking.case.service'), value: result.serviceName[t.locale] },
                { key: t('tracking.case.number'), value: result.number },
                { key: t('tracking.case.status'), value: <StatusTag t={t} status={result.status} /> },
                { key: t('tracking.case.deadline'), value: <Deadline t={t} deadline={result.deadline} /> },
              ]}
            />
            <P size="s">{t('tracking.public.privacy')}</P>
          </section>
        ) : null}
        <P>{t('tracking.public.lead')}</P>
        <Form action={STATUS_CHECK_PATH} csrfToken={request.csrfToken} method="get">
          <TextInput name="cod" label={t('tracking.public.code')} hint={t('tracking.public.code_hint')} value={code} error={errors.cod} width={10} autocomplete="off" spellcheck={false} />
          <TextInput name="numar" label={t('tracking.public.number')} hint={t('tracking.public.number_hint')} value={number} error={errors.numar} width={20} autocomplete="off" />
          <Button>{t('tracking.public.submit')}</Button>
        </Form>
      </>,
    );
  });
}
