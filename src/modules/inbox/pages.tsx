import { LiveUpdates, type LiveTexts } from '../../platform/web/live-updates.tsx';
import { INBOX_EVENTS_PATH } from '../tracking/live-events.ts';
import { countOpenRoutedEntries } from '../registry/list-routed-entries.ts';
import { ROUTED_PATH } from '../registry/routed-pages.tsx';
import { REPRESENTATIONS_PATH } from '../identity/representation-pages.tsx';
import { countPendingRepresentations } from '../identity/verify-representation.ts';
import { randomUUID } from 'node:crypto';
import type { ComponentChildren } from 'preact';
import { z } from 'zod';
import type { App, AppDeps } from '../../app.ts';
import { bucharestDay } from '../../platform/calendar/calendar.ts';
import { formatDate } from '../../platform/i18n/format.ts';
import type { T } from '../../platform/i18n/i18n.ts';
import { Button, Form, H1, P, Pagination, ScrollBox, Select, Table, Tag, TextInput } from '../../platform/web/components.tsx';
import { formatRegistryNumber } from '../registry/domain/registry-number.ts';
import { requireActor } from '../identity/guards.ts';
import { AppError } from '../../platform/http/errors.ts';
import { StatusTag } from '../tracking/views.tsx';
import { workflowActionPath } from '../workflow/views.tsx';
import type { Inbox, InboxColumn, QuickAction } from './domain/inboxes.ts';
import { COUNT_CAP, countInboxes, hasInboxes, type InboxLine, listInboxPage } from './list-inbox.ts';
import { can } from '../../platform/auth/permissions.ts';

export const OFFICE_PATH = '/birou';
export const inboxPath = (id: string) => `/birou/cozi/${id}`;

const Query = z.looseObject({ q: z.string().max(100).optional(), serviciu: z.string().max(40).optional(), pagina: z.coerce.number().int().min(1).max(100_000).optional() });
const Params = z.object({ inboxId: z.string().max(40) });

const dayText = (iso: string) => formatDate(`${iso}T12:00:00Z`);
const countText = (t: T, n: number) => (n >= COUNT_CAP ? t('inbox.count_capped', { count: COUNT_CAP - 1 }) : String(n));

function InboxNav(props: { t: T; counts: { inbox: Inbox; count: number }[]; current?: string }) {
  const { t } = props;
  return (
    <nav aria-label={t('inbox.nav.label')}>
      <ul class="govuk-list">
        {props.counts.map(({ inbox, count }) => (
          <li key={inbox.id}>
            <a class="govuk-link" href={inboxPath(inbox.id)} aria-current={inbox.id === props.current ? 'page' : undefined}>
              {t(inbox.nameKey)}
            </a>{' '}
            <strong class="govuk-tag govuk-tag--grey" data-inbox={inbox.id}>
              {countText(t, count)}
            </strong>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/** A due day, flagged when it has passed. */
function dueCell(t: T, day: string | null, today: string): ComponentChildren {
  if (!day) return '—';
  return day < today ? (
    <>
      {dayText(day)} <Tag colour="red">{t('inbox.overdue')}</Tag>
    </>
  ) : (
    dayText(day)
  );
}

function cell(t: T, column: InboxColumn, line: InboxLine, today: string): ComponentChildren {
  switch (column) {
    case 'number':
      return (
        <a class="govuk-link" href={`/birou/dosare/${line.id}`}>
          {formatRegistryNumber(line.number, line.registeredOn)}
        </a>
      );
    case 'submitted':
      return formatDate(line.submittedAt);
    case 'service':
      return line.serviceName[t.locale];
    case 'applicant':
      return line.applicantName;
    case 'step':
      return line.awaitsMySignature ? (
        <>
          {line.stepName?.[t.locale] ?? '—'} <Tag colour="yellow">{t('inbox.awaits_my_signature')}</Tag>
        </>
      ) : (
        (line.stepName?.[t.locale] ?? '—')
      );
    case 'stepDue':
      return dueCell(t, line.stepDueOn, today);
    case 'due':
      return dueCell(t, line.dueOn, today);
    case 'status':
      return <StatusTag t={t} status={line.status} office />;
    case 'assignee':
      return line.assigneeName ?? t('inbox.nobody');
    case 'closed':
      return formatDate(line.updatedAt);
  }
}

const quickButton = 'govuk-button govuk-button--secondary govuk-!-margin-bottom-0';

/** The workflow form's fixed fields: the step and version the official saw, where to come back to. */
function StepFields(props: { line: InboxLine; action: string; next: string }) {
  return (
    <>
      <input type="hidden" name="action" value={props.action} />
      <input type="hidden" name="step" value={props.line.currentStep ?? ''} />
      <input type="hidden" name="version" value={String(props.line.stepSeq)} />
      <input type="hidden" name="transactionId" value={randomUUID()} />
      <input type="hidden" name="next" value={props.next} />
    </>
  );
}

/**
 * A row's quick action. Assigning says what happens: whoever distributes the work chooses the official
 * ("Repartizați"), whoever may do the work takes it ("Preiau eu"); a head who is also an inspector has both.
 */
function QuickCell(props: { t: T; line: InboxLine; quick: QuickAction; csrfToken: string; next: string; actorId: string }) {
  const { t, line, quick } = props;
  const number = formatRegistryNumber(line.number, line.registeredOn);
  const forCase = <span class="govuk-visually-hidden"> {t('inbox.quick.for', { number })}</span>;
  const action = workflowActionPath(line.id);
  if (line.signAnswerFirst) {
    return (
      <a href={`/birou/dosare/${line.id}#raspuns`} role="button" draggable={false} class={quickButton} data-module="govuk-button">
        {t('inbox.quick.sign_answer')}
        {forCase}
      </a>
    );
  }
  if (!line.currentStep) return null;
  if (quick.action !== 'assign') {
    return (
      <Form action={action} csrfToken={props.csrfToken}>
        <StepFields line={line} action={quick.action} next={props.next} />
        <button type="submit" class={quickButton} data-module="govuk-button">
          {t(quick.labelKey)}
          {forCase}
        </button>
      </Form>
    );
  }
  const choices = line.assign;
  if (!choices) return null;
  if (!choices.self && choices.others.length === 0) return <>{t('inbox.quick.nobody_to_assign')}</>;
  const selectId = `repartizare-${line.id}`;
  return (
    <>
      {choices.others.length ? (
        <Form action={action} csrfToken={props.csrfToken}>
          <StepFields line={line} action="assign" next={props.next} />
          <div class="govuk-form-group govuk-!-margin-bottom-2">
            <label class="govuk-label govuk-label--s" for={selectId}>
              {t('inbox.quick.assignee')}
              {forCase}
            </label>
            <select class="govuk-select" id={selectId} name="assigneeId">
              <option value="">{t('inbox.quick.choose')}</option>
              {choices.others.map((o) => (
                <option key={o.id} value={o.id}>
                  {o.name}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" class={quickButton} data-module="govuk-button">
            {t(quick.labelKey)}
            {forCase}
          </button>
        </Form>
      ) : null}
      {choices.self ? (
        <Form action={action} csrfToken={props.csrfToken}>
          <StepFields line={line} action="assign" next={props.next} />
          <input type="hidden" name="assigneeId" value={props.actorId} />
          <button type="submit" class={`${quickButton}${choices.others.length ? ' govuk-!-margin-top-2' : ''}`} data-module="govuk-button">
            {t('inbox.quick.take')}
            {forCase}
          </button>
        </Form>
      ) : null}
    </>
  );
}

/** What an inbox page says when its queues changed while it was open (it does not reorder itself under the cursor). */
const inboxLiveTexts = (t: T): LiveTexts => ({
  announce: t('inbox.live.announce'),
  noticeTitle: t('inbox.live.title'),
  notice: t('inbox.live.notice'),
  reload: t('inbox.live.reload'),
});

/** The back office's inboxes under /birou: counts in a navigation list, each inbox a searchable, paginated table. */
export function registerInboxPages(app: App, deps: AppDeps): void {
  app.get(OFFICE_PATH, { schema: { hide: true } }, async (request, reply) => {
    const actor = requireActor(request);
    // An official without inboxes still gets their tools here; a citizen is refused like on every office page.
    if (!actor.isOfficial) throw new AppError('forbidden', 'forbidden');
    const { t } = request;
    const working = hasInboxes(actor);
    const counts = working ? await countInboxes(deps, actor) : [];
    const routed = await countOpenRoutedEntries(deps, actor);
    const mandates = await countPendingRepresentations(deps, actor);
    const may = (action: string) => actor.memberships.some((m) => can(actor, action, { institutionId: m.institutionId }));
    return reply.page(
      { title: t('inbox.title'), width: 'wide' },
      <>
        <H1 caption={t('inbox.caption')}>{t('inbox.title')}</H1>
        {working ? (
          <>
            <LiveUpdates events={INBOX_EVENTS_PATH} page={OFFICE_PATH} texts={inboxLiveTexts(t)} mode="notice" />
            <InboxNav t={t} counts={counts} />
          </>
        ) : (
          <P>{t('inbox.no_inboxes')}</P>
        )}
        <h2 class="govuk-heading-m">{t('inbox.more')}</h2>
        <ul class="govuk-list">
          {routed !== null ? (
            <li>
              <a class="govuk-link" href={ROUTED_PATH}>
                {t('inbox.more.routed', { n: routed })}
              </a>
            </li>
          ) : null}
          {mandates !== null ? (
            <li>
              <a class="govuk-link" href={REPRESENTATIONS_PATH}>
                {t('inbox.more.representations', { n: mandates })}
              </a>
            </li>
          ) : null}
          {may('identity.verify') ? (
            <li>
              <a class="govuk-link" href="/birou/identitate">
                {t('inbox.more.confirm_identity')}
              </a>
            </li>
          ) : null}
          {may('admin.access') ? (
            <li>
              <a class="govuk-link" href="/admin">
                {t('inbox.more.admin')}
              </a>
            </li>
          ) : null}
          {may('reports.read') ? (
            <li>
              <a class="govuk-link" href="/birou/rapoarte">
                {t('inbox.more.reports')}
              </a>
            </li>
          ) : null}
          {may('registry.register') ? (
            <>
              <li>
                <a class="govuk-link" href="/birou/registratura">
                  {t('inbox.more.registry')}
                </a>
              </li>
              <li>
                <a class="govuk-link" href="/birou/ghiseu">
                  {t('inbox.more.counter')}
                </a>
              </li>
            </>
          ) : null}
          <li>
            <a class="govuk-link" href="/cont/semnatura">
              {t('inbox.more.signing_key')}
            </a>
          </li>
        </ul>
      </>,
    );
  });

  app.get('/birou/cozi/:inboxId', { schema: { hide: true, params: Params, querystring: Query } }, async (request, reply) => {
    const actor = requireActor(request);
    const { t } = request;
    const { q, serviciu, pagina } = request.query;
    const result = await listInboxPage(deps, actor, { inboxId: request.params.inboxId, q, service: serviciu, page: pagina });
    const counts = await countInboxes(deps, actor, { institutionId: result.institutionId });
    const { inbox } = result;
    const today = bucharestDay(deps.now());
    const params = (page: number) => {
      const u = new URLSearchParams();
      if (q) u.set('q', q);
      if (serviciu) u.set('serviciu', serviciu);
      if (page > 1) u.set('pagina', String(page));
      const s = u.toString();
      return `${inboxPath(inbox.id)}${s ? `?${s}` : ''}`;
    };
    const here = params(result.page);
    const quick = inbox.quickAction;
    const head = [...inbox.columns.map((c) => t(`inbox.column.${c}`)), ...(quick ? [t('inbox.column.action')] : [])];
    const rows = result.lines.map((line) => [...inbox.columns.map((c) => cell(t, c, line, today)), ...(quick ? [<QuickCell key="q" t={t} line={line} quick={quick} csrfToken={request.csrfToken} next={here} actorId={actor.accountId} />] : [])]);
    return reply.page(
      { title: t(inbox.nameKey), width: 'wide', backLink: { href: OFFICE_PATH } },
      <>
        <H1 caption={t('inbox.title')}>{t(inbox.nameKey)}</H1>
        <LiveUpdates events={INBOX_EVENTS_PATH} page={here} texts={inboxLiveTexts(t)} mode="notice" />
        <InboxNav t={t} counts={counts} current={inbox.id} />
        <Form action={inboxPath(inbox.id)} csrfToken={request.csrfToken} method="get">
          <TextInput name="q" label={t('inbox.search.label')} hint={t('inbox.search.hint')} value={q} spellcheck={false} />
          <Select
            name="serviciu"
            label={t('inbox.filter.service')}
            value={serviciu ?? ''}
            options={[
              { value: '', label: t('inbox.filter.service_any') },
              ...result.services.map((s) => ({ value: s.code, label: s.name[t.locale] })).sort((a, b) => a.label.localeCompare(b.label, t.locale)),
            ]}
          />
          <Button variant="secondary">{t('inbox.filter.submit')}</Button>{' '}
          {q || serviciu ? (
            <a class="govuk-link" href={inboxPath(inbox.id)}>
              {t('inbox.filter.clear')}
            </a>
          ) : null}
        </Form>
        {result.lines.length === 0 ? (
          <P>{t('inbox.empty')}</P>
        ) : (
          <ScrollBox label={t.plural('inbox.results', result.total)}>
            <Table caption={t.plural('inbox.results', result.total)} captionSize="s" head={head} rows={rows} firstCellIsHeader={false} />
          </ScrollBox>
        )}
        <Pagination
          page={result.page}
          pageCount={result.pageCount}
          hrefFor={params}
          labels={{ previous: t('inbox.pagination.previous'), next: t('inbox.pagination.next'), nav: t('inbox.pagination.nav'), page: (n) => t('inbox.pagination.page', { n }) }}
        />
      </>,
    );
  });
}
