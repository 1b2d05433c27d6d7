import { translatedFieldErrors } from '../../platform/web/field-errors.ts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { type App, type AppDeps, SESSION_COOKIE } from '../../app.ts';
import { formatDate, formatDateTime } from '../../platform/i18n/format.ts';
import { hasMessage, type T } from '../../platform/i18n/i18n.ts';
import {
  Button,
  Checkboxes,
  ErrorSummary,
  type FieldErrors,
  Form,
  H1,
  InsetText,
  P,
  Pagination,
  Panel,
  SummaryList,
  Table,
  TextInput,
  WarningText,
} from '../../platform/web/components.tsx';
import { requireActor } from '../identity/guards.ts';
import type { DataRecord, DataSection, DataValue } from './data-sections.ts';
import { describeAction } from './describe-action.ts';
import { exportPersonalData, personalDataJson } from './export-personal-data.ts';
import { type AccessLogEntry, listAccessLog } from './list-access-log.ts';
import { deletionConfirmation, requestAccountDeletion } from './request-account-deletion.ts';
import { findDeletionFacts } from './store.ts';

export const DATA_PATH = '/cont/datele-mele';
export const ACCESS_LOG_PATH = '/cont/cine-mi-a-accesat-datele';
export const DELETION_PATH = '/cont/stergere';
const DELETION_SENT_PATH = '/cont/stergere/trimisa';
/** Long lists (sessions, messages, audit) are cut on the page; the download has everything. */
const PAGE_ROWS = 50;

const PageQuery = z.object({ pagina: z.coerce.number().int().min(1).max(100_000).catch(1).default(1) });
const DeletionForm = z.object({ password: z.string().max(1000).optional(), confirm: z.string().max(10).optional(), _csrf: z.string().optional() });

function formatValue(t: T, v: DataValue, valuesKey?: string): string {
  if (v === null || v === '') return t('privacy.value.empty');
  if (valuesKey && typeof v === 'string' && hasMessage(`${valuesKey}.${v}`)) return t(`${valuesKey}.${v}`);
  if (v instanceof Date) return formatDateTime(v);
  if (typeof v === 'boolean') return t(v ? 'privacy.value.yes' : 'privacy.value.no');
  return String(v);
}

function formatField(t: T, record: DataRecord, field: DataSection['fields'][number]): string {
  return field.describe ? field.describe(t, record) : formatValue(t, record[field.name] ?? null, field.valuesKey);
}

function roleLabel(t: T, e: AccessLogEntry): string {
  if (e.roles.length > 0) return e.roles.map((r) => (hasMessage(`privacy.role.${r}`) ? t(`privacy.role.${r}`) : r)).join(', ');
  return e.actorIsOfficial ? t('privacy.value.empty') : t('privacy.access.citizen');
}

export function registerPrivacyPages(app: App, deps: AppDeps): void {
  app.get(DATA_PATH, { schema: { hide: true } }, async (request, reply) => {
    const actor = requireActor(request);
    const { t } = request;
    const data = await exportPersonalData(deps, actor, { download: false });
    return reply.page(
      { title: t('privacy.data.title'), width: 'wide', backLink: { href: '/cont' } },
      <>
        <H1 caption={t('privacy.caption')}>{t('privacy.data.title')}</H1>
        <div class="govuk-grid-row">
          <div class="govuk-grid-column-two-thirds">
            <P size="l">{t('privacy.data.lead')}</P>
            <Button href={`${DATA_PATH}.json`} variant="secondary">
              {t('privacy.data.download')}
            </Button>
            <P size="s">{t('privacy.data.download_hint')}</P>
          </div>
        </div>
        {data.sections.map(({ section, records }) => (
          <section key={section.key} aria-labelledby={`sectiune-${section.key}`}>
            <h2 class="govuk-heading-m" id={`sectiune-${section.key}`}>
              {t(section.titleKey)}
            </h2>
            {section.descriptionKey ? <P>{t(section.descriptionKey)}</P> : null}
            {records.length === 0 ? (
              <P>{t('privacy.data.none')}</P>
            ) : section.shape === 'one' ? (
              <SummaryList rows={section.fields.map((f) => ({ key: t(f.labelKey), value: formatField(t, records[0] as DataRecord, f) }))} />
            ) : (
              <>
                <Table
                  caption={<span class="govuk-visually-hidden">{t(section.titleKey)}</span>}
                  head={section.fields.map((f) => t(f.labelKey))}
                  rows={records.slice(0, PAGE_ROWS).map((r) => section.fields.map((f) => formatField(t, r, f)))}
                  stackOnPhone
                />
                {records.length > PAGE_ROWS ? <P size="s">{t('privacy.data.truncated', { shown: PAGE_ROWS, total: records.length })}</P> : null}
              </>
            )}
          </section>
        ))}
        <h2 class="govuk-heading-m">{t('privacy.data.other_rights')}</h2>
        <ul class="govuk-list">
          <li>
            <a class="govuk-link" href={ACCESS_LOG_PATH}>
              {t('privacy.data.access_log_link')}
            </a>
          </li>
          <li>
            <a class="govuk-link" href={DELETION_PATH}>
              {t('privacy.data.deletion_link')}
            </a>
          </li>
        </ul>
      </>,
    );
  });

  app.get(`${DATA_PATH}.json`, { schema: { hide: true } }, async (request, reply) => {
    const actor = requireActor(request);
    const data = await exportPersonalData(deps, actor, { download: true });
    const day = data.generatedAt.toISOString().slice(0, 10);
    return reply
      .header('content-type', 'application/json; charset=utf-8')
      .header('content-disposition', `attachment; filename="datele-mele-${day}.json"`)
      .header('cache-control', 'no-store')
      .send(JSON.stringify(personalDataJson(data), null, 2));
  });

  app.get(ACCESS_LOG_PATH, { schema: { hide: true, querystring: PageQuery } }, async (request, reply) => {
    const actor = requireActor(request);
    const { t } = request;
    const log = await listAccessLog(deps, actor, { page: request.query.pagina });
    return reply.page(
      { title: t('privacy.access.title'), width: 'wide', backLink: { href: DATA_PATH } },
      <>
        <H1 caption={t('privacy.caption')}>{t('privacy.access.title')}</H1>
        <div class="govuk-grid-row">
          <div class="govuk-grid-column-two-thirds">
            <P>{t('privacy.access.lead')}</P>
          </div>
        </div>
        {log.total === 0 ? (
          <P>{t('privacy.access.none')}</P>
        ) : (
          <>
            <P>{t('privacy.access.count', { count: log.total })}</P>
            <Table
              caption={t('privacy.access.caption')}
              head={[t('privacy.access.when'), t('privacy.access.who'), t('privacy.access.role'), t('privacy.access.what')]}
              rows={log.entries.map((e) => [
                formatDateTime(e.at),
                e.actorName ?? t('privacy.access.unknown_actor'),
                roleLabel(t, e),
                describeAction(t, e.action, e.entity),
              ])}
              stackOnPhone
            />
            <Pagination
              page={log.page}
              pageCount={log.pageCount}
              hrefFor={(n) => `${ACCESS_LOG_PATH}?pagina=${n}`}
              labels={{ previous: t('common.previous'), next: t('common.next'), nav: t('common.pagination'), page: (n) => t('common.page_n', { n }) }}
            />
          </>
        )}
        <InsetText>{t('privacy.access.question')}</InsetText>
      </>,
    );
  });

  app.get(DELETION_PATH, { schema: { hide: true } }, async (request, reply) => {
    requireActor(request);
    return deletionPage(request, reply, deps, {}, {});
  });

  app.post(DELETION_PATH, { schema: { hide: true, body: DeletionForm } }, async (request, reply) => {
    const actor = requireActor(request);
    const body = request.body;
    try {
      await requestAccountDeletion(deps, actor, { password: body.password || undefined, confirmed: body.confirm === 'da' });
    } catch (err) {
      const errors = translatedFieldErrors(request.t, err);
      if (!errors) throw err;
      return deletionPage(request, reply, deps, errors, { confirm: body.confirm }, 400);
    }
    // Every session, this one included, was ended in the use case; the browser forgets its cookie too.
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.redirect(DELETION_SENT_PATH, 303);
  });

  app.get(DELETION_SENT_PATH, { schema: { hide: true } }, async (request, reply) => {
    const { t } = request;
    return reply.page(
      { title: t('privacy.deletion.sent.title') },
      <>
        <Panel title={t('privacy.deletion.sent.title')}>{t('privacy.deletion.sent.body')}</Panel>
        <P>{t('privacy.deletion.sent.next')}</P>
      </>,
    );
  });
}

async function deletionPage(
  request: FastifyRequest,
  reply: FastifyReply,
  deps: AppDeps,
  errors: FieldErrors,
  values: { confirm?: string },
  status = 200,
) {
  const actor = requireActor(request);
  const { t } = request;
  const confirmation = await deletionConfirmation(deps, actor);
  const facts = await findDeletionFacts(deps.db, actor.accountId);
  return reply.page(
    { title: t('privacy.deletion.title'), hasErrors: Object.keys(errors).length > 0, status, backLink: { href: DATA_PATH } },
    <>
      <ErrorSummary title={t('common.error_summary_title')} errors={errors} />
      <H1 caption={t('privacy.caption')}>{t('privacy.deletion.title')}</H1>
      {facts?.deletionRequestedAt ? <InsetText>{t('privacy.deletion.already', { date: formatDate(facts.deletionRequestedAt) })}</InsetText> : null}
      <P>{t('privacy.deletion.lead')}</P>
      <h2 class="govuk-heading-m">{t('privacy.deletion.deleted_heading')}</h2>
      <ul class="govuk-list govuk-list--bullet">
        <li>{t('privacy.deletion.deleted.account')}</li>
        <li>{t('privacy.deletion.deleted.contact')}</li>
        <li>{t('privacy.deletion.deleted.sessions')}</li>
      </ul>
      <h2 class="govuk-heading-m">{t('privacy.deletion.kept_heading')}</h2>
      <ul class="govuk-list govuk-list--bullet">
        <li>{t('privacy.deletion.kept.documents')}</li>
        <li>{t('privacy.deletion.kept.fiscal')}</li>
        <li>{t('privacy.deletion.kept.audit')}</li>
      </ul>
      <WarningText assistive={t('common.warning')}>{t('privacy.deletion.after')}</WarningText>
      <Form action={DELETION_PATH} csrfToken={request.csrfToken}>
        {confirmation === 'password' ? (
          <TextInput
            name="password"
            type="password"
            autocomplete="current-password"
            label={t('privacy.deletion.password')}
            hint={t('privacy.deletion.password_hint')}
            error={errors.password}
            errorPrefix={t('common.error')}
            width={20}
          />
        ) : (
          <Checkboxes
            name="confirm"
            legend={t('privacy.deletion.confirm_legend')}
            items={[{ value: 'da', label: t('privacy.deletion.confirm') }]}
            values={values.confirm}
            error={errors.confirm}
            errorPrefix={t('common.error')}
          />
        )}
        <Button variant="warning">{t('privacy.deletion.submit')}</Button>
      </Form>
    </>,
  );
}
