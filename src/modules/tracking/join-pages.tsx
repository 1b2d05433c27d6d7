import { formTransactionId } from '../../platform/http/api-schema.ts';
import { randomUUID } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { App, AppDeps } from '../../app.ts';
import { AppError } from '../../platform/http/errors.ts';
import type { T } from '../../platform/i18n/i18n.ts';
import { Button, ErrorSummary, type FieldErrors, Form, H1, Radios, Textarea } from '../../platform/web/components.tsx';
import { translatedFieldErrors } from '../../platform/web/field-errors.ts';
import type { CaseDetail, SentOnWith } from '../cases/case-detail.ts';
import type { Join } from '../cases/domain/case-state.ts';
import { getJoinForm, joinPetition } from '../cases/join-petition.ts';
import { RegistryNumber, registryNumberOf } from '../registry/domain/registry-number.ts';
import { requireActor } from '../identity/guards.ts';
import { TransactionId } from './routes.ts';
import { dayText } from './views.tsx';

const joinPath = (caseId: string) => `/birou/dosare/${caseId}/conexare`;
const casePath = (caseId: string) => `/birou/dosare/${caseId}`;

const CaseParams = z.object({ caseId: z.string().max(100) });
const JoinFormBody = z.object({
  into: z.string().max(100).optional(),
  reason: z.string().max(20_000).optional(),
  transactionId: z.string().max(100).optional(),
  _csrf: z.string().optional(),
});
type Values = z.infer<typeof JoinFormBody>;


/** Where a joined petition went, in one sentence. */
export function joinDoneText(t: T, j: Join): string {
  return j.answeredOn ? t('join.done_answered', { number: j.number, date: dayText(j.answeredOn) }) : t('join.done', { number: j.number });
}

/** Where a joined petition went along with the first, sent on to the competent institution, in one sentence. */
export function sentOnText(t: T, to: Join, s: SentOnWith): string {
  const late = s.late ? ` ${t('redirect.done_late')}` : '';
  return s.kind === 'platform'
    ? t('join.sent_on_platform', { first: to.number, institution: s.institutionName, number: s.number }) + late
    : t('join.sent_on_outside', { first: to.number, institution: s.institutionName, email: s.email ?? '', number: s.number }) + late;
}

/**
 * The case page's lines about OG 27/2002 art. 10: the earlier petition this one was joined to, the petitions joined to
 * this one (its answer must refer to them), and — while it may still be joined — the link to the form.
 */
/** `may`: the official may join it now (getCaseForOfficial's `may.join`: their rights and the case's state). */
export function JoinNotice(props: { t: T; detail: CaseDetail; may: boolean }) {
  const { t, detail } = props;
  const { to, joined, sentOn } = detail.join;
  return (
    <>
      {to ? (
        <p class="govuk-inset-text" id="conexare">
          {joinDoneText(t, to)}{' '}
          <a class="govuk-link" href={casePath(to.caseId)}>
            {t('join.see', { number: to.number })}
          </a>
          {sentOn ? (
            <>
              <br />
              {sentOnText(t, to, sentOn)}
            </>
          ) : null}
        </p>
      ) : null}
      {joined.length ? <p class="govuk-inset-text">{t('join.covers', { numbers: joined.map((j) => j.number).join(', ') })}</p> : null}
      {!to && props.may ? (
        <p class="govuk-body">
          <a class="govuk-link" href={joinPath(detail.id)}>
            {t('join.link')}
          </a>
        </p>
      ) : null}
    </>
  );
}

/** The form an official fills to join a repeated petition to the first, and the API calls that do the same. */
export function registerJoinPages(app: App, deps: AppDeps): void {
  async function render(request: FastifyRequest, reply: FastifyReply, caseId: string, errors: FieldErrors = {}, values: Values = {}, status = 200) {
    const { t } = request;
    const form = await getJoinForm(deps, requireActor(request), caseId);
    if (!form.open || form.done) return reply.redirect(casePath(form.caseId), 303);
    const title = t('join.title', { number: form.number });
    return reply.page(
      { title, hasErrors: Object.keys(errors).length > 0, status, backLink: { href: casePath(form.caseId) } },
      <>
        <ErrorSummary title={t('common.error_summary_title')} errors={errors} />
        <H1 caption={t('join.caption')}>{title}</H1>
        <p class="govuk-body">{t('join.lead')}</p>
        {form.candidates.length === 0 ? (
          <p class="govuk-body">{t('join.none')}</p>
        ) : (
          <Form action={joinPath(form.caseId)} csrfToken={request.csrfToken}>
            <input type="hidden" name="transactionId" value={values.transactionId ?? randomUUID()} />
            <Radios
              name="into"
              legend={t('join.into_legend')}
              hint={t('join.into_hint')}
              value={values.into}
              error={errors.into}
              items={form.candidates.map((c) => ({ value: c.id, label: `${c.number}${c.answered ? ` (${t('join.answered')})` : ''}`, hint: c.subject ?? undefined }))}
            />
            <Textarea name="reason" label={t('join.reason')} value={values.reason} error={errors.reason} maxLength={1000} rows={3} />
            <Button>{t('join.send')}</Button>
          </Form>
        )}
      </>,
    );
  }

  app.get(joinPath(':caseId'), { schema: { hide: true, params: CaseParams } }, async (request, reply) => render(request, reply, request.params.caseId));

  app.post(joinPath(':caseId'), { schema: { hide: true, params: CaseParams, body: JoinFormBody } }, async (request, reply) => {
    const { caseId } = request.params;
    const body = request.body;
    const transactionId = formTransactionId(body.transactionId);
    let r: Awaited<ReturnType<typeof joinPetition>>;
    try {
      r = await joinPetition(deps, requireActor(request), { caseId, into: body.into, reason: body.reason, transactionId });
    } catch (err) {
      const errors = translatedFieldErrors(request.t, err);
      if (errors) return render(request, reply, caseId, errors, { ...body, transactionId }, 400);
      if (err instanceof AppError && err.kind === 'conflict') return reply.redirectWithFlash(casePath(caseId), request.t(`errors.${err.code}`, err.params), 'info');
      throw err;
    }
    const key = r.duplicate ? 'join.sent_already' : r.join.answeredOn ? 'join.sent_answered' : 'join.sent';
    return reply.redirectWithFlash(casePath(caseId), request.t(key, { number: r.join.number }));
  });

  const JoinJson = z.object({ caseId: z.string(), number: z.string(), answeredOn: z.string().nullable().describe('YYYY-MM-DD: the earlier one was already answered, so this one was filed at its number') });
  app.get(
    '/api/v1/cases/:caseId/join',
    {
      schema: {
        tags: ['cases'],
        summary: 'Joining a repeated petition to the first (OG 27/2002 art. 10): whether it may be joined now, the earlier petitions of the same petitioner (same account, CNP, CUI or e-mail) it can be joined to, and the one it was joined to',
        security: [{ session: [] }],
        params: CaseParams,
        response: {
          200: z.object({
            open: z.boolean(),
            candidates: z.array(z.object({ id: z.string(), number: z.string(), subject: z.string().nullable(), answered: z.boolean() })),
            joined: JoinJson.nullable(),
            sentOn: z
              .object({
                kind: z.enum(['platform', 'outside']),
                institutionName: z.string(),
                email: z.string().nullable().describe('outside: the address it was e-mailed to'),
                number: RegistryNumber.describe('platform: its own registration number at the competent institution; outside: its own outgoing letter’s number here'),
                late: z.boolean().describe('Sent after the 5 days from registration'),
              })
              .nullable()
              .describe('The petition it was joined to was sent on to the competent institution (OG 27/2002 art. 6¹) and this one went along: where, and under which number'),
          }),
        },
      },
    },
    async (request) => {
      const f = await getJoinForm(deps, requireActor(request), request.params.caseId);
      return { open: f.open && !f.done, candidates: f.candidates, joined: f.done, sentOn: f.sentOn && { kind: f.sentOn.kind, institutionName: f.sentOn.institutionName, email: f.sentOn.email, number: registryNumberOf(f.sentOn.number), late: f.sentOn.late } };
    },
  );

  app.post(
    '/api/v1/cases/:caseId/join',
    {
      schema: {
        tags: ['cases'],
        summary:
          'Joins a repeated petition to an earlier one of the same petitioner (`into`: its case id or registration number, one of GET …/join `candidates`): this case closes as joined, its register entry is linked to the first, whose answer covers both; when the first was already answered, this one is filed at its number with reference to that answer. The petitioner is e-mailed. 400 `validation` with `fields` (into, reason); 409 `cases.join.closed` / `.not_petition`; the same transactionId again answers the first result with `duplicate: true`',
        security: [{ session: [], csrf: [] }],
        params: CaseParams,
        body: z.object({ into: z.string().max(100), reason: z.string().max(20_000).optional(), transactionId: TransactionId }),
        response: { 201: z.object({ status: z.string(), joined: JoinJson, duplicate: z.boolean() }) },
      },
    },
    async (request, reply) => {
      const b = request.body;
      const r = await joinPetition(deps, requireActor(request), { caseId: request.params.caseId, into: b.into, reason: b.reason, transactionId: b.transactionId ?? randomUUID() });
      return reply.code(201).send({ status: r.status, joined: r.join, duplicate: r.duplicate });
    },
  );
}
