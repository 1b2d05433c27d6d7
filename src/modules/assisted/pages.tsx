import fastifyMultipart from '@fastify/multipart';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { App } from '../../app.ts';
import { AppError, retryAfter } from '../../platform/http/errors.ts';
import { dueDayText } from '../cases/due-day.ts';
import { feeText } from '../cases/fee-text.ts';
import { hasMessage, type T } from '../../platform/i18n/i18n.ts';
import { formatFileSize } from '../../platform/i18n/format.ts';
import { formatTrackingCode, statusCheckPath } from '../../platform/ids/tracking-code.ts';
import { Button, Checkboxes, ErrorSummary, type FieldErrors, FileUpload, Form, H1, InsetText, P, Panel, Select, SummaryList, TextInput } from '../../platform/web/components.tsx';
import type { FieldError } from '../catalog/domain/validate-answers.ts';
import { claimCase } from '../cases/claim-case.ts';
import { getCounterCase } from '../cases/get-counter-case.ts';
import { requireActor } from '../identity/guards.ts';
import { formFields } from '../identity/web.ts';
import { multipartBody, readMultipartForm, SESSION_ENDED_CONFIG } from '../registry/multipart.ts';
import { sortScans } from '../registry/check-scans.ts';
import { type KeptScan, keepScans, scansKept } from '../registry/kept-scans.ts';
import { KeptScansNote } from '../registry/kept-scans-note.tsx';
import { KeepTyped } from '../../platform/web/keep-typed.tsx';
import { type RegistryDeps, registryInstitution } from '../registry/registry-scope.ts';
import { counterReceipt } from './counter-receipt.ts';
import { ID_DOCUMENT_TYPES } from './domain/assisted-person.ts';
import { fieldAnchor, ServiceFormFields } from './form-fields.tsx';
import { getCounterService, listCounterServices } from './list-counter-services.ts';
import { submitAssistedCase } from './submit-assisted-case.ts';
import { counterWording, summaryLabel } from '../catalog/domain/form-definition.ts';
import { issuerName } from '../catalog/domain/service-definition.ts';

export const COUNTER_PATH = '/birou/ghiseu';
export const CLAIM_PATH = '/cont/revendica-cerere';
const CodeParams = z.object({ code: z.string().regex(/^[A-Z][A-Z0-9-]{1,30}$/) });
const IdParams = z.object({ id: z.string().uuid() });
const ClaimForm = z.looseObject({ trackingCode: z.string().max(40).optional(), registryNumber: z.string().max(40).optional(), cnp: z.string().max(40).optional() });

/** A form error as the page shows it: the catalogue's messages when registered, else this area's own wording. */
export function translateFieldError(t: T, e: FieldError): string {
  return hasMessage(e.key) ? t(e.key, e.params) : t(`assisted.${e.key}`, e.params);
}

const flat = (fields: Record<string, string | string[]>) =>
  Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, v])) as Record<string, unknown>;

function PersonFields(props: { t: T; values: Record<string, unknown>; errors: FieldErrors }) {
  const { t, values, errors } = props;
  const v = (k: string) => (typeof values[k] === 'string' ? (values[k] as string) : undefined);
  return (
    <section class="govuk-!-margin-bottom-6">
      <h2 class="govuk-heading-m">{t('assisted.person.heading')}</h2>
      <P>{t('assisted.person.intro')}</P>
      {/* The clerk starts typing the person's name at once (focus on load); with errors the summary takes the focus. */}
      <TextInput
        name="pLastName"
        label={t('assisted.person.last_name')}
        value={v('pLastName')}
        error={errors.pLastName}
        spellcheck={false}
        autofocus={Object.keys(errors).length === 0}
      />
      <TextInput name="pFirstName" label={t('assisted.person.first_name')} value={v('pFirstName')} error={errors.pFirstName} spellcheck={false} />
      <TextInput name="pCnp" label={t('assisted.person.cnp')} value={v('pCnp')} error={errors.pCnp} inputmode="numeric" width={20} spellcheck={false} />
      <Select
        name="pIdType"
        label={t('assisted.person.id_type')}
        value={v('pIdType')}
        error={errors.pIdType}
        errorPrefix={t('common.error')}
        options={[{ value: '', label: t('assisted.form.choose') }, ...ID_DOCUMENT_TYPES.map((d) => ({ value: d, label: t(`assisted.id_type.${d}`) }))]}
      />
      <TextInput name="pIdSeries" label={t('assisted.person.id_series')} hint={t('assisted.person.id_series_hint')} value={v('pIdSeries')} error={errors.pIdSeries} width={4} spellcheck={false} />
      <TextInput name="pIdNumber" label={t('assisted.person.id_number')} value={v('pIdNumber')} error={errors.pIdNumber} width={10} spellcheck={false} />
      <TextInput name="pEmail" type="email" label={t('assisted.person.email')} value={v('pEmail')} error={errors.pEmail} width={30} spellcheck={false} />
      <TextInput name="pPhone" type="tel" label={t('assisted.person.phone')} value={v('pPhone')} error={errors.pPhone} width={20} />
      <TextInput name="pAddress" label={t('assisted.person.address')} hint={t('assisted.person.contact_hint')} value={v('pAddress')} error={errors.pAddress} />
    </section>
  );
}

async function renderServiceForm(
  deps: RegistryDeps,
  request: FastifyRequest,
  reply: FastifyReply,
  code: string,
  values: Record<string, unknown>,
  errors: Record<string, FieldError>,
  status = 200,
  kept: KeptScan[] = [],
) {
  const actor = requireActor(request);
  const t = request.t;
  const institutionId = registryInstitution(actor, 'assisted.submit');
  const service = await getCounterService(deps, { actor, institutionId, code });
  const def = service.definition;
  // The clerk reads the form's counter wording ("Datele solicitantului"), not the words addressed to the applicant.
  const form = counterWording(def.form);
  // Documents the city hall may obtain itself (OUG 41/2016): the clerk records whether the person agrees, per document.
  const fetched = def.documents.filter((d) => d.fetchedByInstitution);
  const translated: FieldErrors = Object.fromEntries(Object.entries(errors).map(([k, e]) => [k, translateFieldError(t, e)]));
  // The summary names the question of each message ("Alegeți una dintre opțiuni" alone does not say which).
  const questions = new Map(form.pages.flatMap((p) => p.items).map((i) => [i.id, i]));
  const summary: FieldErrors = Object.fromEntries(
    Object.entries(translated).map(([k, message]) => {
      const q = questions.get(k);
      return [k, q && q.type !== 'declaration' ? t('assisted.error_for', { label: summaryLabel(q.label[t.locale]), message }) : message];
    }),
  );
  const anchors = Object.fromEntries(Object.keys(errors).map((k) => [k, fieldAnchor(form, k)]));
  return reply.page(
    { title: def.name[t.locale], hasErrors: Object.keys(errors).length > 0, status, backLink: { href: COUNTER_PATH } },
    <>
      <ErrorSummary title={t('assisted.error_title')} errors={summary} fieldIds={anchors} />
      <H1 caption={t('assisted.title')}>{def.name[t.locale]}</H1>
      <InsetText>{t('assisted.form.intro')}</InsetText>
      <KeepTyped notice={t('registry.form.typed_restored')}>
        <Form action={`${COUNTER_PATH}/servicii/${def.code}`} csrfToken={request.csrfToken} multipart>
          <PersonFields t={t} values={values} errors={translated} />
          <ServiceFormFields t={t} form={form} values={values} errors={translated} map={deps.config.map} />
          <section class="govuk-!-margin-bottom-6">
            <h2 class="govuk-heading-m">{t('assisted.scans.heading')}</h2>
            {def.documents.length ? (
              <ul class="govuk-list govuk-list--bullet">
                {def.documents.map((d) => (
                  <li key={d.id}>
                    {d.name[t.locale]}
                    {d.required ? '' : ` ${t('assisted.form.optional')}`}
                    {d.fetchedByInstitution ? ` — ${t('assisted.scans.fetched')}` : ''}
                  </li>
                ))}
              </ul>
            ) : null}
            {fetched.length ? (
              <Checkboxes
                name="pConsent"
                legend={t('assisted.consent.legend')}
                hint={t('assisted.consent.hint')}
                values={values.pConsent}
                small
                items={fetched.map((d) => ({
                  value: d.id,
                  label: d.issuer ? t('assisted.consent.item_from', { document: d.name[t.locale], issuer: issuerName(d.issuer, t.locale) }) : d.name[t.locale],
                }))}
              />
            ) : null}
            <TextInput name="pPageCount" label={t('assisted.pages.label')} hint={t('assisted.pages.hint')} value={typeof values.pPageCount === 'string' ? values.pPageCount : undefined} error={translated.pPageCount} inputmode="numeric" width={4} />
            <KeptScansNote t={t} name="pKeptScans" token={typeof values.pKeptScans === 'string' ? values.pKeptScans : ''} kept={kept} />
            <FileUpload name="pScans" label={t('assisted.scans.label')} hint={t('assisted.scans.hint', { max: formatFileSize(deps.config.uploadLimitBytes, t.locale) })} error={translated.pScans} accept=".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png" multiple maxBytes={deps.config.uploadLimitBytes} />
          </section>
          {errors.pConfirmTwin || values.pConfirmTwin ? (
            <Checkboxes
              name="pConfirmTwin"
              legend={t('assisted.twin.legend')}
              error={translated.pConfirmTwin}
              errorPrefix={t('common.error')}
              items={[{ value: 'yes', label: t('assisted.twin.confirm') }]}
              values={values.pConfirmTwin}
            />
          ) : null}
          <Button>{t('assisted.form.submit')}</Button>
        </Form>
      </KeepTyped>
    </>,
  );
}

function renderClaim(request: FastifyRequest, reply: FastifyReply, values: Record<string, string>, error: string | null, status = 200) {
  const t = request.t;
  const errors: FieldErrors = error ? { trackingCode: error } : {};
  return reply.page(
    { title: t('assisted.claim.title'), hasErrors: Boolean(error), status, backLink: { href: '/cont' } },
    <>
      <ErrorSummary title={t('assisted.error_title')} errors={errors} />
      <H1>{t('assisted.claim.title')}</H1>
      <P>{t('assisted.claim.intro')}</P>
      <Form action={CLAIM_PATH} csrfToken={request.csrfToken}>
        <TextInput name="trackingCode" label={t('assisted.claim.tracking_code')} hint={t('assisted.claim.tracking_code_hint')} value={values.trackingCode} error={error ?? undefined} width={10} spellcheck={false} />
        <TextInput name="registryNumber" label={t('assisted.claim.registry_number')} hint={t('assisted.claim.registry_number_hint')} value={values.registryNumber} width={20} spellcheck={false} />
        <Button>{t('assisted.claim.submit')}</Button>
      </Form>
    </>,
  );
}

/** The counter (assisted channel) pages of the clerk, and the citizen's page to attach a counter case to the account. */
export function registerAssistedPages(app: App, deps: RegistryDeps): void {
  app.get(COUNTER_PATH, { schema: { hide: true, querystring: z.looseObject({ q: z.string().max(100).optional() }) } }, async (request, reply) => {
    const actor = requireActor(request);
    const t = request.t;
    const institutionId = registryInstitution(actor, 'assisted.submit');
    const query = request.query.q?.trim() ?? '';
    const services = await listCounterServices(deps, { actor, institutionId, query });
    return reply.page(
      { title: t('assisted.title') },
      <>
        <H1>{t('assisted.title')}</H1>
        <P>{t('assisted.intro')}</P>
        <Form action={COUNTER_PATH} csrfToken="" method="get">
          <TextInput name="q" type="search" label={t('assisted.search.label')} value={query} />
          <Button variant="secondary">{t('assisted.search.submit')}</Button>
        </Form>
        {services.length === 0 ? (
          <InsetText>{t('assisted.search.none')}</InsetText>
        ) : (
          <ul class="govuk-list">
            {services.map((s) => (
              <li key={s.serviceId}>
                <a class="govuk-link" href={`${COUNTER_PATH}/servicii/${s.definition.code}`}>
                  {s.definition.name[t.locale]}
                </a>
              </li>
            ))}
          </ul>
        )}
      </>,
    );
  });

  app.get(`${COUNTER_PATH}/servicii/:code`, { schema: { hide: true, params: CodeParams } }, async (request, reply) =>
    renderServiceForm(deps, request, reply, request.params.code, {}, {}),
  );

  app.register(async (scope) => {
    await scope.register(fastifyMultipart, { throwFileSizeLimit: false, limits: { fileSize: deps.config.uploadLimitBytes } });
    scope.post(
      `${COUNTER_PATH}/servicii/:code`,
      { schema: { hide: true, params: CodeParams }, config: SESSION_ENDED_CONFIG, preValidation: multipartBody(deps.config.uploadLimitBytes) },
      async (request, reply) => {
        const actor = requireActor(request);
        const { code } = CodeParams.parse(request.params);
        const form = readMultipartForm(request, deps.config.sessionSecret);
        const values = flat(form.fields);
        const institutionId = registryInstitution(actor, 'assisted.submit');
        const secret = deps.config.sessionSecret;
        const earlier = await scansKept(deps.blobs, values.pKeptScans, secret, request.csrfBinding);
        const scans = [...earlier.scans, ...(form.files.pScans ?? [])];
        const r = await submitAssistedCase(deps, {
          actor,
          institutionId,
          serviceCode: code,
          raw: values,
          scans,
          ip: request.ip,
          refuseTwin: true,
          requirePageCount: true,
        });
        if (!r.ok) {
          // The form comes back: the good scans are kept (a browser cannot re-fill a file field), except after the
          // virus scanner refused one or could not check them.
          const unscanned = ['errors.registry.scan_infected', 'errors.registry.scan_unavailable'].includes(r.errors.pScans?.key ?? '');
          const keep = await keepScans(deps.blobs, unscanned ? [] : sortScans(scans, deps.config.uploadLimitBytes, 'pScans').accepted, secret, request.csrfBinding);
          return renderServiceForm(deps, request, reply, code, { ...values, pKeptScans: keep.token }, r.errors, 400, keep.kept);
        }
        // The page it leads to says so in its panel: no flash repeating the number above it.
        return reply.redirect(`${COUNTER_PATH}/dosare/${r.caseId}`, 303);
      },
    );
  });

  app.get(`${COUNTER_PATH}/dosare/:id`, { schema: { hide: true, params: IdParams } }, async (request, reply) => {
    const actor = requireActor(request);
    const t = request.t;
    const c = await getCounterCase(deps, { actor, caseId: request.params.id });
    return reply.page(
      { title: t('assisted.done.title', { number: c.number }) },
      <>
        <Panel title={t('assisted.done.title', { number: c.number })}>
          {t('assisted.done.tracking')}
          <br />
          <strong>{formatTrackingCode(c.trackingCode)}</strong>
        </Panel>
        <SummaryList
          rows={[
            { key: t('assisted.receipt.service'), value: c.serviceName[t.locale] },
            { key: t('assisted.receipt.applicant'), value: c.applicant.name },
            { key: t('assisted.receipt.id_document'), value: c.applicant.idDocument ?? '' },
            { key: t('assisted.receipt.due'), value: dueDayText(t, c.dueOn) },
            { key: t('assisted.receipt.fee'), value: feeText(t, c.feeBani) },
            ...(c.pageCount === null ? [] : [{ key: t('assisted.pages.label'), value: t.plural('registry.pages', c.pageCount) }]),
          ]}
        />
        {/* Printed from the browser (Ctrl+P) instead of the PDF, the page is a receipt too: what the person needs, not the clerk's instructions. */}
        <div class="pd-print-only">
          <P>{t('assisted.receipt.status', { url: `${deps.config.baseUrl}${statusCheckPath(c.trackingCode)}` })}</P>
          <P>{t('assisted.receipt.claim', { url: `${deps.config.baseUrl}/cont/revendica-cerere` })}</P>
          <P>{t('assisted.receipt.keep')}</P>
        </div>
        <div class="pd-no-print">
          <h2 class="govuk-heading-m">{t('assisted.done.next_heading')}</h2>
          <P>{t('assisted.done.next')}</P>
          <Button href={`${COUNTER_PATH}/dosare/${c.id}/recipisa.pdf`}>{t('assisted.done.receipt')}</Button>
          <P>
            <a class="govuk-link" href={COUNTER_PATH}>
              {t('assisted.done.another')}
            </a>
          </P>
        </div>
      </>,
    );
  });

  app.get(`${COUNTER_PATH}/dosare/:id/recipisa.pdf`, { schema: { hide: true, params: IdParams } }, async (request, reply) => {
    const actor = requireActor(request);
    const r = await counterReceipt(deps, { actor, caseId: request.params.id, t: request.t });
    return reply
      .type('application/pdf')
      .header('content-disposition', `inline; filename="recipisa-${r.number.replace(/[/.]/g, '-')}.pdf"`)
      .header('cache-control', 'no-store')
      .send(Buffer.from(r.pdf));
  });

  app.get(CLAIM_PATH, { schema: { hide: true } }, async (request, reply) => {
    requireActor(request);
    return renderClaim(request, reply, {}, null);
  });

  app.post(CLAIM_PATH, { schema: { hide: true, body: ClaimForm } }, async (request, reply) => {
    const actor = requireActor(request);
    const values = formFields(request.body);
    try {
      // The CNP is the account's own: the person is not asked again for what their account holds.
      const r = await claimCase(deps, { actor, trackingCode: values.trackingCode ?? '', registryNumber: values.registryNumber ?? '' });
      return reply.redirectWithFlash('/cont', request.t('assisted.claim.done', { number: r.number }));
    } catch (err) {
      if (!(err instanceof AppError) || (err.code !== 'cases.claim_mismatch' && err.code !== 'cases.claim_locked')) throw err;
      retryAfter(reply, err);
      return renderClaim(request, reply, { trackingCode: values.trackingCode ?? '', registryNumber: values.registryNumber ?? '' }, request.t(`errors.${err.code}`, err.params), err.kind === 'rate_limited' ? 429 : 400);
    }
  });
}
