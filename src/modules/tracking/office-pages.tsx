import { formTransactionId } from '../../platform/http/api-schema.ts';
import { randomUUID } from 'node:crypto';
import fastifyMultipart from '@fastify/multipart';
import { feeText } from '../cases/fee-text.ts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { App, AppDeps } from '../../app.ts';
import { AppError } from '../../platform/http/errors.ts';
import { formatDateTime, formatFileSize } from '../../platform/i18n/format.ts';
import { hasMessage, type T } from '../../platform/i18n/i18n.ts';
import { formatTrackingCode } from '../../platform/ids/tracking-code.ts';
import { Button, Checkboxes, Details, ErrorSummary, type FieldErrors, FileUpload, Form, H1, SummaryList, Textarea, TextInput, WarningText } from '../../platform/web/components.tsx';
import { sortScans } from '../registry/check-scans.ts';
import { KeptScansNote } from '../registry/kept-scans-note.tsx';
import { type KeptScan, keepScans, scansKept } from '../registry/kept-scans.ts';
import { multipartBody, readMultipartForm, SESSION_ENDED_CONFIG } from '../registry/multipart.ts';
import { extendCaseTerm } from '../cases/extend-case-term.ts';
import { TERM_EXTENSION_DAYS } from '../cases/domain/case-state.ts';
import { getCaseForOfficial } from '../cases/get-case-for-official.ts';
import { registerPaperWithdrawal } from '../cases/register-paper-withdrawal.ts';
import { requestCompletion } from '../cases/request-completion.ts';
import { getAnswerPanel } from '../documents/get-answer-panel.ts';
import { AnswerPanelView } from '../documents/views.tsx';
import { sendCaseMessage } from '../cases/send-case-message.ts';
import { requireActor } from '../identity/guards.ts';
import { actOnStep } from '../workflow/act-on-step.ts';
import { WORKFLOW_ACTIONS } from '../workflow/domain/workflow-definition.ts';
import { getCaseWorkflow } from '../workflow/get-case-workflow.ts';
import { actedText, WorkflowPanel } from '../workflow/views.tsx';
import { RefusalTerm } from './refusal-term-view.tsx';
import { translatedFieldErrors } from '../../platform/web/field-errors.ts';
import { Answers, Deadline, Documents, dayText, Extensions, FetchedDocuments, caseLiveTexts, Messages, StatusTag, Timeline } from './views.tsx';
import { liveEventsPath } from './live-events.ts';
import { LiveUpdates } from '../../platform/web/live-updates.tsx';
import { sendAttachment } from '../../platform/http/download.ts';
import { getCaseDocumentForOfficial } from '../cases/get-case-document.ts';
import { RedirectNotice } from './redirect-pages.tsx';
import { JoinNotice } from './join-pages.tsx';

export const officeCasePath = (id: string) => `/birou/dosare/${id}`;

const CaseParams = z.object({ caseId: z.string().max(100) });
const OfficeForm = z.object({
  text: z.string().max(20_000).optional(),
  days: z.string().max(10).optional(),
  reason: z.string().max(20_000).optional(),
  transactionId: z.string().max(100).optional(),
  /** A paper withdrawal: the CNP or CUI read from the document shown, and the clerk's tick that it was checked. */
  identity: z.string().max(40).optional(),
  identityChecked: z.string().max(10).optional(),
  pageCount: z.string().max(10).optional(),
  _csrf: z.string().optional(),
});
/** `kept`: the paper withdrawal's scans kept across its form coming back with errors (`keptScans` carries them). */
type OfficeValues = z.infer<typeof OfficeForm> & { form?: string; assigneeId?: string; keptScans?: string; kept?: KeptScan[] };
const FlowForm = z.object({
  action: z.enum(WORKFLOW_ACTIONS),
  step: z.string().max(40),
  version: z.coerce.number().int().min(0),
  transactionId: z.string().max(100).optional(),
  assigneeId: z.string().max(40).optional(),
  departmentId: z.string().max(40).optional(),
  returnTo: z.string().max(40).optional(),
  text: z.string().max(20_000).optional(),
  /** Where to go back to (an inbox): only pages under /birou. */
  next: z.string().max(500).optional(),
  _csrf: z.string().optional(),
});
const safeNext = (next: string | undefined) => (next && /^\/birou(\/[\w\-?=&%.+/]*)?$/.test(next) && !next.startsWith('//') ? next : null);


/**
 * The official's minimal view of a case (full inboxes and workflow come later): read it (audited), write to the
 * applicant, ask for missing documents, extend a petition's term.
 */
/**
 * An action the case no longer allows (a colleague acted first, the page was old, the term already extended): back to
 * the case as it is now, saying why — a 409 page said "reload", and reloading sent the form again. Anything else is
 * the usual error page.
 */
function backToCase(request: FastifyRequest, reply: FastifyReply, caseId: string, err: unknown): FastifyReply {
  if (!(err instanceof AppError) || err.kind !== 'conflict') throw err;
  // A message written for "the page you were on" has its own wording for the page shown again (`….back`).
  const key = hasMessage(`errors.${err.code}.back`) ? `errors.${err.code}.back` : `errors.${err.code}`;
  return reply.redirectWithFlash(officeCasePath(caseId), request.t(key, err.params), 'info');
}

/** Refusals of a workflow action whose remedy is another form of the case page: the error summary links there. */
const REMEDY_FIELD: Record<string, string> = { 'workflow.sign_answer_first': '#semnare-pin', 'workflow.sign_answer_before_approve': '#semnare-pin' };

function elsewhereOnPage(request: FastifyRequest, err: unknown): Record<string, string> | null {
  if (!(err instanceof AppError) || !REMEDY_FIELD[err.code]) return null;
  return { [REMEDY_FIELD[err.code]!]: request.t(`errors.${err.code}`, err.params) };
}

/** A field of the form that was posted (`flux-approve-text`), or, for a key written `#id`, another field of the page. */
const fieldIdOf = (key: string, form: string | undefined) => (key.startsWith('#') ? key.slice(1) : form ? `${form}-${key}` : key);

/**
 * Who the applicant is and how to reach them, as the official needs it to answer: a case filed on paper or at the
 * counter has no account to write to, so its address and phone matter as much as the e-mail.
 */
function applicantRows(t: T, detail: Awaited<ReturnType<typeof getCaseForOfficial>>) {
  const a = detail.applicant;
  const row = (key: string, value: string | null | undefined) => (value ? [{ key: t(key), value }] : []);
  return [
    { key: t('tracking.case.applicant'), value: a.name },
    ...row('tracking.office.applicant_cnp', a.cnp),
    ...row('tracking.office.applicant_cui', a.cui),
    ...row('tracking.office.applicant_address', a.address),
    ...row('tracking.office.applicant_email', a.email),
    ...row('tracking.office.applicant_phone', a.phone),
    ...row('tracking.office.applicant_id_document', a.idDocument),
    ...row('tracking.office.channel', hasMessage(`tracking.office.channel.${detail.channel}`) ? t(`tracking.office.channel.${detail.channel}`) : detail.channel),
  ];
}

export function registerOfficePages(app: App, deps: AppDeps): void {
  async function render(request: FastifyRequest, reply: FastifyReply, caseId: string, errors: FieldErrors = {}, values: OfficeValues = {}, status = 200) {
    const actor = requireActor(request);
    const { t } = request;
    const detail = await getCaseForOfficial(deps, actor, caseId);
    const flow = await getCaseWorkflow(deps, actor, caseId);
    const answer = await getAnswerPanel(deps, actor, caseId);
    const base = officeCasePath(detail.id);
    const a = detail.applicant;
    const valueFor = (form: string, key: 'text' | 'days' | 'reason' | 'identity' | 'pageCount') => (values.form === form ? values[key] : undefined);
    const errorFor = (form: string, key: string) => (values.form === form ? errors[key] : undefined);
    return reply.page(
      // Back to the official's inboxes: the case page was a dead end but for the header's "Birou".
      { title: t('tracking.office.title', { number: detail.number }), width: 'wide', hasErrors: Object.keys(errors).length > 0, status, backLink: { href: '/birou' } },
      <>
        <ErrorSummary title={t('common.error_summary_title')} errors={errors} fieldIds={Object.fromEntries(Object.keys(errors).map((k) => [k, fieldIdOf(k, values.form)]))} />
        <H1 caption={t('tracking.office.caption')}>{t('tracking.office.title', { number: detail.number })}</H1>
        <LiveUpdates events={liveEventsPath(base)} page={base} texts={caseLiveTexts(t)} />
        <div data-live-region="summary">
          <SummaryList
            rows={[
              { key: t('tracking.case.service'), value: detail.serviceName[t.locale] },
              { key: t('tracking.case.status'), value: <StatusTag t={t} status={detail.status} office /> },
              { key: t('tracking.case.deadline'), value: <Deadline t={t} deadline={detail.deadline} /> },
              ...(detail.refusal ? [{ key: t('tracking.case.refusal_deadline'), value: <RefusalTerm t={t} refusal={detail.refusal} /> }] : []),
              { key: t('tracking.case.fee'), value: feeText(t, detail.feeBani) },
              { key: t('tracking.case.code'), value: <span class="pd-code">{formatTrackingCode(detail.trackingCode)}</span> },
              { key: t('tracking.case.submitted'), value: formatDateTime(detail.submittedAt) },
              { key: t('tracking.case.department'), value: detail.departmentName ?? '—' },
              ...applicantRows(t, detail),
            ]}
          />
        </div>
        <RedirectNotice t={t} detail={detail} may={detail.may.redirect} />
        <JoinNotice t={t} detail={detail} may={detail.may.join} />
        <WorkflowPanel
          t={t}
          csrfToken={request.csrfToken}
          caseId={detail.id}
          view={flow}
          errors={errors}
          errorAction={values.form?.startsWith('flux-') ? values.form.slice(5) : undefined}
          values={{ text: values.text, assigneeId: values.assigneeId }}
        />
        <AnswerPanelView t={t} csrfToken={request.csrfToken} panel={answer} issueOffered={flow.actions.includes('issue')} />
        <div data-live-region="extensions">
          <Extensions t={t} detail={detail} />
        </div>
        <h2 class="govuk-heading-m">{t('tracking.office.answers')}</h2>
        <Answers t={t} detail={detail} />
        <FetchedDocuments t={t} documents={detail.fetchedDocuments} />
        <h2 class="govuk-heading-m">{t('tracking.case.documents')}</h2>
        <div data-live-region="documents">
          <Documents t={t} detail={detail} hrefFor={(id) => `${base}/documente/${id}`} applicantName={a.name} />
        </div>
        <h2 class="govuk-heading-m">{t('tracking.case.timeline')}</h2>
        <div data-live-region="timeline">
          <Timeline t={t} timeline={detail.timeline} applicantName={a.name} />
        </div>
        <h2 class="govuk-heading-m" id="mesaje">
          {t('tracking.case.messages')}
        </h2>
        <div data-live-region="messages">
          <Messages t={t} timeline={detail.timeline} applicantName={a.name} />
        </div>
        {detail.may.message ? (
          <Form action={`${base}/mesaj`} csrfToken={request.csrfToken}>
            <input type="hidden" name="transactionId" value={randomUUID()} />
            <Textarea id="mesaj-text" name="text" label={t('tracking.office.message_label')} value={valueFor('mesaj', 'text')} error={errorFor('mesaj', 'text')} maxLength={5000} rows={4} />
            <Button>{t('tracking.office.message_send')}</Button>
          </Form>
        ) : null}
        {/* Asked here only when the workflow panel above does not already offer it to this official. */}
        {detail.may.requestCompletion && !flow.actions.includes('request_completion') ? (
          <Details summary={t('tracking.office.completion_send')} open={values.form === 'completare'}>
            <Form action={`${base}/completare`} csrfToken={request.csrfToken}>
              <input type="hidden" name="transactionId" value={randomUUID()} />
              <Textarea
                id="completare-text"
                name="text"
                label={t('tracking.office.completion_label')}
                hint={t('tracking.office.completion_hint')}
                value={valueFor('completare', 'text')}
                error={errorFor('completare', 'text')}
                maxLength={5000}
                rows={4}
              />
              <Button>{t('tracking.office.completion_send')}</Button>
            </Form>
          </Details>
        ) : null}
        {detail.may.extend ? (
          <Details summary={t(`tracking.office.extend.${detail.kind}`)} open={values.form === 'prelungire'}>
            <p class="govuk-body">{t(`tracking.office.extend_hint.${detail.kind}`)}</p>
            <Form action={`${base}/prelungire`} csrfToken={request.csrfToken}>
              <input type="hidden" name="transactionId" value={randomUUID()} />
              <TextInput
                id="prelungire-days"
                name="days"
                inputmode="numeric"
                width={2}
                label={t('tracking.office.extend_days')}
                value={valueFor('prelungire', 'days') ?? String(TERM_EXTENSION_DAYS[detail.kind] ?? '')}
                error={errorFor('prelungire', 'days')}
              />
              <Textarea id="prelungire-reason" name="reason" label={t('tracking.office.extend_reason')} value={valueFor('prelungire', 'reason')} error={errorFor('prelungire', 'reason')} maxLength={1000} rows={3} />
              <Button>{t('tracking.office.extend_send')}</Button>
            </Form>
          </Details>
        ) : null}
        {detail.may.registerWithdrawal ? (
          <Details summary={t('tracking.office.paper_withdrawal')} open={values.form === 'retragere'}>
            <p class="govuk-body">{t('tracking.office.paper_withdrawal_hint')}</p>
            <Form action={`${base}/retragere`} csrfToken={request.csrfToken} multipart>
              <input type="hidden" name="transactionId" value={randomUUID()} />
              {a.cnp || a.cui ? (
                <TextInput
                  id="retragere-identity"
                  name="identity"
                  width={10}
                  inputmode="numeric"
                  spellcheck={false}
                  label={t(a.cui ? 'tracking.office.paper_withdrawal_cui' : 'tracking.office.paper_withdrawal_cnp')}
                  hint={t(a.cui ? 'tracking.office.paper_withdrawal_cui_hint' : 'tracking.office.paper_withdrawal_cnp_hint')}
                  value={valueFor('retragere', 'identity')}
                  error={errorFor('retragere', 'identity')}
                />
              ) : null}
              <Checkboxes
                id="retragere-identityChecked"
                name="identityChecked"
                legend={t('tracking.office.paper_withdrawal_check_legend')}
                small
                values={values.form === 'retragere' ? values.identityChecked : undefined}
                error={errorFor('retragere', 'identityChecked')}
                items={[{ value: 'da', label: t(a.cui ? 'tracking.office.paper_withdrawal_check_company' : 'tracking.office.paper_withdrawal_check') }]}
              />
              <Textarea
                id="retragere-reason"
                name="reason"
                label={t('tracking.office.paper_withdrawal_reason')}
                hint={t('tracking.office.paper_withdrawal_reason_hint')}
                value={valueFor('retragere', 'reason')}
                error={errorFor('retragere', 'reason')}
                maxLength={1000}
                rows={3}
              />
              <TextInput
                id="retragere-pageCount"
                name="pageCount"
                width={4}
                inputmode="numeric"
                label={t('tracking.office.paper_withdrawal_pages')}
                value={valueFor('retragere', 'pageCount')}
                error={errorFor('retragere', 'pageCount')}
              />
              {values.form === 'retragere' ? <KeptScansNote t={t} name="keptScans" token={values.keptScans ?? ''} kept={values.kept ?? []} /> : null}
              <FileUpload
                id="retragere-scan"
                name="scan"
                label={t('tracking.office.paper_withdrawal_scan')}
                hint={t('tracking.office.paper_withdrawal_scan_hint', { max: formatFileSize(deps.config.uploadLimitBytes, t.locale) })}
                error={errorFor('retragere', 'scan')}
                accept=".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png"
                multiple
                maxBytes={deps.config.uploadLimitBytes}
              />
              <WarningText assistive={t('common.warning')}>{t('tracking.office.paper_withdrawal_warning')}</WarningText>
              <Button variant="warning">{t('tracking.office.paper_withdrawal_send')}</Button>
            </Form>
          </Details>
        ) : null}
      </>,
    );
  }

  app.get('/birou/dosare/:caseId', { schema: { hide: true, params: CaseParams } }, async (request, reply) => render(request, reply, request.params.caseId));
  app.get('/birou/dosare/:caseId/documente/:documentId', { schema: { hide: true, params: z.object({ caseId: z.string().max(64), documentId: z.string().max(64) }) } }, async (request, reply) =>
    sendAttachment(reply, await getCaseDocumentForOfficial(deps, requireActor(request), request.params)),
  );

  const act = (form: 'mesaj' | 'completare' | 'prelungire') =>
    app.post(`/birou/dosare/:caseId/${form}`, { schema: { hide: true, params: CaseParams, body: OfficeForm } }, async (request, reply) => {
      const actor = requireActor(request);
      const { caseId } = request.params;
      const body = request.body;
      const transactionId = formTransactionId(body.transactionId);
      let flash: string;
      try {
        if (form === 'mesaj') {
          await sendCaseMessage(deps, actor, { caseId, text: body.text, transactionId });
          flash = request.t('tracking.case.message_sent');
        } else if (form === 'completare') {
          await requestCompletion(deps, actor, { caseId, text: body.text, transactionId });
          flash = request.t('tracking.office.completion_sent');
        } else {
          const r = await extendCaseTerm(deps, actor, { caseId, days: body.days, reason: body.reason, transactionId });
          flash = request.t('tracking.office.extended', { date: dayText(r.dueOn) });
        }
      } catch (err) {
        const errors = translatedFieldErrors(request.t, err);
        if (!errors) return backToCase(request, reply, caseId, err);
        return render(request, reply, caseId, errors, { ...body, form }, 400);
      }
      return reply.redirectWithFlash(officeCasePath(caseId), flash);
    });
  app.post('/birou/dosare/:caseId/flux', { schema: { hide: true, params: CaseParams, body: FlowForm } }, async (request, reply) => {
    const actor = requireActor(request);
    const { caseId } = request.params;
    const body = request.body;
    let r: Awaited<ReturnType<typeof actOnStep>>;
    // Forwarding to a department where nobody could take the case is allowed, but the one who routes it is told so.
    const target = body.action === 'forward' ? (await getCaseWorkflow(deps, actor, caseId)).departments.find((d) => (body.departmentId ? d.id === body.departmentId : d.isService)) : undefined;
    try {
      r = await actOnStep(deps, actor, { caseId, ...body, transactionId: formTransactionId(body.transactionId) });
    } catch (err) {
      const errors = translatedFieldErrors(request.t, err) ?? elsewhereOnPage(request, err);
      if (!errors) return backToCase(request, reply, caseId, err);
      return render(request, reply, caseId, errors, { text: body.text, assigneeId: body.assigneeId, form: `flux-${body.action}` }, 400);
    }
    if (target && !target.staffed && !r.duplicate) {
      const role = target.missingRole ? request.t(`workflow.role.${target.missingRole}`) : request.t('workflow.role.any');
      return reply.redirectWithFlash(safeNext(body.next) ?? officeCasePath(caseId), request.t('workflow.forwarded_unstaffed', { number: r.caseNumber, department: target.name, role }), 'info');
    }
    const flash = actedText(request.t, r, { action: body.action, actorId: actor.accountId });
    return reply.redirectWithFlash(safeNext(body.next) ?? officeCasePath(caseId), flash);
  });
  act('mesaj');
  act('completare');
  act('prelungire');

  // The paper withdrawal carries the scan of the signed paper; multipart is parsed only in this scope.
  app.register(async (scope) => {
    await scope.register(fastifyMultipart, { throwFileSizeLimit: false, limits: { fileSize: deps.config.uploadLimitBytes } });
    scope.post(
      '/birou/dosare/:caseId/retragere',
      { schema: { hide: true }, config: SESSION_ENDED_CONFIG, preValidation: multipartBody(deps.config.uploadLimitBytes) },
      async (request, reply) => {
        const actor = requireActor(request);
        const { caseId } = CaseParams.parse(request.params);
        const form = readMultipartForm(request, deps.config.sessionSecret);
        const parsed = OfficeForm.safeParse(Object.fromEntries(Object.entries(form.fields).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v])));
        if (!parsed.success) throw new AppError('validation', 'invalid');
        const body = parsed.data;
        const secret = deps.config.sessionSecret;
        const earlier = await scansKept(deps.blobs, form.fields.keptScans, secret, request.csrfBinding);
        const scans = [...earlier.scans, ...(form.files.scan ?? [])];
        let r: Awaited<ReturnType<typeof registerPaperWithdrawal>>;
        try {
          r = await registerPaperWithdrawal(deps, actor, {
            caseId,
            identity: body.identity,
            identityChecked: body.identityChecked,
            reason: body.reason,
            pageCount: body.pageCount,
            requirePageCount: true,
            scans,
            requireScan: true,
            transactionId: formTransactionId(body.transactionId),
          });
        } catch (err) {
          const errors = translatedFieldErrors(request.t, err);
          if (!errors) return backToCase(request, reply, caseId, err);
          // The scans that passed the checks come back with the form: a browser cannot re-fill a file input.
          const infected = err instanceof AppError && Object.values(err.fields ?? {}).some((c) => c === 'registry.scan_infected' || c === 'registry.scan_unavailable');
          const keep = await keepScans(deps.blobs, infected ? [] : sortScans(scans, deps.config.uploadLimitBytes).accepted, secret, request.csrfBinding);
          return render(request, reply, caseId, errors, { ...body, form: 'retragere', keptScans: keep.token, kept: keep.kept }, 400);
        }
        const flash = r.number ? request.t('tracking.office.paper_withdrawal_done', { number: r.number }) : request.t('tracking.office.paper_withdrawal_already');
        return reply.redirectWithFlash(officeCasePath(caseId), flash);
      },
    );
  });
}
