import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { App } from '../../app.ts';
import { ErrorBody } from '../../platform/http/api-schema.ts';
import { sendAttachment } from '../../platform/http/download.ts';
import { formatDate, formatDateTime } from '../../platform/i18n/format.ts';
import { BackLink, Button, DateInput, ErrorSummary, type FieldErrors, Form, H1, InsetText, P, ScrollBox, SummaryList, Table, Tag, Textarea, TextInput } from '../../platform/web/components.tsx';
import { translatedFieldErrors } from '../../platform/web/field-errors.ts';
import { AppError } from '../../platform/http/errors.ts';
import { getProfile } from './get-profile.ts';
import { requireActor } from './guards.ts';
import type { IdentityDeps } from './module.ts';
import { REPRESENTATION_STATUSES } from './schema.ts';
import { revokeRepresentation } from './revoke-representation.ts';
import { withdrawRepresentationRequest } from './withdraw-representation.ts';
import {
  decideRepresentation,
  findCompanyRepresentations,
  getMandateDocument,
  getRepresentationRequest,
  listPendingRepresentations,
  REASON_MAX,
  type RepresentationRequestRow,
  type RepresentationSummaryRow,
  WITHDRAWN_MEANWHILE,
} from './verify-representation.ts';

export const REPRESENTATIONS_PATH = '/birou/reprezentanti';
/** Where a representative gives up a representation of their own (the link on the account page). */
export const renouncePath = (id: string) => `/cont/firme/${id}/renuntare`;
/** Where the person withdraws their own request (or renewal) still waiting for the registry. */
export const withdrawPath = (id: string) => `/cont/firme/${id}/retragere`;
const detailPath = (id: string) => `${REPRESENTATIONS_PATH}/${id}`;
/** A mandate's tag colour by its state on the day (an expired one greys out like a revoked one). */
export const MANDATE_STATUS_COLOUR = { pending: 'yellow', active: 'green', rejected: 'red', revoked: 'grey', expired: 'grey' } as const;

const Params = z.object({ id: z.string().max(64) });
const DecisionForm = z.object({
  decision: z.enum(['approve', 'reject']),
  reason: z.string().max(5000).optional(),
  'validUntil-day': z.string().max(10).optional(),
  'validUntil-month': z.string().max(10).optional(),
  'validUntil-year': z.string().max(10).optional(),
  _csrf: z.string().optional(),
});
type DecisionValues = Partial<z.infer<typeof DecisionForm>>;
const RevocationForm = z.object({ reason: z.string().max(5000).optional(), _csrf: z.string().optional() });
const Search = z.object({ cui: z.string().max(40).optional() });

/** The end date's three boxes as YYYY-MM-DD ('' when all are empty: the mandate has none); the use case checks it. */
const endDateOf = (v: DecisionValues): string => {
  const [d, m, y] = [v['validUntil-day'], v['validUntil-month'], v['validUntil-year']].map((x) => (x ?? '').trim());
  return d || m || y ? `${y}-${(m ?? '').padStart(2, '0')}-${(d ?? '').padStart(2, '0')}` : '';
};

/**
 * Officials check the mandates under which people ask to act for a company: the list of those waiting, each one with
 * its document, accepted or refused with a reason. Authorization is in the use cases (verify-representation.ts).
 */
export function registerRepresentationPages(app: App, deps: IdentityDeps): void {
  app.get(REPRESENTATIONS_PATH, { schema: { hide: true, querystring: Search } }, async (request, reply) => {
    const { t } = request;
    const rows = await listPendingRepresentations(deps, requireActor(request));
    const cui = request.query.cui?.trim() ?? '';
    const found = cui ? await findCompanyRepresentations(deps, requireActor(request), cui) : null;
    return reply.page(
      { title: t('identity.representation.title'), width: 'wide' },
      <>
        <BackLink href="/birou">{t('identity.representation.back_office')}</BackLink>
        <H1 caption={t('identity.representation.caption')}>{t('identity.representation.title')}</H1>
        <P>{t('identity.representation.intro')}</P>
        {rows.length === 0 ? (
          <P>{t('identity.representation.none')}</P>
        ) : (
          <ScrollBox label={t('identity.representation.title')}>
            <Table
              caption={<span class="govuk-visually-hidden">{t('identity.representation.title')}</span>}
              head={[t('identity.representation.col.company'), t('identity.representation.col.person'), t('identity.representation.col.requested'), t('identity.representation.col.action')]}
              stackOnPhone
              rows={rows.map((r) => [
                <>
                  {r.company.name}
                  <br />
                  <span class="govuk-body-s">CUI {r.company.cui}</span>
                  {r.renewal ? (
                    <>
                      <br />
                      <Tag colour="blue">{t('identity.representation.renewal_tag')}</Tag>
                    </>
                  ) : null}
                </>,
                <>
                  {r.person.name}
                  <br />
                  <span class="govuk-body-s">{r.person.email}</span>
                </>,
                formatDateTime(r.renewal?.requestedAt ?? r.requestedAt),
                <a class="govuk-link" href={detailPath(r.id)}>
                  {t('identity.representation.check')}
                  <span class="govuk-visually-hidden"> {t('identity.representation.check_hidden', { company: r.company.name })}</span>
                </a>,
              ])}
            />
          </ScrollBox>
        )}
        <h2 class="govuk-heading-m">{t('identity.representation.find_title')}</h2>
        <Form action={REPRESENTATIONS_PATH} method="get" csrfToken="">
          <TextInput name="cui" label={t('identity.representation.find_cui')} hint={t('identity.representation.find_hint')} value={cui} width={10} spellcheck={false} />
          <Button variant="secondary">{t('identity.representation.find')}</Button>
        </Form>
        {found && found.length === 0 ? <P>{t('identity.representation.find_none', { cui })}</P> : null}
        {found && found.length > 0 ? (
          <Table
            caption={t('identity.representation.find_results', { cui: found[0]!.company.cui })}
            head={[t('identity.representation.col.person'), t('identity.representation.status'), t('identity.representation.col.action')]}
            stackOnPhone
            rows={found.map((r) => [
              <>
                {r.person.name}
                <br />
                <span class="govuk-body-s">{r.person.email}</span>
              </>,
              <StatusTag t={t} status={r.status} />,
              <a class="govuk-link" href={detailPath(r.id)}>
                {t('identity.representation.open')}
                <span class="govuk-visually-hidden"> {r.person.name}</span>
              </a>,
            ])}
          />
        ) : null}
      </>,
    );
  });

  async function renderDetail(request: FastifyRequest, reply: FastifyReply, id: string, errors: FieldErrors = {}, values: DecisionValues = {}, status = 200) {
    const { t } = request;
    const r = await getRepresentationRequest(deps, requireActor(request), id);
    const title = t('identity.representation.detail_title', { company: r.company.name });
    return reply.page(
      { title, status },
      <>
        <BackLink href={REPRESENTATIONS_PATH}>{t('identity.representation.back')}</BackLink>
        <ErrorSummary title={t('common.error_summary_title')} errors={errors} fieldIds={{ validUntil: 'validUntil-day' }} />
        <H1 caption={t('identity.representation.caption')}>{title}</H1>
        <Details t={t} r={r} />
        {(r.status === 'pending' || r.renewal) && r.own ? (
          <InsetText>{t(r.own === 'account' ? 'identity.representation.own' : 'identity.representation.own_cnp')}</InsetText>
        ) : r.status === 'pending' || r.renewal ? (
          <>
            <h2 class="govuk-heading-m">{t('identity.representation.approve_title')}</h2>
            <P>
              {r.renewal && r.validUntil
                ? t('identity.representation.renewal_hint', { date: formatDate(`${r.validUntil}T12:00:00Z`) })
                : t('identity.representation.approve_hint')}
            </P>
            <Form action={`${detailPath(r.id)}/decizie`} csrfToken={request.csrfToken}>
              <input type="hidden" name="decision" value="approve" />
              <DateInput
                name="validUntil"
                legend={t('identity.representation.valid_until')}
                hint={t('identity.representation.valid_until_hint')}
                value={{ day: values['validUntil-day'], month: values['validUntil-month'], year: values['validUntil-year'] }}
                error={errors.validUntil}
              />
              <Button>{t('identity.representation.approve')}</Button>
            </Form>
            <h2 class="govuk-heading-m">{t('identity.representation.reject_title')}</h2>
            <Form action={`${detailPath(r.id)}/decizie`} csrfToken={request.csrfToken}>
              <input type="hidden" name="decision" value="reject" />
              <Textarea id="reason" name="reason" label={t('identity.representation.reason')} hint={t('identity.representation.reason_hint')} value={values.reason ?? ''} error={errors.reason} rows={3} />
              <Button variant="warning">{t('identity.representation.reject')}</Button>
            </Form>
          </>
        ) : r.status === 'active' && r.own !== 'account' ? (
          <>
            <h2 class="govuk-heading-m">{t('identity.representation.revoke_title')}</h2>
            <P>{t('identity.representation.revoke_hint')}</P>
            <Form action={`${detailPath(r.id)}/revocare`} csrfToken={request.csrfToken}>
              <Textarea id="reason" name="reason" label={t('identity.representation.revoke_reason')} hint={t('identity.representation.revoke_reason_hint')} value={values.reason ?? ''} error={errors.reason} rows={3} />
              <Button variant="warning">{t('identity.representation.revoke')}</Button>
            </Form>
          </>
        ) : r.status === 'expired' ? (
          <InsetText>{t('errors.identity.representation.expired', { date: formatDate(`${r.validUntil}T12:00:00Z`) })}</InsetText>
        ) : null}
      </>,
    );
  }

  app.get(`${REPRESENTATIONS_PATH}/:id`, { schema: { hide: true, params: Params } }, (request, reply) => renderDetail(request, reply, request.params.id));

  app.get(`${REPRESENTATIONS_PATH}/:id/imputernicire`, { schema: { hide: true, params: Params } }, async (request, reply) =>
    sendAttachment(reply, await getMandateDocument(deps, requireActor(request), request.params.id)),
  );

  app.post(`${REPRESENTATIONS_PATH}/:id/decizie`, { schema: { hide: true, params: Params, body: DecisionForm } }, async (request, reply) => {
    const { t } = request;
    const actor = requireActor(request);
    const { id } = request.params;
    try {
      const r = await decideRepresentation(deps, actor, id, { decision: request.body.decision, reason: request.body.reason, validUntil: endDateOf(request.body) });
      const done = r.renewal ? (r.status === 'active' ? 'renewed' : 'renewal_rejected') : r.status === 'active' ? 'approved' : 'rejected';
      return reply.redirectWithFlash(REPRESENTATIONS_PATH, t(`identity.representation.${done}`, { company: r.companyName }));
    } catch (err) {
      // Withdrawn by the person since the page was opened: back to the list, which no longer has it, saying so.
      if (err instanceof AppError && WITHDRAWN_MEANWHILE.has(err.code)) return reply.redirectWithFlash(REPRESENTATIONS_PATH, t(`errors.${err.code}`), 'info');
      const errors = translatedFieldErrors(t, err);
      if (!errors) throw err;
      return renderDetail(request, reply, id, errors, request.body, 400);
    }
  });

  app.post(`${REPRESENTATIONS_PATH}/:id/revocare`, { schema: { hide: true, params: Params, body: RevocationForm } }, async (request, reply) => {
    const { t } = request;
    const { id } = request.params;
    try {
      const r = await revokeRepresentation(deps, requireActor(request), id, { reason: request.body.reason });
      return reply.redirectWithFlash(detailPath(id), t('identity.representation.revoked', { company: r.companyName, person: r.personName }));
    } catch (err) {
      const errors = translatedFieldErrors(t, err);
      if (!errors) throw err;
      return renderDetail(request, reply, id, errors, request.body, 400);
    }
  });

  // The representative gives the representation up from their account: a page that says what follows, then the button.
  async function renderRenounce(request: FastifyRequest, reply: FastifyReply, id: string, errors: FieldErrors = {}, reason = '', status = 200) {
    const { t } = request;
    const c = (await getProfile(deps, requireActor(request))).companies.find((x) => x.representationId === id && x.status === 'active');
    if (!c) throw new AppError('identity.representation.not_found', 'not_found');
    const title = t('identity.renounce.title', { company: c.name });
    return reply.page(
      { title, status },
      <>
        <BackLink href="/cont">{t('identity.renounce.cancel')}</BackLink>
        <ErrorSummary title={t('common.error_summary_title')} errors={errors} />
        <H1>{title}</H1>
        <P>{t('identity.renounce.body', { company: c.name, cui: c.cui })}</P>
        <Form action={renouncePath(id)} csrfToken={request.csrfToken}>
          <Textarea id="reason" name="reason" label={t('identity.renounce.reason')} hint={t('identity.renounce.reason_hint')} value={reason} error={errors.reason} rows={3} />
          <div class="govuk-button-group">
            <Button variant="warning">{t('identity.renounce.confirm')}</Button>
            <a class="govuk-link" href="/cont">
              {t('identity.renounce.cancel')}
            </a>
          </div>
        </Form>
      </>,
    );
  }

  app.get('/cont/firme/:id/renuntare', { schema: { hide: true, params: Params } }, (request, reply) => renderRenounce(request, reply, request.params.id));

  app.post('/cont/firme/:id/renuntare', { schema: { hide: true, params: Params, body: RevocationForm } }, async (request, reply) => {
    const { t } = request;
    const { id } = request.params;
    const actor = requireActor(request);
    if (!(await getProfile(deps, actor)).companies.some((x) => x.representationId === id)) throw new AppError('identity.representation.not_found', 'not_found');
    try {
      const r = await revokeRepresentation(deps, actor, id, { reason: request.body.reason });
      return reply.redirectWithFlash('/cont', t('identity.renounce.done', { company: r.companyName }));
    } catch (err) {
      const errors = translatedFieldErrors(t, err);
      if (!errors) throw err;
      return renderRenounce(request, reply, id, errors, request.body.reason ?? '', 400);
    }
  });

  // The person withdraws their own request (or renewal) still waiting, from the account page's button.
  app.post(withdrawPath(':id'), { schema: { hide: true, params: Params, body: z.object({ _csrf: z.string().optional() }) } }, async (request, reply) => {
    const r = await withdrawRepresentationRequest(deps, requireActor(request), request.params.id);
    return reply.redirectWithFlash('/cont', request.t(r.renewal ? 'identity.account.company_renewal_withdrawn' : 'identity.account.company_withdrawn', { company: r.companyName }));
  });

  // The same through the JSON API.
  const RequestJson = z.object({
    id: z.string().uuid(),
    status: z.enum([...REPRESENTATION_STATUSES, 'expired']).describe('The state today: `expired` is a mandate approved with an end date (`validUntil`) that has passed — the person no longer acts for the company'),
    requestedAt: z.string(),
    company: z.object({ id: z.string().uuid(), cui: z.string(), name: z.string(), tradeRegisterNo: z.string().nullable() }),
    person: z.object({ accountId: z.string().uuid(), name: z.string(), email: z.string(), cnp: z.string().nullable() }),
    mandate: z.object({ filename: z.string().nullable(), href: z.string().describe('GET with the session cookie: the PDF (its download is in the person’s access log)') }),
    decisionReason: z.string().nullable(),
    validUntil: z.string().nullable().describe('The mandate\u2019s last valid day (YYYY-MM-DD, inclusive), set on approval when the document has one'),
    renewal: z
      .object({ requestedAt: z.string(), mandateFilename: z.string().nullable() })
      .nullable()
      .describe(
        'The next mandate, sent by a representative whose mandate ends within 30 days or has ended: mandate.href then gives it; approving it extends this representation (new validUntil, after the current one), refusing leaves the current mandate as it is',
      ),
    revocation: z
      .object({ at: z.string(), reason: z.string().nullable(), renounced: z.boolean().describe('true: the person gave it up themselves') })
      .nullable()
      .describe('When the mandate was ended before its date (status `revoked`), and why'),
  });
  const json = (r: RepresentationRequestRow): z.infer<typeof RequestJson> => ({ ...summaryJson(r), person: r.person });
  // The list has no CNP: reading it is not in the person's access log, reading one request is.
  const SummaryJson = RequestJson.extend({ person: RequestJson.shape.person.omit({ cnp: true }) });
  const summaryJson = (r: RepresentationSummaryRow): z.infer<typeof SummaryJson> => ({
    id: r.id,
    status: r.status,
    requestedAt: r.requestedAt.toISOString(),
    company: r.company,
    person: r.person,
    mandate: { filename: r.mandateFilename, href: `${detailPath(r.id)}/imputernicire` },
    decisionReason: r.decisionReason,
    validUntil: r.validUntil,
    renewal: r.renewal ? { requestedAt: r.renewal.requestedAt.toISOString(), mandateFilename: r.renewal.mandateFilename } : null,
    revocation: r.revocation ? { ...r.revocation, at: r.revocation.at.toISOString() } : null,
  });
  const security = [{ session: [] }];

  app.get(
    '/api/v1/representations',
    {
      schema: {
        tags: ['identity'],
        summary: 'Requests to act for a company waiting for their mandate to be checked, oldest first (registry clerks and administrators); without the CNP, which GET …/representations/{id} gives as an audited read',
        security,
        response: { 200: z.object({ representations: z.array(SummaryJson) }), 403: ErrorBody },
      },
    },
    async (request) => ({ representations: (await listPendingRepresentations(deps, requireActor(request))).map(summaryJson) }),
  );

  app.get(
    '/api/v1/representations/:id',
    { schema: { tags: ['identity'], summary: 'One request to act for a company (an audited read of the person’s data)', security, params: Params, response: { 200: RequestJson, 404: ErrorBody } } },
    async (request) => json(await getRepresentationRequest(deps, requireActor(request), request.params.id)),
  );

  app.post(
    '/api/v1/representations/:id/decision',
    {
      schema: {
        tags: ['identity'],
        summary: 'Accepts the mandate (the person may act for the company, until `validUntil` inclusive when given) or refuses it with a reason the person is e-mailed; on a renewal, accepting extends the representation with the new mandate (`validUntil` after the current one) and refusing leaves the current mandate as it is; a request already decided answers 409 (`identity.representation.already_decided`), or one its person withdrew meanwhile 409 `identity.representation.withdrawn_meanwhile` / `renewal_withdrawn_meanwhile`; the official\u2019s own request 403 — their own account (`identity.representation.own`) or another account holding the CNP of their own person record (`identity.representation.own_cnp`)',
        security: [{ session: [], csrf: [] }],
        params: Params,
        body: z.object({
          decision: z.enum(['approve', 'reject']),
          reason: z.string().max(REASON_MAX * 2).optional().describe('required to refuse'),
          validUntil: z.string().max(10).optional().describe('on approving: the mandate\u2019s last valid day, YYYY-MM-DD, not in the past (the document\u2019s end date); omitted: until revoked'),
        }),
        response: { 200: z.object({ status: z.enum(REPRESENTATION_STATUSES) }), 400: ErrorBody, 404: ErrorBody, 409: ErrorBody },
      },
    },
    async (request) => ({ status: (await decideRepresentation(deps, requireActor(request), request.params.id, request.body)).status }),
  );

  app.post(
    '/api/v1/representations/:id/withdrawal',
    {
      schema: {
        tags: ['identity'],
        summary:
          'The person withdraws their own request still waiting for the registry (the `representationId` of GET /api/v1/me): a request to represent a company (`request`: it leaves the registry\u2019s list and the person\u2019s companies; they may ask again) or the new mandate of a renewal (`renewal`: the current mandate stays as it is). Someone else\u2019s representation answers 404; one with nothing waiting 409',
        security: [{ session: [], csrf: [] }],
        params: Params,
        response: { 200: z.object({ withdrawn: z.enum(['request', 'renewal']) }), 404: ErrorBody, 409: ErrorBody },
      },
    },
    async (request) => ({ withdrawn: (await withdrawRepresentationRequest(deps, requireActor(request), request.params.id)).renewal ? ('renewal' as const) : ('request' as const) }),
  );

  app.post(
    '/api/v1/representations/:id/revocation',
    {
      schema: {
        tags: ['identity'],
        summary:
          'Ends a mandate in force before its date: a registry clerk or administrator revokes it with a reason (e.g. the company\u2019s written notice), or the representative gives it up (the `representationId` of GET /api/v1/me; reason optional). From the next request the person no longer files for the company nor sees its cases; those already filed stay the company\u2019s. The person and the company\u2019s other representatives are e-mailed. Someone else\u2019s representation answers 404; one not active, or past its last day (`identity.representation.expired`), 409',
        security: [{ session: [], csrf: [] }],
        params: Params,
        body: z.object({ reason: z.string().max(REASON_MAX * 2).optional().describe('required when an official revokes') }),
        response: { 200: z.object({ status: z.literal('revoked') }), 400: ErrorBody, 404: ErrorBody, 409: ErrorBody },
      },
    },
    async (request) => {
      await revokeRepresentation(deps, requireActor(request), request.params.id, { reason: request.body.reason });
      return { status: 'revoked' as const };
    },
  );
}

function StatusTag(props: { t: FastifyRequest['t']; status: RepresentationRequestRow['status'] }) {
  const { t, status } = props;
  return <Tag colour={MANDATE_STATUS_COLOUR[status]}>{t(`identity.account.company_status.${status}`)}</Tag>;
}

function Details(props: { t: FastifyRequest['t']; r: RepresentationRequestRow }) {
  const { t, r } = props;
  const row = (key: string, value: unknown) => (value ? [{ key: t(key), value: value as string }] : []);
  return (
    <SummaryList
      rows={[
        { key: t('identity.representation.status'), value: <StatusTag t={t} status={r.status} /> },
        { key: t('identity.representation.company'), value: r.company.name },
        { key: t('identity.representation.cui'), value: r.company.cui },
        ...row('identity.representation.trade_register', r.company.tradeRegisterNo),
        { key: t('identity.representation.person'), value: r.person.name },
        { key: t('identity.representation.email'), value: r.person.email },
        ...row('identity.representation.cnp', r.person.cnp),
        { key: t('identity.representation.requested'), value: formatDateTime(r.requestedAt) },
        ...row('identity.representation.renewal_row', r.renewal ? t('identity.representation.renewal_requested', { date: formatDateTime(r.renewal.requestedAt) }) : null),
        ...row('identity.representation.valid_until_row', r.validUntil ? formatDate(`${r.validUntil}T12:00:00Z`) : null),
        {
          key: t('identity.representation.mandate'),
          value: (r.renewal?.mandateFilename ?? r.mandateFilename) ? (
            <a class="govuk-link" href={`${detailPath(r.id)}/imputernicire`} download={r.renewal?.mandateFilename ?? r.mandateFilename}>
              {t('identity.representation.download', { filename: r.renewal?.mandateFilename ?? r.mandateFilename })}
            </a>
          ) : (
            '—'
          ),
        },
        ...row(
          'identity.representation.revoked_row',
          r.revocation
            ? r.revocation.renounced
              ? t('identity.representation.renounced_on', { date: formatDateTime(r.revocation.at) })
              : t('identity.representation.revoked_on', { date: formatDateTime(r.revocation.at), reason: r.revocation.reason ?? '' })
            : null,
        ),
        ...row('identity.account.company_rejected', r.decisionReason ? t('identity.account.company_rejected', { reason: r.decisionReason }) : null),
      ]}
    />
  );
}
