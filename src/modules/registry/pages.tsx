import fastifyMultipart from '@fastify/multipart';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ComponentChildren } from 'preact';
import { z } from 'zod';
import type { App } from '../../app.ts';
import { AppError } from '../../platform/http/errors.ts';
import { formatDateTime, formatFileSize } from '../../platform/i18n/format.ts';
import type { T } from '../../platform/i18n/i18n.ts';
import { formatTrackingCode } from '../../platform/ids/tracking-code.ts';
import {
  Button,
  ButtonGroup,
  Checkboxes,
  Details,
  ErrorSummary,
  type FieldErrors,
  FileUpload,
  Form,
  H1,
  InsetText,
  P,
  Pagination,
  Radios,
  Select,
  SummaryList,
  Table,
  Textarea,
  TextInput,
} from '../../platform/web/components.tsx';
import { dueDayText } from '../cases/due-day.ts';
import { requireActor } from '../identity/guards.ts';
import { treeOption } from '../organisation/domain/department-tree.ts';
import { isResolvedDocument, isRoutedDocument } from './routed-entry-access.ts';
import { routedEntryPath } from './routed-pages.tsx';
import { CLERK_CHANNELS, parseEntryForm } from './domain/entry-form.ts';
import { type FilterQuery, parseFilter } from './domain/register-filter.ts';
import { CHANNELS, DIRECTIONS } from './domain/registry-number.ts';
import { exportFilename, exportRegisterCsv, exportRegisterPdf, parsePeriod } from './export-register.ts';
import { getEntry } from './get-entry.ts';
import { getScan } from './get-scan.ts';
import { type DepartmentOption, listFormOptions, type ServiceOption } from './list-form-options.ts';
import { multipartBody, readMultipartForm, SESSION_ENDED_CONFIG } from './multipart.ts';
import { registerEntry, registryToday } from './register-entry.ts';
import { displayNumber, registerCells, registerHead } from './register-columns.ts';
import { type RegistryDeps, registryInstitution } from './registry-scope.ts';
import { registrationSlip } from './registration-slip.ts';
import { searchRegister } from './search-register.ts';
import { sortScans } from './check-scans.ts';
import { type KeptScan, keepScans, scansKept } from './kept-scans.ts';
import { KeptScansNote } from './kept-scans-note.tsx';
import { KeepTyped } from '../../platform/web/keep-typed.tsx';

export const REGISTRY_PATH = '/birou/registratura';
const IdParams = z.object({ id: z.string().uuid() });
const ScanParams = z.object({ id: z.string().uuid(), docId: z.string().uuid() });
const FilterQs = z.looseObject({
  numar: z.string().max(40).optional(),
  de_la: z.string().max(20).optional(),
  pana_la: z.string().max(20).optional(),
  directie: z.string().max(20).optional(),
  canal: z.string().max(20).optional(),
  compartiment: z.string().max(40).optional(),
  text: z.string().max(200).optional(),
  pagina: z.string().max(6).optional(),
});
const PeriodQs = z.looseObject({ de_la: z.string().max(20).optional(), pana_la: z.string().max(20).optional(), format: z.string().max(5).optional() });

const translate = (t: T, errors: Record<string, string>, params?: Record<string, string | number>): FieldErrors =>
  Object.fromEntries(Object.entries(errors).map(([f, code]) => [f, t(`errors.${code}`, params)]));

const pdfReply = (reply: FastifyReply, bytes: Uint8Array, filename: string) =>
  reply.type('application/pdf').header('content-disposition', `inline; filename="${filename}"`).header('cache-control', 'no-store').send(Buffer.from(bytes));

/** The department tree as options; where documents are routed (`markUnstaffed`), a department nobody works in says so. */
function departmentOptions(t: T, departments: DepartmentOption[], emptyLabel: string, markUnstaffed = false) {
  const name = (d: DepartmentOption) => (markUnstaffed && !d.staffed ? t('registry.field.department_unstaffed', { name: d.name }) : d.name);
  return [{ value: '', label: emptyLabel }, ...departments.map((d) => ({ value: d.id, label: treeOption(d.depth, name(d)) }))].map((o) => ({
    ...o,
    label: o.label || t('registry.none'),
  }));
}

function RegistryNav(props: { t: T; current: 'list' | 'new' | 'export' }) {
  const { t } = props;
  const links = [
    { key: 'list', href: REGISTRY_PATH, label: t('registry.nav.list') },
    { key: 'new', href: `${REGISTRY_PATH}/inregistrare`, label: t('registry.nav.new') },
    { key: 'export', href: `${REGISTRY_PATH}/export`, label: t('registry.nav.export') },
    { key: 'counter', href: '/birou/ghiseu', label: t('registry.nav.counter') },
  ];
  return (
    <nav aria-label={t('registry.nav.label')}>
      <ul class="govuk-list pd-inline-list">
        {links.map((l) => (
          <li key={l.key}>
            <a class="govuk-link" href={l.href} aria-current={l.key === props.current ? 'page' : undefined}>
              {l.label}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/** The form's fields a clerk rarely fills in, behind "Alte date (opțional)"; it opens when one of them holds something. */
const OPTIONAL_FIELDS = [
  'issuerCode',
  'issuerAddress',
  'issuerEmail',
  'issuerPhone',
  'issuerReference',
  'issuerDate',
  'annexCount',
  'addressee',
  'fileCode',
  'repliesTo',
  'linkedTo',
  'unanswered',
  'unansweredReason',
] as const;

const filledIn = (v: unknown) => (Array.isArray(v) ? v.some(filledIn) : typeof v === 'string' ? v.trim() !== '' : v != null);

/** Open when one of the optional fields was typed in (other than no annexes) or is wrong, so nothing typed is hidden. */
function optionalShown(values: Record<string, unknown>, errors: FieldErrors): boolean {
  return OPTIONAL_FIELDS.some((f) => f in errors || (f === 'annexCount' ? filledIn(values[f]) && String(values[f]).trim() !== '0' : filledIn(values[f])));
}

function EntryForm(props: {
  request: FastifyRequest;
  values: Record<string, unknown>;
  errors: FieldErrors;
  departments: DepartmentOption[];
  services: ServiceOption[];
  kept: KeptScan[];
  /** The largest scan the server takes (config.uploadLimitBytes): the hint states it, the browser checks it. */
  uploadLimitBytes: number;
}) {
  const { request, values, errors } = props;
  const t = request.t;
  const ep = t('common.error');
  return (
    <>
      <ErrorSummary title={t('registry.form.error_title')} errors={errors} />
      <H1 caption={t('registry.title')}>{t('registry.form.title')}</H1>
      <KeepTyped notice={t('registry.form.typed_restored')}>
        <Form action={`${REGISTRY_PATH}/inregistrare`} csrfToken={request.csrfToken} multipart>
          <Radios
            name="direction"
            legend={t('registry.field.direction')}
            inline
            value={values.direction ?? 'incoming'}
            error={errors.direction}
            items={DIRECTIONS.map((d) => ({ value: d, label: t(`registry.direction.${d}`) }))}
          />
          <Radios
            name="channel"
            legend={t('registry.field.channel')}
            inline
            value={values.channel ?? 'counter'}
            error={errors.channel}
            items={CLERK_CHANNELS.map((c) => ({ value: c, label: t(`registry.channel.${c}`) }))}
          />
          <h2 class="govuk-heading-m">{t('registry.form.issuer_heading')}</h2>
          <TextInput
            name="issuerName"
            label={t('registry.field.issuer')}
            value={values.issuerName}
            error={errors.issuerName}
            spellcheck={false}
            autofocus={Object.keys(errors).length === 0}
          />
          <h2 class="govuk-heading-m">{t('registry.form.document_heading')}</h2>
          <Textarea name="summary" label={t('registry.field.summary')} value={values.summary} error={errors.summary} rows={3} maxLength={1000} />
          <TextInput name="pageCount" label={t('registry.field.pages')} value={values.pageCount} error={errors.pageCount} inputmode="numeric" width={4} />
          <Select
            name="departmentId"
            label={t('registry.field.department')}
            value={values.departmentId}
            error={errors.departmentId}
            errorPrefix={ep}
            options={departmentOptions(t, props.departments, t('registry.field.department_choose'), true)}
          />
          <KeptScansNote t={t} name="keptScans" token={String(props.values.keptScans ?? '')} kept={props.kept} />
          <FileUpload name="scan" label={t('registry.field.scan')} hint={t('registry.field.scan_hint', { max: formatFileSize(props.uploadLimitBytes, t.locale) })} error={errors.scan} accept=".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png" multiple maxBytes={props.uploadLimitBytes} />
          <h2 class="govuk-heading-m">{t('registry.form.case_heading')}</h2>
          <Select
            name="caseServiceCode"
            label={t('registry.field.case_service')}
            hint={t('registry.field.case_service_hint')}
            value={values.caseServiceCode}
            error={errors.caseServiceCode}
            errorPrefix={ep}
            options={[{ value: '', label: t('registry.field.case_none') }, ...props.services.map((s) => ({ value: s.code, label: s.name[t.locale] }))]}
          />
          <Details summary={t('registry.form.more_heading')} open={optionalShown(values, errors)}>
            <TextInput
              name="issuerCode"
              label={t('registry.field.issuer_code')}
              hint={t('registry.field.issuer_code_hint')}
              value={values.issuerCode}
              error={errors.issuerCode}
              inputmode="numeric"
              width={20}
              spellcheck={false}
            />
            {/* The register has no column for them: they are kept only as the applicant's contact data of a case opened above. */}
            <TextInput name="issuerAddress" label={t('registry.field.issuer_address')} hint={t('registry.field.issuer_contact_hint')} value={values.issuerAddress} error={errors.issuerAddress} />
            <TextInput name="issuerEmail" type="email" label={t('registry.field.issuer_email')} value={values.issuerEmail} error={errors.issuerEmail} spellcheck={false} width={30} />
            <TextInput name="issuerPhone" type="tel" label={t('registry.field.issuer_phone')} value={values.issuerPhone} error={errors.issuerPhone} width={20} />
            <TextInput name="issuerReference" label={t('registry.field.issuer_reference')} value={values.issuerReference} error={errors.issuerReference} width={20} />
            <TextInput
              name="issuerDate"
              label={t('registry.field.issuer_date')}
              hint={t('registry.field.date_hint')}
              value={values.issuerDate}
              error={errors.issuerDate}
              width={10}
            />
            <TextInput name="annexCount" label={t('registry.field.annexes')} value={values.annexCount ?? '0'} error={errors.annexCount} inputmode="numeric" width={4} />
            <TextInput name="addressee" label={t('registry.field.addressee')} value={values.addressee} error={errors.addressee} />
            <TextInput name="fileCode" label={t('registry.field.file_code')} hint={t('registry.field.file_code_hint')} value={values.fileCode} error={errors.fileCode} width={10} />
            <TextInput
              name="repliesTo"
              label={t('registry.field.replies_to')}
              hint={t('registry.field.number_hint')}
              value={values.repliesTo}
              error={errors.repliesTo}
              width={20}
              spellcheck={false}
            />
            <TextInput
              name="linkedTo"
              label={t('registry.field.linked_to')}
              hint={t('registry.field.number_hint')}
              value={values.linkedTo}
              error={errors.linkedTo}
              width={20}
              spellcheck={false}
            />
            <Checkboxes
              name="unanswered"
              legend={t('registry.field.unanswered_legend')}
              error={errors.unanswered}
              errorPrefix={ep}
              small
              values={values.unanswered}
              items={[
                {
                  value: 'yes',
                  label: t('registry.field.unanswered'),
                  hint: t('registry.field.unanswered_hint'),
                  conditional: (
                    <Textarea
                      name="unansweredReason"
                      label={t('registry.field.unanswered_reason')}
                      hint={t('registry.field.unanswered_reason_hint')}
                      value={values.unansweredReason}
                      error={errors.unansweredReason}
                      rows={2}
                      maxLength={500}
                    />
                  ),
                },
              ]}
            />
          </Details>
          {errors.confirmTwin || values.confirmTwin ? (
            <Checkboxes
              name="confirmTwin"
              legend={t('registry.field.confirm_twin_legend')}
              error={errors.confirmTwin}
              errorPrefix={ep}
              items={[{ value: 'yes', label: t('registry.field.confirm_twin') }]}
              values={values.confirmTwin}
            />
          ) : null}
          <Button>{t('registry.form.submit')}</Button>
        </Form>
      </KeepTyped>
    </>
  );
}

async function renderEntryForm(deps: RegistryDeps, request: FastifyRequest, reply: FastifyReply, values: Record<string, unknown>, errors: FieldErrors, status = 200, kept: KeptScan[] = []) {
  const actor = requireActor(request);
  const institutionId = registryInstitution(actor, 'registry.register');
  const options = await listFormOptions(deps, { actor, institutionId });
  return reply.page(
    { title: request.t('registry.form.title'), hasErrors: Object.keys(errors).length > 0, status, backLink: { href: REGISTRY_PATH } },
    <EntryForm request={request} values={values} errors={errors} departments={options.departments} services={options.caseServices} kept={kept} uploadLimitBytes={deps.config.uploadLimitBytes} />,
  );
}

const flat = (fields: Record<string, string | string[]>) =>
  Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, Array.isArray(v) ? v[v.length - 1] : v])) as Record<string, string>;

/** The registry clerk's pages: the register, registering a document, its slip, exports. */
export function registerRegistryPages(app: App, deps: RegistryDeps): void {
  app.get(REGISTRY_PATH, { schema: { hide: true, querystring: FilterQs } }, async (request, reply) => {
    const actor = requireActor(request);
    const t = request.t;
    const institutionId = registryInstitution(actor, 'registry.read');
    const q = request.query as FilterQuery;
    const { filter, errors } = parseFilter(q);
    const page = Number(q.pagina ?? '1');
    // One query at a time: PGlite serves a single connection.
    const result = await searchRegister(deps, { actor, institutionId, filter, page });
    const options = await listFormOptions(deps, { actor, institutionId });
    const fieldErrors = translate(t, errors);
    const keep = new URLSearchParams(Object.entries(q).filter(([k, v]) => k !== 'pagina' && typeof v === 'string' && v !== '') as [string, string][]);
    const hrefFor = (n: number) => {
      const u = new URLSearchParams(keep);
      u.set('pagina', String(n));
      return `${REGISTRY_PATH}?${u}`;
    };
    return reply.page(
      { title: t('registry.title'), width: 'wide', hasErrors: Object.keys(fieldErrors).length > 0 },
      <>
        <ErrorSummary title={t('registry.filter.error_title')} errors={fieldErrors} />
        <H1>{t('registry.title')}</H1>
        <RegistryNav t={t} current="list" />
        <Form action={REGISTRY_PATH} csrfToken="" method="get">
          <div class="govuk-grid-row">
            <div class="govuk-grid-column-one-quarter">
              <TextInput name="numar" label={t('registry.filter.number')} hint={t('registry.filter.number_hint')} value={q.numar} error={fieldErrors.numar} spellcheck={false} />
            </div>
            <div class="govuk-grid-column-one-quarter">
              <TextInput name="de_la" label={t('registry.filter.from')} hint={t('registry.field.date_hint')} value={q.de_la} error={fieldErrors.de_la} />
            </div>
            <div class="govuk-grid-column-one-quarter">
              <TextInput name="pana_la" label={t('registry.filter.to')} hint={t('registry.field.date_hint')} value={q.pana_la} error={fieldErrors.pana_la} />
            </div>
            <div class="govuk-grid-column-one-quarter">
              <TextInput name="text" type="search" label={t('registry.filter.text')} hint={t('registry.filter.text_hint')} value={q.text} />
            </div>
          </div>
          <div class="govuk-grid-row">
            <div class="govuk-grid-column-one-third">
              <Select
                name="directie"
                label={t('registry.field.direction')}
                value={q.directie}
                errorPrefix={t('common.error')}
                options={[{ value: '', label: t('registry.filter.any') }, ...DIRECTIONS.map((d) => ({ value: d, label: t(`registry.direction.${d}`) }))]}
              />
            </div>
            <div class="govuk-grid-column-one-third">
              <Select
                name="canal"
                label={t('registry.field.channel')}
                value={q.canal}
                errorPrefix={t('common.error')}
                options={[{ value: '', label: t('registry.filter.any') }, ...CHANNELS.map((c) => ({ value: c, label: t(`registry.channel.${c}`) }))]}
              />
            </div>
            <div class="govuk-grid-column-one-third">
              <Select
                name="compartiment"
                label={t('registry.field.department')}
                value={q.compartiment}
                errorPrefix={t('common.error')}
                options={departmentOptions(t, options.departments, t('registry.filter.any'))}
              />
            </div>
          </div>
          <ButtonGroup>
            <Button variant="secondary">{t('registry.filter.submit')}</Button>
            <a class="govuk-link" href={REGISTRY_PATH}>
              {t('registry.filter.clear')}
            </a>
          </ButtonGroup>
        </Form>
        <P>{t('registry.filter.found', { count: result.total })}</P>
        {result.lines.length === 0 ? (
          <InsetText>{t('registry.filter.none')}</InsetText>
        ) : (
          <div class="pd-table-scroll" role="region" aria-label={t('registry.table_caption')} tabindex={0}>
            <Table
              caption={t('registry.table_caption')}
              captionSize="s"
              head={registerHead(t)}
              rows={result.lines.map((l) => {
                const cells: ComponentChildren[] = registerCells(l, t);
                cells[0] = (
                  <a class="govuk-link" href={`${REGISTRY_PATH}/intrari/${l.id}`}>
                    {displayNumber(l)}
                  </a>
                );
                return cells;
              })}
            />
          </div>
        )}
        <Pagination
          page={result.page}
          pageCount={result.pageCount}
          hrefFor={hrefFor}
          labels={{ previous: t('registry.pagination.previous'), next: t('registry.pagination.next'), nav: t('registry.pagination.nav'), page: (n) => t('registry.pagination.page', { n }) }}
        />
      </>,
    );
  });

  app.get(`${REGISTRY_PATH}/intrari/:id`, { schema: { hide: true, params: IdParams } }, async (request, reply) => {
    const actor = requireActor(request);
    const t = request.t;
    const institutionId = registryInstitution(actor, 'registry.read');
    const { line, documents, case: opened, related } = await getEntry(deps, { actor, institutionId, entryId: request.params.id });
    const number = displayNumber(line);
    const cells = registerCells(line, t);
    const head = registerHead(t);
    return reply.page(
      { title: t('registry.entry.title', { number }), backLink: { href: REGISTRY_PATH } },
      <>
        <H1 caption={t('registry.title')}>{t('registry.entry.title', { number })}</H1>
        <SummaryList
          rows={[
            { key: t('registry.field.registered_at'), value: formatDateTime(line.registeredAt) },
            { key: t('registry.field.channel'), value: t(`registry.channel.${line.channel}`) },
            ...(line.issuerCode ? [{ key: t('registry.entry.issuer_code'), value: line.issuerCode }] : []),
            ...head.slice(2).map((h, i) => ({ key: h, value: cells[i + 2] || '—' })),
            ...(opened
              ? [
                  {
                    key: t('registry.entry.case'),
                    value: (
                      <a class="govuk-link" href={`/birou/dosare/${opened.id}`}>
                        {t('registry.entry.case_link', { code: formatTrackingCode(opened.trackingCode) })}
                      </a>
                    ),
                  },
                  { key: t('registry.entry.case_due'), value: dueDayText(t, opened.dueOn) },
                ]
              : []),
          ]}
        />
        {related.length > 0 ? (
          <>
            <h2 class="govuk-heading-m">{t('registry.entry.related')}</h2>
            <ul class="govuk-list">
              {related.map((r) => (
                <li key={`${r.relation}-${r.id}`}>
                  {t(`registry.entry.related_${r.relation}`)}{' '}
                  <a class="govuk-link" href={`${REGISTRY_PATH}/intrari/${r.id}`}>
                    {r.number}
                  </a>
                </li>
              ))}
            </ul>
          </>
        ) : null}
        <h2 class="govuk-heading-m">{t('registry.entry.scans')}</h2>
        {documents.length === 0 ? (
          <P>{t('registry.entry.no_scans')}</P>
        ) : (
          <ul class="govuk-list">
            {documents.map((d) => (
              <li key={d.id}>
                <a class="govuk-link" href={`${REGISTRY_PATH}/intrari/${line.id}/scanari/${d.id}`}>
                  {d.filename}
                </a>{' '}
                <span class="govuk-hint">
                  ({Math.max(1, Math.round(d.sizeBytes / 1024))} KB, SHA-256 <code>{d.sha256.slice(0, 16)}…</code>)
                </span>
              </li>
            ))}
          </ul>
        )}
        <ButtonGroup>
          <Button href={`${REGISTRY_PATH}/intrari/${line.id}/fisa.pdf`} variant="secondary">
            {t('registry.entry.slip')}
          </Button>
          <a class="govuk-link" href={`${REGISTRY_PATH}/inregistrare`}>
            {t('registry.entry.register_another')}
          </a>
        </ButtonGroup>
        {isRoutedDocument(line) && !isResolvedDocument(line) ? (
          <P>
            <a class="govuk-link" href={`${routedEntryPath(line.id)}#redirectionare`}>
              {t('registry.entry.forward_link', { department: line.departmentName ?? '' })}
            </a>
          </P>
        ) : null}
      </>,
    );
  });

  app.get(`${REGISTRY_PATH}/intrari/:id/fisa.pdf`, { schema: { hide: true, params: IdParams } }, async (request, reply) => {
    const actor = requireActor(request);
    const institutionId = registryInstitution(actor, 'registry.read');
    const slip = await registrationSlip(deps, { actor, institutionId, entryId: request.params.id, t: request.t, baseUrl: deps.config.baseUrl });
    return pdfReply(reply, slip.pdf, `fisa-inregistrare-${slip.number.replace(/[/.]/g, '-')}.pdf`);
  });

  app.get(`${REGISTRY_PATH}/intrari/:id/scanari/:docId`, { schema: { hide: true, params: ScanParams } }, async (request, reply) => {
    const actor = requireActor(request);
    const institutionId = registryInstitution(actor, 'registry.read');
    const scan = await getScan(deps, { actor, institutionId, entryId: request.params.id, documentId: request.params.docId });
    return reply
      .type(scan.mediaType)
      .header('content-disposition', `attachment; filename="${encodeURIComponent(scan.filename)}"`)
      .header('x-content-type-options', 'nosniff')
      .header('cache-control', 'no-store')
      .send(Buffer.from(scan.bytes));
  });

  app.get(`${REGISTRY_PATH}/export`, { schema: { hide: true, querystring: PeriodQs } }, async (request, reply) => {
    const actor = requireActor(request);
    const t = request.t;
    const institutionId = registryInstitution(actor, 'registry.export');
    const q = request.query;
    let errors: FieldErrors = {};
    if (q.format === 'csv' || q.format === 'pdf') {
      try {
        const period = parsePeriod(q.de_la ?? '', q.pana_la ?? '');
        if (q.format === 'csv') {
          const csv = await exportRegisterCsv(deps, { actor, institutionId, period, t });
          return reply
            .type('text/csv; charset=utf-8')
            .header('content-disposition', `attachment; filename="${exportFilename(period, 'csv')}"`)
            .header('cache-control', 'no-store')
            .send(csv);
        }
        const pdf = await exportRegisterPdf(deps, { actor, institutionId, period, t });
        return pdfReply(reply, pdf, exportFilename(period, 'pdf'));
      } catch (err) {
        if (!(err instanceof AppError) || !err.fields) throw err;
        const { from, to } = err.fields;
        errors = translate(t, { ...(from ? { de_la: from } : {}), ...(to ? { pana_la: to } : {}) }, err.params);
      }
    }
    const hasErrors = Object.keys(errors).length > 0;
    // Unasked, the form offers today's register (the export a clerk makes at the end of each day).
    const today = registryToday(deps).split('-').reverse().join('.');
    const period = q.format ? { from: q.de_la, to: q.pana_la } : { from: q.de_la ?? today, to: q.pana_la ?? today };
    return reply.page(
      { title: t('registry.export.title'), hasErrors, status: hasErrors ? 400 : 200, backLink: { href: REGISTRY_PATH } },
      <>
        <ErrorSummary title={t('registry.form.error_title')} errors={errors} />
        <H1 caption={t('registry.title')}>{t('registry.export.title')}</H1>
        <P>{t('registry.export.intro')}</P>
        <Form action={`${REGISTRY_PATH}/export`} csrfToken="" method="get">
          <TextInput name="de_la" label={t('registry.filter.from')} hint={t('registry.field.date_hint')} value={period.from} error={errors.de_la} width={10} />
          <TextInput name="pana_la" label={t('registry.filter.to')} hint={t('registry.field.date_hint')} value={period.to} error={errors.pana_la} width={10} />
          <ButtonGroup>
            <Button name="format" value="csv">
              {t('registry.export.csv')}
            </Button>
            <Button name="format" value="pdf" variant="secondary">
              {t('registry.export.pdf')}
            </Button>
          </ButtonGroup>
        </Form>
        <P size="s">{t('registry.export.csv_note')}</P>
      </>,
    );
  });

  app.get(`${REGISTRY_PATH}/inregistrare`, { schema: { hide: true } }, async (request, reply) =>
    renderEntryForm(deps, request, reply, { direction: 'incoming', annexCount: '0' }, {}),
  );

  // Multipart is parsed only in this scope: no other form accepts file uploads by accident.
  app.register(async (scope) => {
    await scope.register(fastifyMultipart, { throwFileSizeLimit: false, limits: { fileSize: deps.config.uploadLimitBytes } });
    scope.post(
      `${REGISTRY_PATH}/inregistrare`,
      { schema: { hide: true }, config: SESSION_ENDED_CONFIG, preValidation: multipartBody(deps.config.uploadLimitBytes) },
      async (request, reply) => {
        const actor = requireActor(request);
        const form = readMultipartForm(request, deps.config.sessionSecret);
        const values = flat(form.fields);
        const institutionId = registryInstitution(actor, 'registry.register');
        const parsed = parseEntryForm(values, registryToday(deps), { requireDepartment: true });
        const secret = deps.config.sessionSecret;
        const earlier = await scansKept(deps.blobs, values.keptScans, secret, request.csrfBinding);
        const scans = [...earlier.scans, ...(form.files.scan ?? [])];
        // The form comes back with errors: the scans chosen this time are checked and kept, so the clerk does not
        // have to choose them again (or, not noticing the empty file field, register the paper without its scan).
        // A refused file is named and left out; the others chosen with it are kept all the same.
        const again = async (errors: FieldErrors) => {
          const { accepted, refused } = sortScans(scans, deps.config.uploadLimitBytes);
          const keep = await keepScans(deps.blobs, accepted, secret, request.csrfBinding);
          if (refused?.fields) errors = { ...errors, ...translate(request.t, refused.fields, refused.params) };
          return renderEntryForm(deps, request, reply, { ...values, keptScans: keep.token }, errors, 400, keep.kept);
        };
        if (!parsed.ok) return again(translate(request.t, parsed.errors));
        try {
          const r = await registerEntry(deps, { actor, institutionId, draft: parsed.value, scans, ip: request.ip, refuseTwin: true });
          const text = r.trackingCode
            ? request.t('registry.registered_with_case', { number: r.display, code: formatTrackingCode(r.trackingCode) })
            : request.t('registry.registered', { number: r.display });
          // Routed to a department where nobody works: registered all the same, but the clerk is told it reaches nobody.
          const routedTo = parsed.value.departmentId ? (await listFormOptions(deps, { actor, institutionId })).departments.find((d) => d.id === parsed.value.departmentId) : undefined;
          if (routedTo && !routedTo.staffed) {
            return reply.redirectWithFlash(`${REGISTRY_PATH}/intrari/${r.entryId}`, `${text} ${request.t('registry.routed_unstaffed', { department: routedTo.name })}`, 'info');
          }
          if (routedTo && r.routed === false) {
            return reply.redirectWithFlash(`${REGISTRY_PATH}/intrari/${r.entryId}`, `${text} ${request.t('registry.case_not_routed', { department: routedTo.name })}`, 'info');
          }
          return reply.redirectWithFlash(`${REGISTRY_PATH}/intrari/${r.entryId}`, text);
        } catch (err) {
          // A file the virus scanner refused (or could not check) is not kept; any other error comes back with the good files kept.
          const unscanned = err instanceof AppError && (err.code === 'registry.scan_infected' || err.code === 'registry.scan_unavailable');
          if (err instanceof AppError && err.fields) return unscanned ? renderEntryForm(deps, request, reply, values, translate(request.t, err.fields, err.params), 400) : again(translate(request.t, err.fields, err.params));
          throw err;
        }
      },
    );
  });
}
