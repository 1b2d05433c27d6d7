import { formTransactionId } from '../../platform/http/api-schema.ts';
import { randomUUID } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { App, AppDeps } from '../../app.ts';
import { AppError } from '../../platform/http/errors.ts';
import type { T } from '../../platform/i18n/i18n.ts';
import { Button, ErrorSummary, type FieldErrors, Form, H1, Radios, Select, Textarea, TextInput, WarningText } from '../../platform/web/components.tsx';
import { translatedFieldErrors } from '../../platform/web/field-errors.ts';
import type { CaseDetail } from '../cases/case-detail.ts';
import type { Redirect } from '../cases/domain/case-state.ts';
import { getRedirectForm, type RedirectResult, redirectPetition } from '../cases/redirect-petition.ts';
import { requireActor } from '../identity/guards.ts';
import { TransactionId } from './routes.ts';
import { dayText } from './views.tsx';
import { RegistryNumber, registryNumberOf } from '../registry/domain/registry-number.ts';

const redirectPath = (caseId: string) => `/birou/dosare/${caseId}/redirectionare`;
const casePath = (caseId: string) => `/birou/dosare/${caseId}`;

const CaseParams = z.object({ caseId: z.string().max(100) });
const RedirectFormBody = z.object({
  to: z.string().max(20).optional(),
  institution: z.string().max(100).optional(),
  name: z.string().max(1000).optional(),
  email: z.string().max(1000).optional(),
  reason: z.string().max(20_000).optional(),
  transactionId: z.string().max(100).optional(),
  _csrf: z.string().optional(),
});
type Values = z.infer<typeof RedirectFormBody>;


/** Where a redirected petition went, in one sentence. */
export function redirectDoneText(t: T, r: Redirect): string {
  return r.kind === 'platform'
    ? t('redirect.done_platform', { institution: r.institutionName, number: r.number })
    : t('redirect.done_outside', { institution: r.institutionName, email: r.email, number: r.outgoingNumber });
}

/**
 * The case page's lines about OG 27/2002 art. 6¹: where a petition received from another institution came from,
 * where this one went, or — while it may still be sent on — the 5-day clock (flagged once missed) and the link to
 * the form. Nothing for other cases.
 */
/** `may`: the official may send it on now (getCaseForOfficial's `may.redirect`: their rights and the case's state). */
export function RedirectNotice(props: { t: T; detail: CaseDetail; may: boolean }) {
  const { t, detail } = props;
  const r = detail.redirect;
  const from = r.from ? <p class="govuk-inset-text">{t('redirect.received_from', { institution: r.from.institutionName, number: r.from.number })}</p> : null;
  if (r.to) {
    return (
      <>
        {from}
        <p class="govuk-inset-text" id="redirectionare">
          {redirectDoneText(t, r.to)} {r.to.late ? t('redirect.done_late') : null}{' '}
          {r.to.joined?.length ? t('redirect.done_joined', { numbers: r.to.joined.map((j) => `${j.number} (${j.sentAs})`).join(', ') }) : null}
        </p>
      </>
    );
  }
  if (!props.may || !r.dueOn) return from;
  return (
    <>
      {from}
      <div id="redirectionare">
        {r.late ? <WarningText assistive={t('common.warning')}>{t('redirect.clock_missed', { date: dayText(r.dueOn) })}</WarningText> : <p class="govuk-body">{t('redirect.clock', { date: dayText(r.dueOn) })}</p>}
        <p class="govuk-body">
          <a class="govuk-link" href={redirectPath(detail.id)}>
            {t('redirect.link')}
          </a>
        </p>
      </div>
    </>
  );
}

function flashFor(t: T, r: RedirectResult): string {
  if (r.duplicate) return t('redirect.sent_already', { institution: r.redirect.institutionName });
  return r.redirect.kind === 'platform'
    ? t('redirect.sent_platform', { institution: r.redirect.institutionName, number: r.redirect.number })
    : t('redirect.sent_outside', { institution: r.redirect.institutionName, number: r.redirect.outgoingNumber });
}

/** The form an official fills to send a petition to the competent institution, and the API call that does the same. */
export function registerRedirectPages(app: App, deps: AppDeps): void {
  async function render(request: FastifyRequest, reply: FastifyReply, caseId: string, errors: FieldErrors = {}, values: Values = {}, status = 200) {
    const { t } = request;
    const form = await getRedirectForm(deps, requireActor(request), caseId);
    // Sent already, closed, or not a petition: the case page says why.
    if (!form.open) return reply.redirect(casePath(form.caseId), 303);
    const title = t('redirect.title', { number: form.number });
    const to = values.to ?? (form.targets.length ? undefined : 'outside');
    return reply.page(
      { title, hasErrors: Object.keys(errors).length > 0, status, backLink: { href: casePath(form.caseId) } },
      <>
        <ErrorSummary title={t('common.error_summary_title')} errors={errors} />
        <H1 caption={t('redirect.caption')}>{title}</H1>
        <p class="govuk-body">{t('redirect.lead')}</p>
        {form.joined.length ? <p class="govuk-inset-text">{t('redirect.joined_go_along', { numbers: form.joined.join(', ') })}</p> : null}
        {form.clock ? (
          form.clock.late ? (
            <WarningText assistive={t('common.warning')}>{t('redirect.clock_missed', { date: dayText(form.clock.dueOn) })}</WarningText>
          ) : (
            <p class="govuk-body">{t('redirect.clock', { date: dayText(form.clock.dueOn) })}</p>
          )
        ) : null}
        <Form action={redirectPath(form.caseId)} csrfToken={request.csrfToken}>
          <input type="hidden" name="transactionId" value={values.transactionId ?? randomUUID()} />
          <Radios
            name="to"
            legend={t('redirect.to_legend')}
            value={to}
            error={errors.to}
            items={[
              {
                value: 'platform',
                label: t('redirect.to_platform'),
                hint: form.targets.length ? t('redirect.to_platform_hint') : t('redirect.none_on_platform'),
                conditional: form.targets.length ? (
                  <Select
                    name="institution"
                    label={t('redirect.institution')}
                    value={values.institution}
                    error={errors.institution}
                    options={[{ value: '', label: t('redirect.institution_choose') }, ...form.targets.map((i) => ({ value: i.slug, label: i.name }))]}
                  />
                ) : undefined,
              },
              {
                value: 'outside',
                label: t('redirect.to_outside'),
                hint: t('redirect.to_outside_hint'),
                conditional: (
                  <>
                    <TextInput name="name" label={t('redirect.name')} value={values.name} error={errors.name} autocomplete="organization" />
                    <TextInput name="email" type="email" label={t('redirect.email')} hint={t('redirect.email_hint')} value={values.email} error={errors.email} autocomplete="email" spellcheck={false} />
                  </>
                ),
              },
            ]}
          />
          <Textarea name="reason" label={t('redirect.reason')} hint={t('redirect.reason_hint')} value={values.reason} error={errors.reason} maxLength={1000} rows={4} />
          <Button>{t('redirect.send')}</Button>
        </Form>
      </>,
    );
  }

  app.get(redirectPath(':caseId'), { schema: { hide: true, params: CaseParams } }, async (request, reply) => render(request, reply, request.params.caseId));

  app.post(redirectPath(':caseId'), { schema: { hide: true, params: CaseParams, body: RedirectFormBody } }, async (request, reply) => {
    const { caseId } = request.params;
    const body = request.body;
    const transactionId = formTransactionId(body.transactionId);
    let r: RedirectResult;
    try {
      r = await redirectPetition(deps, requireActor(request), { caseId, to: body.to, institution: body.institution, name: body.name, email: body.email, reason: body.reason, transactionId });
    } catch (err) {
      const errors = translatedFieldErrors(request.t, err);
      if (errors) return render(request, reply, caseId, errors, { ...body, transactionId }, 400);
      // Sent by a colleague meanwhile, closed, not a petition: back to the case, saying why.
      if (err instanceof AppError && err.kind === 'conflict') return reply.redirectWithFlash(casePath(caseId), request.t(`errors.${err.code}`, err.params), 'info');
      throw err;
    }
    return reply.redirectWithFlash(casePath(caseId), flashFor(request.t, r));
  });

  const Target = z.object({ id: z.string(), slug: z.string(), name: z.string() });
  app.get(
    '/api/v1/cases/:caseId/redirection',
    {
      schema: {
        tags: ['cases'],
        summary:
          'Sending a petition on to the competent institution (OG 27/2002 art. 6¹): whether it may be sent now, the last day of the 5 days and whether it has passed, the institutions of the platform that receive petitions, and where it went once sent',
        security: [{ session: [] }],
        params: CaseParams,
        response: {
          200: z.object({
            open: z.boolean(),
            dueOn: z.string().nullable().describe('YYYY-MM-DD, the last day of the 5 days from registration; null for a case that is not a petition'),
            late: z.boolean(),
            targets: z.array(Target),
            joined: z.array(RegistryNumber).describe('The petitions joined to this one (OG 27/2002 art. 10): sending it on sends them along'),
            redirect: z
              .record(z.string(), z.unknown())
              .nullable()
              .describe('Where it went: kind platform (institutionName, number, caseId) or outside (institutionName, email); outgoingNumber (the letter registered here; on platform ones since 23.11.2026), late, told (the petitioner was e-mailed; absent before 23.11.2026)'),
          }),
        },
      },
    },
    async (request) => {
      const f = await getRedirectForm(deps, requireActor(request), request.params.caseId);
      return { open: f.open, dueOn: f.clock?.dueOn ?? null, late: f.clock?.late ?? false, targets: f.targets, joined: f.joined.map(registryNumberOf), redirect: f.done };
    },
  );

  app.post(
    '/api/v1/cases/:caseId/redirection',
    {
      schema: {
        tags: ['cases'],
        summary:
          'Sends a petition registered here, but meant for another institution, on to the competent one (OG 27/2002 art. 6¹): `to: platform` with `institution` (slug or id from GET …/redirection) opens a case there under its own registration number, linked to this one; `to: outside` with `name` and `email` registers an outgoing letter here and e-mails the petition. The petitioner is e-mailed where it went; this case closes as redirected. Allowed after the 5 days too (then `late`). 400 `validation` with `fields` (to, institution, name, email, reason); 409 `cases.redirect.already` / `.closed` / `.not_petition`; the same transactionId again answers the first result with `duplicate: true`',
        security: [{ session: [], csrf: [] }],
        params: CaseParams,
        body: z.object({
          to: z.enum(['platform', 'outside']),
          institution: z.string().max(100).optional(),
          name: z.string().max(1000).optional(),
          email: z.string().max(1000).optional(),
          reason: z.string().max(20_000),
          transactionId: TransactionId,
        }),
        response: {
          201: z.object({
            status: z.string(),
            institutionName: z.string(),
            number: RegistryNumber.describe('platform: the registration number at the competent institution; outside: the outgoing letter’s number here'),
            outgoingNumber: RegistryNumber.nullable().describe('The outgoing letter registered here that sent it on (outside: the same as `number`); null only for one sent to the platform before 23.11.2026'),
            caseId: z.string().nullable().describe('platform: the new case at the competent institution'),
            late: z.boolean().describe('Sent after the 5 days from registration'),
            joined: z
              .array(
                z.object({
                  number: RegistryNumber.describe('Its number here'),
                  sentAs: RegistryNumber.describe('platform: its number there; outside: its own outgoing letter’s number here'),
                  outgoingNumber: RegistryNumber.nullable().describe('Its own outgoing letter here (outside: the same as `sentAs`)'),
                }),
              )
              .describe('The petitions joined to this one (OG 27/2002 art. 10), sent along with it'),
            duplicate: z.boolean(),
          }),
        },
      },
    },
    async (request, reply) => {
      const b = request.body;
      const r = await redirectPetition(deps, requireActor(request), { caseId: request.params.caseId, ...b, transactionId: b.transactionId ?? randomUUID() });
      const x = r.redirect;
      return reply.code(201).send({
        status: r.status,
        institutionName: x.institutionName,
        number: registryNumberOf(x.kind === 'platform' ? x.number : x.outgoingNumber),
        outgoingNumber: x.outgoingNumber ? registryNumberOf(x.outgoingNumber) : null,
        caseId: x.kind === 'platform' ? x.caseId : null,
        late: x.late,
        joined: (x.joined ?? []).map((j) => {
          const letter = x.kind === 'outside' ? j.sentAs : j.outgoingNumber;
          return { number: registryNumberOf(j.number), sentAs: registryNumberOf(j.sentAs), outgoingNumber: letter ? registryNumberOf(letter) : null };
        }),
        duplicate: r.duplicate,
      });
    },
  );
}
