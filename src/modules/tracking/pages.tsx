import { formTransactionId } from '../../platform/http/api-schema.ts';
import { translatedFieldErrors } from '../../platform/web/field-errors.ts';
import { feeText } from '../cases/fee-text.ts';
import fastifyMultipart from '@fastify/multipart';
import { randomUUID } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { App } from '../../app.ts';
import { formatDateTime } from '../../platform/i18n/format.ts';
import type { T } from '../../platform/i18n/i18n.ts';
import { formatTrackingCode } from '../../platform/ids/tracking-code.ts';
import {
  Button,
  ButtonGroup,
  ErrorSummary,
  type FieldErrors,
  FileUpload,
  Form,
  H1,
  InsetText,
  P,
  Pagination,
  ScrollBox,
  SummaryList,
  Table,
  Tag,
  Textarea,
  WarningText,
} from '../../platform/web/components.tsx';
import { addCompletionDocument } from '../cases/add-completion-document.ts';
import type { CaseDetail } from '../cases/case-detail.ts';
import { confirmCompletion } from '../cases/confirm-completion.ts';
import { getCaseDocumentForApplicant } from '../cases/get-case-document.ts';
import { getCaseForApplicant } from '../cases/get-case-for-applicant.ts';
import { listCasesOfApplicant } from '../cases/list-cases-of-applicant.ts';
import { sendCaseMessage } from '../cases/send-case-message.ts';
import { withdrawCase } from '../cases/withdraw-case.ts';
import type { IssuedAnswerView } from '../documents/find-issued-answer.ts';
import { caseAnswer } from './routes.ts';
import { verificationPath } from '../documents/views.tsx';
import { requireActor } from '../identity/guards.ts';
import { deadlineView } from './domain/deadline.ts';
import type { TrackingDeps } from './module.ts';
import { multipartBody, readMultipartForm } from '../../platform/http/multipart.ts';
import { Answers, Deadline, Documents, Extensions, caseLiveTexts, Messages, StatusTag, Timeline } from './views.tsx';
import { RefusalTerm } from './refusal-term-view.tsx';
import { sentOnText } from './join-pages.tsx';
import { redirectDoneText } from './redirect-pages.tsx';
import { liveEventsPath } from './live-events.ts';
import { LiveUpdates } from '../../platform/web/live-updates.tsx';
import { sendAttachment } from '../../platform/http/download.ts';

export const CASES_PATH = '/cont/cereri';
export const casePath = (id: string) => `${CASES_PATH}/${id}`;

const PageQuery = z.object({ pagina: z.coerce.number().int().min(1).max(100_000).catch(1).default(1) });
const CaseParams = z.object({ caseId: z.string().max(100) });
const DocParams = CaseParams.extend({ documentId: z.string().max(100) });
const TextForm = z.object({ text: z.string().max(20_000).optional(), transactionId: z.string().max(100).optional(), _csrf: z.string().optional() });
const ReasonForm = z.object({ reason: z.string().max(20_000).optional(), transactionId: z.string().max(100).optional(), _csrf: z.string().optional() });
const ConfirmForm = z.object({ transactionId: z.string().max(100).optional(), _csrf: z.string().optional() });




const OUTCOME_COLOUR = { granted: 'green', refused: 'red', information: 'blue', partial: 'orange' } as const;

/**
 * The institution's answer at the top of an answered request: what the applicant came for, not one line among the
 * documents further down — the signed document's own text, who signed it and when, and whether its signatures check
 * out. A case issued without an answer document of the platform shows its last outgoing document.
 */
function IssuedAnswer(props: { t: T; detail: CaseDetail; answer: IssuedAnswerView | null; hrefFor: (id: string) => string }) {
  const { t, detail, answer } = props;
  const file = detail.status === 'issued' || (detail.status === 'archived' && answer) ? (detail.documents.find((d) => d.id === answer?.caseDocumentId) ?? detail.documents.filter((d) => d.direction === 'out').at(-1)) : undefined;
  if (!file) return null;
  const outcome = answer?.outcome ?? detail.outcome;
  return (
    <section aria-labelledby="raspuns-emis">
      <h2 class="govuk-heading-m" id="raspuns-emis">
        {t('tracking.case.answer_title')}
      </h2>
      {outcome ? (
        <P>
          <Tag colour={OUTCOME_COLOUR[outcome]}>{t(`tracking.case.outcome.${outcome}`)}</Tag> {t(`tracking.case.outcome.${outcome}_lead`)}
        </P>
      ) : null}
      <P>{t('tracking.case.answer_lead', { date: formatDateTime(answer?.issuedAt ?? file.createdAt) })}</P>
      {answer ? (
        <>
          <h3 class="govuk-heading-s" id="textul-raspunsului">
            {t('tracking.case.answer_text')}
          </h3>
          <p class="govuk-hint">{t('tracking.case.answer_text_hint')}</p>
          <div class="govuk-inset-text pd-answer-text" lang="ro">
            <p class="govuk-body govuk-!-font-weight-bold">{answer.title}</p>
            <p class="govuk-body pd-multiline">{answer.text}</p>
          </div>
        </>
      ) : null}
      {answer?.partialRefusal ? (
        <SummaryList
          rows={[
            { key: t('tracking.case.partial.part'), value: <span lang="ro" class="pd-multiline">{answer.partialRefusal.part}</span> },
            { key: t('tracking.case.partial.ground'), value: t('tracking.case.partial.ground_value', { ground: t(`documents.exemption.${answer.partialRefusal.ground}`) }) },
            { key: t('tracking.case.partial.reasons'), value: <span lang="ro" class="pd-multiline">{answer.partialRefusal.reasons}</span> },
          ]}
        />
      ) : null}
      {answer?.remedy ? (
        <InsetText>
          <p class="govuk-body">{t('tracking.case.remedy')}</p>
          <p class="govuk-body" lang="ro">
            {answer.remedy}
          </p>
        </InsetText>
      ) : null}
      {answer ? (
        <SummaryList
          rows={[
            { key: t('tracking.case.answer_number'), value: answer.outgoingNumber },
            {
              key: t('tracking.case.answer_signed_by'),
              value: (
                <ol class="govuk-list govuk-list--number">
                  {answer.signatures.map((s, i) => (
                    <li key={i}>{t('tracking.case.answer_signature', { title: t(`documents.role.${s.title}`), name: s.name, time: formatDateTime(s.signedAt) })}</li>
                  ))}
                </ol>
              ),
            },
            {
              key: t('tracking.case.answer_verification'),
              value: (
                <>
                  <p class="govuk-body">
                    {answer.signaturesValid ? <Tag colour="green">{t('tracking.case.answer_verified')}</Tag> : <Tag colour="red">{t('tracking.case.answer_not_verified')}</Tag>}
                  </p>
                  <p class="govuk-body">{answer.signaturesValid ? t('tracking.case.answer_verified_lead') : t('tracking.case.answer_not_verified_lead')}</p>
                  <p class="govuk-body">
                    <a class="govuk-link" href={verificationPath(answer.documentId)}>
                      {t('tracking.case.answer_verification_page')}
                    </a>
                  </p>
                </>
              ),
            },
          ]}
        />
      ) : null}
      <Button href={props.hrefFor(file.id)}>{t('tracking.case.answer_download')}</Button>
    </section>
  );
}

export function registerCitizenPages(app: App, deps: TrackingDeps): void {
  const mb = Math.round(deps.config.uploadLimitBytes / 1048576);

  app.get(CASES_PATH, { schema: { hide: true, querystring: PageQuery } }, async (request, reply) => {
    const actor = requireActor(request);
    const { t } = request;
    const list = await listCasesOfApplicant(deps, actor, { page: request.query.pagina });
    // Whose name each request is in, as soon as one of them is a company's: a colleague's filing for the company is not one's own.
    const forCompanies = list.items.some((c) => c.companyId);
    return reply.page(
      { title: t('tracking.list.title'), width: 'wide', backLink: { href: '/cont' } },
      <>
        <H1>{t('tracking.list.title')}</H1>
        <P>{t('tracking.list.lead')}</P>
        {list.total === 0 ? (
          <P>{t('tracking.list.none')}</P>
        ) : (
          <>
            <P>{t.plural('tracking.list.count', list.total)}</P>
            <ScrollBox label={t('tracking.list.caption')}>
              <Table
                caption={<span class="govuk-visually-hidden">{t('tracking.list.caption')}</span>}
                head={[
                  t('tracking.col.service'),
                  ...(forCompanies ? [t('tracking.col.on_behalf')] : []),
                  t('tracking.col.number'),
                  t('tracking.col.code'),
                  t('tracking.col.status'),
                  t('tracking.col.deadline'),
                ]}
                stackOnPhone
                rows={list.items.map((c) => [
                  <a class="govuk-link" href={casePath(c.id)}>
                    {c.serviceName[t.locale]}
                  </a>,
                  ...(forCompanies ? [c.companyId ? c.applicantName : t('tracking.list.self')] : []),
                  c.number,
                  <span class="pd-code">{formatTrackingCode(c.trackingCode)}</span>,
                  <StatusTag t={t} status={c.status} />,
                  <Deadline t={t} deadline={deadlineView(c.dueOn, c.status, list.today)} />,
                ])}
              />
            </ScrollBox>
            <Pagination
              page={list.page}
              pageCount={list.pageCount}
              hrefFor={(n) => `${CASES_PATH}?pagina=${n}`}
              labels={{ previous: t('common.previous'), next: t('common.next'), nav: t('common.pagination'), page: (n) => t('common.page_n', { n }) }}
            />
          </>
        )}
      </>,
    );
  });

  async function renderCase(request: FastifyRequest, reply: FastifyReply, detail: CaseDetail, errors: FieldErrors = {}, values: Record<string, string> = {}, status = 200) {
    const { t } = request;
    // A company's request is followed by each of its representatives: what its applicant did is the company's, not "yours".
    const company = detail.applicant.kind === 'company' ? detail.applicant : null;
    const applicantName = company?.name;
    const base = casePath(detail.id);
    const answer = await caseAnswer(deps, detail);
    return reply.page(
      { title: t('tracking.case.caption', { number: detail.number }), width: 'wide', hasErrors: Object.keys(errors).length > 0, status, backLink: { href: CASES_PATH } },
      <>
        <ErrorSummary title={t('common.error_summary_title')} errors={errors} />
        <H1 caption={t('tracking.case.caption', { number: detail.number })}>{detail.serviceName[t.locale]}</H1>
        <LiveUpdates events={liveEventsPath(base)} page={base} texts={caseLiveTexts(t)} />
        <div data-live-region="summary">
          <SummaryList
            rows={[
              ...(company ? [{ key: t('tracking.case.on_behalf'), value: company.cui ? `${company.name} (CUI ${company.cui})` : company.name }] : []),
              { key: t('tracking.case.status'), value: <StatusTag t={t} status={detail.status} /> },
              { key: t('tracking.case.deadline'), value: <Deadline t={t} deadline={detail.deadline} /> },
              ...(detail.refusal ? [{ key: t('tracking.case.refusal_deadline'), value: <RefusalTerm t={t} refusal={detail.refusal} /> }] : []),
              { key: t('tracking.case.fee'), value: feeText(t, detail.feeBani) },
              { key: t('tracking.case.number'), value: detail.number },
              { key: t('tracking.case.code'), value: <span class="pd-code">{formatTrackingCode(detail.trackingCode)}</span> },
              { key: t('tracking.case.submitted'), value: formatDateTime(detail.submittedAt) },
              { key: t('tracking.case.department'), value: detail.departmentName ?? '—' },
            ]}
          />
          {/* OG 27/2002 art. 6¹: where the petition went and under which number, or where it came from (the 30 days run from here). */}
          {detail.redirect.to ? (
            <p class="govuk-inset-text" id="redirectionare">
              {redirectDoneText(t, detail.redirect.to)}
            </p>
          ) : null}
          {detail.redirect.from ? <p class="govuk-inset-text">{t('redirect.received_from', { institution: detail.redirect.from.institutionName, number: detail.redirect.from.number })}</p> : null}
          {detail.join.to && !detail.join.to.answeredOn ? (
            <p class="govuk-inset-text" id="conexare">
              {t('join.citizen_done', { number: detail.join.to.number })}
              {detail.join.sentOn ? (
                <>
                  <br />
                  {sentOnText(t, detail.join.to, detail.join.sentOn)}
                </>
              ) : null}
            </p>
          ) : null}
        </div>
        <div data-live-region="answer">
          <IssuedAnswer t={t} detail={detail} answer={answer} hrefFor={(id) => `${base}/documente/${id}`} />
          {detail.extensions.length > 0 ? (
            <>
              <h2 class="govuk-heading-m">{t('tracking.case.extensions')}</h2>
              <Extensions t={t} detail={detail} />
            </>
          ) : null}
        </div>

        {detail.completion ? (
          <section aria-labelledby="completare">
            <h2 class="govuk-heading-m" id="completare">
              {t('tracking.case.completion')}
            </h2>
            <P>{t('tracking.case.completion_lead', { date: formatDateTime(detail.completion.requestedAt) })}</P>
            <InsetText>
              <span class="pd-multiline">{detail.completion.text}</span>
            </InsetText>
            <h3 class="govuk-heading-s">{t('tracking.case.completion_uploaded')}</h3>
            {detail.completion.uploaded.length === 0 ? (
              <P>{t('tracking.case.completion_none')}</P>
            ) : (
              <ul class="govuk-list govuk-list--bullet">
                {detail.completion.uploaded.map((d) => (
                  <li key={d.id}>{d.filename}</li>
                ))}
              </ul>
            )}
            <Form action={`${base}/completare`} csrfToken={request.csrfToken} multipart>
              <FileUpload name="file" label={t('tracking.case.file_label')} hint={t('tracking.case.file_hint', { mb })} accept=".pdf,.jpg,.jpeg,.png,.docx,.odt" error={errors.file} maxBytes={deps.config.uploadLimitBytes} />
              <Button variant="secondary">{t('tracking.case.upload')}</Button>
            </Form>
            <Form action={`${base}/completare/confirmare`} csrfToken={request.csrfToken}>
              <input type="hidden" name="transactionId" value={randomUUID()} />
              <Button>{t('tracking.case.confirm_completion')}</Button>
            </Form>
          </section>
        ) : null}

        <h2 class="govuk-heading-m">{t('tracking.case.timeline')}</h2>
        <div data-live-region="timeline">
          <Timeline t={t} timeline={detail.timeline} applicantName={applicantName} />
        </div>

        <h2 class="govuk-heading-m">{t('tracking.case.documents')}</h2>
        <div data-live-region="documents">
          <Documents t={t} detail={detail} hrefFor={(id) => `${base}/documente/${id}`} applicantName={applicantName} />
        </div>
        <P>
          <a class="govuk-link" href={`${base}/recipisa.pdf`}>
            {t('tracking.case.receipt')}
          </a>
        </P>

        <h2 class="govuk-heading-m">{t('tracking.case.answers')}</h2>
        <Answers t={t} detail={detail} />

        <section aria-labelledby="mesaje">
          <h2 class="govuk-heading-m" id="mesaje">
            {t('tracking.case.messages')}
          </h2>
          <div data-live-region="messages">
            <Messages t={t} timeline={detail.timeline} applicantName={applicantName} />
          </div>
          {detail.allowed.message ? (
            <Form action={`${base}/mesaje`} csrfToken={request.csrfToken}>
              <input type="hidden" name="transactionId" value={randomUUID()} />
              <Textarea name="text" label={t('tracking.case.message_label')} hint={t('tracking.case.message_hint')} value={values.text} error={errors.text} maxLength={5000} />
              <Button>{t('tracking.case.send')}</Button>
            </Form>
          ) : null}
        </section>

        {detail.allowed.withdraw ? (
          <P>
            <a class="govuk-link" href={`${base}/retragere`}>
              {t('tracking.case.withdraw_link')}
            </a>
          </P>
        ) : null}
      </>,
    );
  }

  app.get('/cont/cereri/:caseId', { schema: { hide: true, params: CaseParams } }, async (request, reply) => {
    const actor = requireActor(request);
    return renderCase(request, reply, await getCaseForApplicant(deps, actor, request.params.caseId));
  });

  app.post('/cont/cereri/:caseId/mesaje', { schema: { hide: true, params: CaseParams, body: TextForm } }, async (request, reply) => {
    const actor = requireActor(request);
    const { caseId } = request.params;
    try {
      await sendCaseMessage(deps, actor, { caseId, text: request.body.text, transactionId: formTransactionId(request.body.transactionId) });
    } catch (err) {
      const errors = translatedFieldErrors(request.t, err);
      if (!errors) throw err;
      return renderCase(request, reply, await getCaseForApplicant(deps, actor, caseId), errors, { text: request.body.text ?? '' }, 400);
    }
    return reply.redirectWithFlash(`${casePath(caseId)}#mesaje`, request.t('tracking.case.message_sent'));
  });

  app.get('/cont/cereri/:caseId/documente/:documentId', { schema: { hide: true, params: DocParams } }, async (request, reply) => {
    const actor = requireActor(request);
    return sendAttachment(reply, await getCaseDocumentForApplicant(deps, actor, { caseId: request.params.caseId, documentId: request.params.documentId }));
  });

  app.post('/cont/cereri/:caseId/completare/confirmare', { schema: { hide: true, params: CaseParams, body: ConfirmForm } }, async (request, reply) => {
    const actor = requireActor(request);
    const { caseId } = request.params;
    let number: string | null;
    try {
      ({ number } = await confirmCompletion(deps, actor, { caseId, transactionId: formTransactionId(request.body.transactionId) }));
    } catch (err) {
      const errors = translatedFieldErrors(request.t, err);
      if (!errors) throw err;
      return renderCase(request, reply, await getCaseForApplicant(deps, actor, caseId), errors, {}, 400);
    }
    return reply.redirectWithFlash(casePath(caseId), number ? request.t('tracking.case.completed_registered', { number }) : request.t('tracking.case.completed'));
  });

  // Multipart is accepted only in this scope: no other form takes file uploads by accident.
  app.register(async (scope) => {
    await scope.register(fastifyMultipart, { throwFileSizeLimit: false, limits: { fileSize: deps.config.uploadLimitBytes } });
    scope.post('/cont/cereri/:caseId/completare', { schema: { hide: true }, preValidation: multipartBody(deps.config.uploadLimitBytes, 1) }, async (request, reply) => {
      const actor = requireActor(request);
      const { caseId } = CaseParams.parse(request.params);
      const upload = readMultipartForm(request, deps.config.sessionSecret).files.file?.[0] ?? { filename: '', bytes: new Uint8Array() };
      try {
        await addCompletionDocument(deps, actor, { caseId, filename: upload.filename, bytes: upload.bytes, truncated: upload.truncated });
      } catch (err) {
        const errors = translatedFieldErrors(request.t, err);
        if (!errors) throw err;
        return renderCase(request, reply, await getCaseForApplicant(deps, actor, caseId), errors, {}, 400);
      }
      return reply.redirectWithFlash(`${casePath(caseId)}#completare`, request.t('tracking.case.uploaded', { name: upload.filename }));
    });
  });

  function notWithdrawable(request: FastifyRequest, reply: FastifyReply, detail: CaseDetail) {
    const { t } = request;
    const text = detail.status === 'withdrawn' ? t('tracking.withdraw.already', { number: detail.number }) : t('errors.tracking.withdraw.not_allowed');
    return reply.redirectWithFlash(casePath(detail.id), text, 'info');
  }

  async function renderWithdraw(request: FastifyRequest, reply: FastifyReply, detail: CaseDetail, errors: FieldErrors = {}, reason = '', status = 200) {
    const { t } = request;
    // Back on the page of a request already withdrawn (browser history, a second tab): say so, on the request.
    if (!detail.allowed.withdraw) return notWithdrawable(request, reply, detail);
    return reply.page(
      { title: t('tracking.withdraw.title', { number: detail.number }), hasErrors: Object.keys(errors).length > 0, status, backLink: { href: casePath(detail.id) } },
      <>
        <ErrorSummary title={t('common.error_summary_title')} errors={errors} />
        <H1 caption={detail.serviceName[t.locale]}>{t('tracking.withdraw.title', { number: detail.number })}</H1>
        <P>{t('tracking.withdraw.lead')}</P>
        <WarningText>{t('tracking.withdraw.warning')}</WarningText>
        <Form action={`${casePath(detail.id)}/retragere`} csrfToken={request.csrfToken}>
          <input type="hidden" name="transactionId" value={randomUUID()} />
          <Textarea name="reason" label={t('tracking.withdraw.reason')} hint={t('tracking.withdraw.reason_hint')} value={reason} error={errors.reason} maxLength={1000} rows={3} />
          <ButtonGroup>
            <Button variant="warning">{t('tracking.withdraw.submit')}</Button>
            <a class="govuk-link" href={casePath(detail.id)}>
              {t('tracking.withdraw.cancel')}
            </a>
          </ButtonGroup>
        </Form>
      </>,
    );
  }

  app.get('/cont/cereri/:caseId/retragere', { schema: { hide: true, params: CaseParams } }, async (request, reply) => {
    const actor = requireActor(request);
    return renderWithdraw(request, reply, await getCaseForApplicant(deps, actor, request.params.caseId));
  });

  app.post('/cont/cereri/:caseId/retragere', { schema: { hide: true, params: CaseParams, body: ReasonForm } }, async (request, reply) => {
    const actor = requireActor(request);
    const { caseId } = request.params;
    try {
      await withdrawCase(deps, actor, { caseId, reason: request.body.reason, transactionId: formTransactionId(request.body.transactionId) });
    } catch (err) {
      const detail = await getCaseForApplicant(deps, actor, caseId);
      if (!detail.allowed.withdraw) return notWithdrawable(request, reply, detail);
      const errors = translatedFieldErrors(request.t, err);
      if (!errors) throw err;
      return renderWithdraw(request, reply, detail, errors, request.body.reason ?? '', 400);
    }
    const detail = await getCaseForApplicant(deps, actor, caseId);
    return reply.redirectWithFlash(casePath(caseId), request.t('tracking.withdraw.done', { number: detail.number }));
  });
}
