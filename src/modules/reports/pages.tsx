import { z } from 'zod';
import type { App, AppDeps } from '../../app.ts';
import { bucharestDay } from '../../platform/calendar/calendar.ts';
import { formatDate } from '../../platform/i18n/format.ts';
import type { T } from '../../platform/i18n/i18n.ts';
import { Button, ErrorSummary, type FieldErrors, Form, H1, P, ScrollBox, Table, TextInput } from '../../platform/web/components.tsx';
import { requireActor } from '../identity/guards.ts';
import { toCsv } from '../registry/domain/csv.ts';
import { type Period, readPeriod } from './domain/period.ts';
import { getManagementReport, type ManagementReport, REPORT_TABLES, type ReportTable } from './get-management-report.ts';
import { formatCell, type ReportTableData, TABLE_BUILDERS } from './report-tables.ts';

export const REPORTS_PATH = '/birou/rapoarte';

/** The tables' names in the download addresses (Romanian, like the rest of /birou). */
const CSV_NAMES: Record<ReportTable, string> = { departments: 'compartimente', services: 'servicii', officials: 'functionari' };
const TABLE_OF = Object.fromEntries(Object.entries(CSV_NAMES).map(([k, v]) => [v, k as ReportTable])) as Record<string, ReportTable>;

const Query = z.looseObject({ de_la: z.string().max(20).optional(), pana_la: z.string().max(20).optional() });
const CsvParams = z.object({ table: z.string().max(40) });

const dayText = (iso: string) => formatDate(`${iso}T12:00:00Z`);

/** The period of the query string, or the field errors and the default period to show meanwhile. */
function periodOf(t: T, q: z.infer<typeof Query>, today: string): { period: Period; errors: FieldErrors } {
  const r = readPeriod(q.de_la, q.pana_la, today);
  if (r.ok) return { period: r.period, errors: {} };
  const errors: FieldErrors = {};
  for (const p of r.problems) errors[p.field === 'from' ? 'de_la' : 'pana_la'] ??= t(`errors.${p.code}`);
  const fallback = readPeriod(undefined, undefined, today);
  if (!fallback.ok) throw new Error('the default period is always valid');
  return { period: fallback.period, errors };
}

const periodQuery = (p: Period) => `de_la=${encodeURIComponent(dayText(p.from))}&pana_la=${encodeURIComponent(dayText(p.to))}`;

function ReportSection(props: { t: T; table: ReportTableData; period: Period }) {
  const { t, table } = props;
  const title = t(`reports.table.${table.id}`);
  return (
    <section aria-labelledby={`tabel-${table.id}`}>
      <h2 class="govuk-heading-m" id={`tabel-${table.id}`}>
        {title}
      </h2>
      {table.rows.length === 0 ? (
        <P>{t('reports.empty')}</P>
      ) : (
        // Eight or nine columns do not fit a phone (or the page at 1280 px): the table scrolls in its own box.
        <ScrollBox label={title}>
          <Table
            caption={<span class="govuk-visually-hidden">{title}</span>}
            captionSize="s"
            head={table.head}
            numericColumns={table.numeric}
            rows={table.rows.map((row) => row.map((c) => formatCell(t, c, { grouping: true, empty: t('reports.none') })))}
          />
        </ScrollBox>
      )}
      <p class="govuk-body">
        <a class="govuk-link" href={`${REPORTS_PATH}/${CSV_NAMES[table.id]}.csv?${periodQuery(props.period)}`} download>
          {t('reports.csv', { table: title })}
        </a>
      </p>
    </section>
  );
}

function scopeText(t: T, report: ManagementReport, departmentNames: string) {
  return report.scope === 'institution' ? t('reports.scope.institution', { name: report.institutionName }) : t('reports.scope.departments', { name: departmentNames });
}

/** The management view for heads of department, directors, the secretary general and the mayor, with CSV downloads. */
export function registerReportsPages(app: App, deps: AppDeps): void {
  app.get(REPORTS_PATH, { schema: { hide: true, querystring: Query } }, async (request, reply) => {
    const actor = requireActor(request);
    const { t } = request;
    const today = bucharestDay(deps.now());
    const { period, errors } = periodOf(t, request.query, today);
    const report = await getManagementReport(deps, actor, { period });
    const hasErrors = Object.keys(errors).length > 0;
    const tables = REPORT_TABLES.map((id) => TABLE_BUILDERS[id](t, report));
    const roots = report.departments.filter((d) => d.depth === 0 && d.id !== null).map((d) => d.name as string);
    return reply.page(
      { title: t('reports.title'), hasErrors, status: hasErrors ? 400 : 200, width: 'wide', backLink: { href: '/birou' } },
      <>
        <ErrorSummary title={t('reports.error_title')} errors={errors} />
        <H1 caption={t('reports.caption')}>{t('reports.title')}</H1>
        <P size="l">{scopeText(t, report, roots.join(', '))}</P>
        <P>{t('reports.intro', { today: dayText(report.today) })}</P>
        <Form action={REPORTS_PATH} csrfToken="" method="get">
          <fieldset class="govuk-fieldset">
            <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">{t('reports.period.legend')}</legend>
            <TextInput name="de_la" label={t('reports.period.from')} hint={t('reports.period.hint')} value={request.query.de_la ?? dayText(period.from)} error={errors.de_la} width={10} />
            <TextInput name="pana_la" label={t('reports.period.to')} value={request.query.pana_la ?? dayText(period.to)} error={errors.pana_la} width={10} />
          </fieldset>
          <Button variant="secondary">{t('reports.period.submit')}</Button>
        </Form>
        <P>
          <strong>{t('reports.period.shown', { from: dayText(period.from), to: dayText(period.to) })}</strong>
        </P>
        {tables.map((table) => (
          <ReportSection key={table.id} t={t} table={table} period={period} />
        ))}
        <P size="s">{t('reports.csv_note')}</P>
      </>,
    );
  });

  app.get(`${REPORTS_PATH}/:table`, { schema: { hide: true, params: CsvParams, querystring: Query } }, async (request, reply) => {
    const actor = requireActor(request);
    const { t } = request;
    const m = /^([a-z]+)\.csv$/.exec(request.params.table);
    const id = m ? TABLE_OF[m[1]!] : undefined;
    if (!id) return reply.callNotFound();
    const r = readPeriod(request.query.de_la, request.query.pana_la, bucharestDay(deps.now()));
    if (!r.ok) return reply.redirect(`${REPORTS_PATH}?${new URLSearchParams(request.query as Record<string, string>).toString()}`, 303);
    const report = await getManagementReport(deps, actor, { period: r.period, tables: [id] });
    const table = TABLE_BUILDERS[id](t, report);
    const csv = toCsv(
      table.head,
      table.rows.map((row) => row.map((c) => formatCell(t, c, { grouping: false, empty: '' }))),
    );
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="raport-${CSV_NAMES[id]}-${r.period.from}-${r.period.to}.csv"`)
      .header('cache-control', 'no-store')
      .send(csv);
  });
}
