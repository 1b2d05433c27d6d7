import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { App } from '../../app.ts';
import { sendAttachment } from '../../platform/http/download.ts';
import { formatDateTime } from '../../platform/i18n/format.ts';
import type { T } from '../../platform/i18n/i18n.ts';
import { Button, ErrorSummary, type FieldErrors, Form, H1, P, Pagination, Radios, Select, SummaryList, Table, Textarea, TextInput } from '../../platform/web/components.tsx';
import { translatedFieldErrors } from '../../platform/web/field-errors.ts';
import { requireActor } from '../identity/guards.ts';
import { treeOption, orderTree } from '../organisation/domain/department-tree.ts';
import { RESOLUTION_NOTE_MAX, RESOLUTION_WAYS } from './domain/entry-resolution.ts';
import { forwardEntry } from './forward-entry.ts';
import { getRoutedEntry, getRoutedScan, type RoutedEntryView } from './get-routed-entry.ts';
import { listRoutedEntries, type RoutedState } from './list-routed-entries.ts';
import { displayNumber, registerCells, registerHead, resolutionCell } from './register-columns.ts';
import type { RegistryDeps } from './registry-scope.ts';
import { resolveEntry } from './resolve-entry.ts';
import { loadInstitution, openDepartments } from '../admin/load-institution.ts';

export const ROUTED_PATH = '/birou/documente';
export const routedEntryPath = (id: string) => `${ROUTED_PATH}/${id}`;

const ListQuery = z.object({
  stare: z.enum(['rezolvate']).optional().catch(undefined),
  pagina: z.coerce.number().int().min(1).max(100_000).catch(1).default(1),
});
const IdParams = z.object({ id: z.string().max(100) });
const ScanParams = IdParams.extend({ docId: z.string().max(100) });
const ResolveForm = z.object({ way: z.string().max(20).optional(), note: z.string().max(5_000).optional(), fileCode: z.string().max(100).optional(), _csrf: z.string().optional() });
const ForwardForm = z.object({ departmentId: z.string().max(100).optional(), _csrf: z.string().optional() });

type Values = { way?: string; note?: string; fileCode?: string; departmentId?: string };


function StateNav(props: { t: T; state: RoutedState; open: number | null; resolved: number | null }) {
  const { t } = props;
  const link = (state: RoutedState, href: string, text: string) => (
    <li>
      <a class="govuk-link govuk-link--no-visited-state" href={href} aria-current={props.state === state ? 'page' : undefined}>
        {props.state === state ? <strong>{text}</strong> : text}
      </a>
    </li>
  );
  return (
    <nav aria-label={t('registry.routed.tabs')}>
      <ul class="govuk-list pd-inline-list">
        {link('open', ROUTED_PATH, t('registry.routed.tab_open', { n: props.open ?? '…' }))}
        {link('resolved', `${ROUTED_PATH}?stare=rezolvate`, t('registry.routed.tab_resolved', { n: props.resolved ?? '…' }))}
      </ul>
    </nav>
  );
}

/**
 * The department's side of the registry: documents routed to it that opened no case, to be read, resolved (the
 * register's "modul de rezolvare") or forwarded to the department they belong to.
 */
export function registerRoutedPages(app: App, deps: RegistryDeps): void {
  app.get(ROUTED_PATH, { schema: { hide: true, querystring: ListQuery } }, async (request, reply) => {
    const actor = requireActor(request);
    const { t } = request;
    const state: RoutedState = request.query.stare === 'rezolvate' ? 'resolved' : 'open';
    const list = await listRoutedEntries(deps, actor, { state, page: request.query.pagina });
    const other = await listRoutedEntries(deps, actor, { state: state === 'open' ? 'resolved' : 'open', page: 1 });
    const counts = state === 'open' ? { open: list.total, resolved: other.total } : { open: other.total, resolved: list.total };
    const head = [t('registry.routed.col_number'), t('registry.routed.col_issuer'), t('registry.routed.col_summary'), t('registry.routed.col_department')];
    return reply.page(
      { title: t('registry.routed.title'), width: 'wide', backLink: { href: '/birou' } },
      <>
        <H1 caption={t('registry.routed.caption')}>{t('registry.routed.title')}</H1>
        <P>{t('registry.routed.lead')}</P>
        <StateNav t={t} state={state} {...counts} />
        {list.lines.length === 0 ? (
          <P>{t(state === 'open' ? 'registry.routed.none_open' : 'registry.routed.none_resolved')}</P>
        ) : (
          <>
            <Table
              caption={t('registry.routed.table_caption', { page: list.page, pages: list.pageCount })}
              captionSize="s"
              stackOnPhone
              head={state === 'open' ? head : [...head, t('registry.routed.col_resolution')]}
              rows={list.lines.map((l) => [
                <a class="govuk-link" href={routedEntryPath(l.id)}>
                  {displayNumber(l)}
                </a>,
                l.issuerName,
                l.summary,
                l.departmentName ?? '—',
                ...(state === 'open' ? [] : [resolutionCell(l, t)]),
              ])}
            />
            <Pagination
              page={list.page}
              pageCount={list.pageCount}
              hrefFor={(n) => `${ROUTED_PATH}?${state === 'resolved' ? 'stare=rezolvate&' : ''}pagina=${n}`}
              labels={{ previous: t('common.previous'), next: t('common.next'), nav: t('common.pagination'), page: (n) => t('common.page_n', { n }) }}
            />
          </>
        )}
      </>,
    );
  });

  async function renderEntry(request: FastifyRequest, reply: FastifyReply, view: RoutedEntryView, errors: FieldErrors = {}, values: Values = {}, status = 200) {
    const actor = requireActor(request);
    const { t } = request;
    const { line } = view;
    const number = displayNumber(line);
    const cells = registerCells(line, t);
    const head = registerHead(t);
    const inst = view.mayForward ? await loadInstitution(deps.db, line.institutionId) : null;
    const departments = inst ? orderTree(openDepartments(inst.departments)).filter((d) => d.id !== line.departmentId) : [];
    const base = routedEntryPath(line.id);
    const way = values.way ?? (line.resolutionCode?.startsWith('entry.') ? line.resolutionCode.slice(6) : undefined);
    return reply.page(
      { title: t('registry.entry.title', { number }), hasErrors: Object.keys(errors).length > 0, status, backLink: { href: ROUTED_PATH } },
      <>
        <ErrorSummary title={t('common.error_summary_title')} errors={errors} />
        <H1 caption={t('registry.routed.entry_caption')}>{t('registry.entry.title', { number })}</H1>
        <SummaryList
          rows={[
            { key: t('registry.field.registered_at'), value: formatDateTime(line.registeredAt) },
            ...head.slice(2).map((h, i) => ({ key: h, value: cells[i + 2] || '—' })),
          ]}
        />
        {view.related.length > 0 ? (
          <>
            <h2 class="govuk-heading-m">{t('registry.entry.related')}</h2>
            <ul class="govuk-list">
              {view.related.map((r) => (
                <li key={`${r.relation}-${r.id}`}>
                  {t(`registry.entry.related_${r.relation}`)} {r.number}
                </li>
              ))}
            </ul>
          </>
        ) : null}
        <h2 class="govuk-heading-m">{t('registry.entry.scans')}</h2>
        {view.documents.length === 0 ? (
          <P>{t('registry.entry.no_scans')}</P>
        ) : (
          <ul class="govuk-list">
            {view.documents.map((d) => (
              <li key={d.id}>
                <a class="govuk-link" href={`${base}/scanari/${d.id}`}>
                  {d.filename}
                </a>{' '}
                <span class="govuk-hint">({Math.max(1, Math.round(d.sizeBytes / 1024))} KB)</span>
              </li>
            ))}
          </ul>
        )}
        {view.handles ? (
          <section aria-labelledby="rezolvare">
            <h2 class="govuk-heading-m" id="rezolvare">
              {t(line.resolvedOn ? 'registry.routed.resolve_again' : 'registry.routed.resolve_title')}
            </h2>
            <Form action={`${base}/rezolvare`} csrfToken={request.csrfToken}>
              <Radios
                name="way"
                legend={t('registry.routed.way')}
                value={way}
                error={errors.way}
                items={RESOLUTION_WAYS.map((w) => ({ value: w, label: t(`registry.routed.way.${w}`), hint: t(`registry.routed.way.${w}_hint`) }))}
              />
              <Textarea
                name="note"
                label={t('registry.routed.note')}
                hint={t('registry.routed.note_hint')}
                value={values.note ?? (line.resolutionCode?.startsWith('entry.') ? (line.resolution ?? '') : '')}
                error={errors.note}
                maxLength={RESOLUTION_NOTE_MAX}
                rows={3}
              />
              <TextInput name="fileCode" label={t('registry.routed.file_code')} hint={t('registry.routed.file_code_hint')} value={values.fileCode ?? line.fileCode ?? ''} error={errors.fileCode} width={10} />
              <Button>{t('registry.routed.resolve_submit')}</Button>
            </Form>
          </section>
        ) : actor.isOfficial && !view.mayForward ? (
          <P>{t('registry.routed.only_read')}</P>
        ) : null}
        {inst ? (
          <section aria-labelledby="redirectionare">
            <h2 class="govuk-heading-m" id="redirectionare">
              {t(view.handles ? 'registry.routed.forward_title' : 'registry.routed.forward_registry_title')}
            </h2>
            <Form action={`${base}/redirectionare`} csrfToken={request.csrfToken}>
              <Select
                name="departmentId"
                label={t('registry.routed.forward_department')}
                value={values.departmentId}
                error={errors.departmentId}
                options={[{ value: '', label: t('registry.routed.choose_department') }, ...departments.map((d) => ({ value: d.id, label: treeOption(d.depth, d.name) }))]}
              />
              <Button variant="secondary">{t('registry.routed.forward_submit')}</Button>
            </Form>
          </section>
        ) : null}
      </>,
    );
  }

  app.get(`${ROUTED_PATH}/:id`, { schema: { hide: true, params: IdParams } }, async (request, reply) =>
    renderEntry(request, reply, await getRoutedEntry(deps, requireActor(request), request.params.id)),
  );

  app.get(`${ROUTED_PATH}/:id/scanari/:docId`, { schema: { hide: true, params: ScanParams } }, async (request, reply) =>
    sendAttachment(reply, await getRoutedScan(deps, requireActor(request), { entryId: request.params.id, documentId: request.params.docId })),
  );

  app.post(`${ROUTED_PATH}/:id/rezolvare`, { schema: { hide: true, params: IdParams, body: ResolveForm } }, async (request, reply) => {
    const actor = requireActor(request);
    const { id } = request.params;
    const values = { way: request.body.way, note: request.body.note, fileCode: request.body.fileCode };
    try {
      await resolveEntry(deps, actor, { entryId: id, ...values });
    } catch (err) {
      const errors = translatedFieldErrors(request.t, err);
      if (!errors) throw err;
      return renderEntry(request, reply, await getRoutedEntry(deps, actor, id), errors, values, 400);
    }
    const view = await getRoutedEntry(deps, actor, id);
    return reply.redirectWithFlash(ROUTED_PATH, request.t('registry.routed.resolved_flash', { number: displayNumber(view.line) }));
  });

  app.post(`${ROUTED_PATH}/:id/redirectionare`, { schema: { hide: true, params: IdParams, body: ForwardForm } }, async (request, reply) => {
    const actor = requireActor(request);
    const { id } = request.params;
    let forwarded: Awaited<ReturnType<typeof forwardEntry>>;
    try {
      forwarded = await forwardEntry(deps, actor, { entryId: id, departmentId: request.body.departmentId });
    } catch (err) {
      const errors = translatedFieldErrors(request.t, err);
      if (!errors) throw err;
      return renderEntry(request, reply, await getRoutedEntry(deps, actor, id), errors, { departmentId: request.body.departmentId }, 400);
    }
    const view = await getRoutedEntry(deps, actor, id).catch(() => null);
    const number = view ? displayNumber(view.line) : '';
    const text = request.t('registry.routed.forwarded_flash', { number, department: forwarded.departmentName });
    const warning = forwarded.staffed ? '' : ` ${request.t('registry.routed_unstaffed', { department: forwarded.departmentName })}`;
    // Forwarded away from the department, the document is no longer theirs to open: back to their list.
    return reply.redirectWithFlash(view ? routedEntryPath(id) : ROUTED_PATH, `${text}${warning}`, warning ? 'info' : 'success');
  });
}
