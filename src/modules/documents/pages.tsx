import { formTransactionId } from '../../platform/http/api-schema.ts';
import { translatedFieldErrors } from '../../platform/web/field-errors.ts';
import { randomUUID } from 'node:crypto';
import fastifyMultipart from '@fastify/multipart';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { App, AppDeps } from '../../app.ts';
import { AppError, retryAfter } from '../../platform/http/errors.ts';
import { multipartBody, readMultipartForm } from '../../platform/http/multipart.ts';
import { formatDateTime } from '../../platform/i18n/format.ts';
import { Button, ErrorSummary, type FieldErrors, FileUpload, Form, H1, InsetText, P, Radios, Select, SummaryList, Table, Textarea, TextInput, WarningText } from '../../platform/web/components.tsx';
import { requireActor } from '../identity/guards.ts';
import { ANSWER_OUTCOMES, ANSWER_TEXT_MAX } from './domain/answer-text.ts';
import { EXEMPTION_GROUNDS, PARTIAL_PART_MAX, PARTIAL_REASONS_MAX } from './domain/partial-refusal.ts';
import { generateAnswer } from './generate-answer.ts';
import { getAnswerFile, getAnswerPanel } from './get-answer-panel.ts';
import { issueAnswer } from './issue-answer.ts';
import { getTemplateEditor, listTemplates, saveTemplate, TemplateInvalid } from './manage-templates.ts';
import { previewAnswer } from './preview-answer.ts';
import { saveAnswerDraft } from './save-answer-draft.ts';
import { getSigningKeyStatus, saveSigningKey } from './save-signing-key.ts';
import { signAnswer } from './sign-answer.ts';
import { AnswerPanelView, answerPath } from './views.tsx';
import { withdrawAnswer } from './withdraw-answer.ts';
import { titleOf } from './domain/signers.ts';
import { getCaseWorkflow } from '../workflow/get-case-workflow.ts';

const CaseParams = z.object({ caseId: z.string().max(100) });
const DocParams = CaseParams.extend({ documentId: z.string().max(100) });
const TxBody = z.object({ transactionId: z.string().max(100).optional(), _csrf: z.string().optional() });
const SignBody = TxBody.extend({ pin: z.string().max(200).optional(), code: z.string().max(20).optional() });
const CodeParams = z.object({ code: z.string().max(40) });
const AnswerBody = z.object({
  outcome: z.string().max(40).optional(),
  text: z.string().max(40_000).optional(),
  refusedPart: z.string().max(8_000).optional(),
  exemption: z.string().max(40).optional(),
  refusalReasons: z.string().max(20_000).optional(),
  _csrf: z.string().optional(),
});
type Typed = Omit<z.infer<typeof AnswerBody>, '_csrf'>;
const TemplateBody = z.object({ title: z.string().max(1000).optional(), body: z.string().max(40_000).optional(), remedy: z.string().max(10_000).optional(), _csrf: z.string().optional() });



/** The step the official who just signed must still close (approve it, or mark it signed), or null. */
async function signersStepLeft(deps: AppDeps, actor: Parameters<typeof getCaseWorkflow>[1], caseId: string) {
  const wf = await getCaseWorkflow(deps, actor, caseId);
  const action = (['sign', 'approve'] as const).find((a) => wf.actions.includes(a));
  return action && !wf.closed ? { action, name: wf.step.name } : null;
}

/** Where to go back to after an action on the answer: the official's case page, at the answer's panel. */
export const afterAction = (caseId: string) => `/birou/dosare/${caseId}#raspuns`;

/** The official's pages of the answer document, and the administrator's template editor. */
export function registerDocumentPages(app: App, deps: AppDeps): void {
  async function renderPanel(request: FastifyRequest, reply: FastifyReply, caseId: string, errors: FieldErrors = {}, status = 200) {
    const actor = requireActor(request);
    const { t } = request;
    const panel = await getAnswerPanel(deps, actor, caseId);
    return reply.page(
      { title: `${t('documents.panel.title')} — ${t('documents.preview.caption', { number: panel.caseNumber })}`, width: 'wide', hasErrors: Object.keys(errors).length > 0, status, backLink: { href: `/birou/dosare/${panel.caseId}` } },
      <>
        <ErrorSummary title={t('common.error_summary_title')} errors={errors} fieldIds={{ pin: 'semnare-pin', code: 'semnare-code' }} />
        <span class="govuk-caption-l">{t('documents.preview.caption', { number: panel.caseNumber })}</span>
        <h1 class="govuk-heading-l" id="raspuns-title">
          {t('documents.panel.title')}
        </h1>
        <AnswerPanelView t={t} csrfToken={request.csrfToken} panel={panel} errors={errors} standalone />
      </>,
    );
  }

  app.get('/birou/dosare/:caseId/raspuns', { schema: { hide: true, params: CaseParams } }, async (request, reply) => renderPanel(request, reply, request.params.caseId));

  async function renderPreview(request: FastifyRequest, reply: FastifyReply, caseId: string, errors: FieldErrors = {}, typed?: Typed, status = 400) {
    const actor = requireActor(request);
    const { t } = request;
    const preview = await previewAnswer(deps, actor, { caseId, pendingNumberText: t('documents.preview.pending_number') });
    const base = answerPath(preview.caseId);
    const hasErrors = Object.keys(errors).length > 0;
    const refusal = preview.answer?.partialRefusal;
    // The part refused of a public-information request answered in part: shown when "Comunicare parțială" is chosen.
    const partialFields = (
      <>
        <Textarea
          id="refusedPart"
          name="refusedPart"
          label={t('documents.answer.refused_part')}
          hint={t('documents.answer.refused_part_hint')}
          value={typed?.refusedPart ?? refusal?.part ?? ''}
          error={errors.refusedPart}
          rows={3}
          maxLength={PARTIAL_PART_MAX}
        />
        <Select
          name="exemption"
          label={t('documents.answer.exemption')}
          options={[{ value: '', label: t('documents.answer.exemption_choose') }, ...EXEMPTION_GROUNDS.map((g) => ({ value: g, label: t(`documents.exemption.${g}`) }))]}
          value={typed?.exemption ?? refusal?.ground ?? ''}
          error={errors.exemption}
        />
        <Textarea
          id="refusalReasons"
          name="refusalReasons"
          label={t('documents.answer.refusal_reasons')}
          hint={t('documents.answer.refusal_reasons_hint')}
          value={typed?.refusalReasons ?? refusal?.reasons ?? ''}
          error={errors.refusalReasons}
          rows={5}
          maxLength={PARTIAL_REASONS_MAX}
        />
      </>
    );
    const outcomes = ANSWER_OUTCOMES.filter((o) => o !== 'partial' || preview.partialAllowed).map((o) => ({
      value: o,
      label: t(`documents.answer.outcome.${o}`),
      hint: t(`documents.answer.outcome.${o}_hint`),
      ...(o === 'partial' ? { conditional: partialFields } : {}),
    }));
    return reply.page(
      { title: t('documents.preview.title'), width: 'wide', hasErrors, status: hasErrors ? status : 200, backLink: { href: base } },
      <>
        <ErrorSummary title={t('common.error_summary_title')} errors={errors} />
        <H1 caption={t('documents.preview.caption', { number: preview.number })}>{t('documents.preview.title')}</H1>
        <h2 class="govuk-heading-m">{t('documents.answer.title')}</h2>
        {preview.lockedBy ? (
          <WarningText>{t('documents.answer.locked', { name: preview.lockedBy })}</WarningText>
        ) : (
          <Form action={`${base}/text`} csrfToken={request.csrfToken}>
            <Radios name="outcome" legend={t('documents.answer.outcome')} items={outcomes} value={typed?.outcome ?? preview.answer?.outcome} error={errors.outcome} />
            <Textarea
              id="text"
              name="text"
              label={t('documents.answer.text')}
              hint={t('documents.answer.text_hint')}
              value={typed?.text ?? preview.answer?.text ?? ''}
              error={errors.text}
              rows={12}
              maxLength={ANSWER_TEXT_MAX}
            />
            <Button>{t('documents.answer.save')}</Button>
          </Form>
        )}
        {preview.answer ? (
          <>
            <h2 class="govuk-heading-m">{t('documents.preview.document')}</h2>
            <P>{preview.templateVersion ? t('documents.preview.template_own', { version: preview.templateVersion }) : t('documents.preview.template_default')}</P>
            {preview.missing.length ? (
              <>
                <WarningText>{t('documents.preview.missing')}</WarningText>
                <ul class="govuk-list govuk-list--bullet" aria-label={t('documents.preview.missing_title')}>
                  {preview.missing.map((m) => (
                    <li key={m}>
                      <code>{`{{${m}}}`}</code>
                    </li>
                  ))}
                </ul>
              </>
            ) : (
              <InsetText>{t('documents.preview.complete')}</InsetText>
            )}
            <article class="pd-document-preview" lang="ro">
              <h3 class="govuk-heading-m">{preview.title}</h3>
              {preview.body.split(/\n{2,}/).map((para, i) => (
                <p class="govuk-body" key={i}>
                  {para.split('\n').flatMap((line, j) => (j > 0 ? [<br key={`b${j}`} />, line] : [line]))}
                </p>
              ))}
            </article>
            <h2 class="govuk-heading-s">{t('documents.preview.signers')}</h2>
            <ol class="govuk-list govuk-list--number">
              {preview.signers.map((s) => (
                <li key={s.accountId}>
                  {t(`documents.role.${titleOf(s)}`)} — {s.name}
                </li>
              ))}
            </ol>
            <Form action={`${base}/generare`} csrfToken={request.csrfToken}>
              <input type="hidden" name="transactionId" value={randomUUID()} />
              <P>{t('documents.preview.generate_hint')}</P>
              <Button>{t('documents.preview.generate')}</Button>
            </Form>
          </>
        ) : (
          <InsetText>{t('documents.answer.none')}</InsetText>
        )}
      </>,
    );
  }

  app.get('/birou/dosare/:caseId/raspuns/previzualizare', { schema: { hide: true, params: CaseParams } }, async (request, reply) => renderPreview(request, reply, request.params.caseId));

  app.post('/birou/dosare/:caseId/raspuns/text', { schema: { hide: true, params: CaseParams, body: AnswerBody } }, async (request, reply) => {
    const actor = requireActor(request);
    const { caseId } = request.params;
    try {
      const { outcome, text, refusedPart, exemption, refusalReasons } = request.body;
      const r = await saveAnswerDraft(deps, actor, { caseId, outcome, text, partialRefusal: { part: refusedPart, ground: exemption, reasons: refusalReasons } });
      const flash = !r.changed
        ? request.t('documents.answer.unchanged')
        : r.withdrawnVersion
          ? request.t('documents.answer.saved_withdrawn', { version: r.withdrawnVersion })
          : request.t('documents.answer.saved');
      return reply.redirectWithFlash(`${answerPath(caseId)}/previzualizare`, flash);
    } catch (err) {
      const errors = translatedFieldErrors(request.t, err);
      if (!errors) throw err;
      // What the official typed stays in the form, whatever was refused.
      // Signed meanwhile (409): the page then says so instead of offering the form.
      const { _csrf, ...typed } = request.body;
      return renderPreview(request, reply, caseId, errors, typed, err instanceof AppError && err.kind === 'conflict' ? 409 : 400);
    }
  });

  app.post('/birou/dosare/:caseId/raspuns/:documentId/retragere', { schema: { hide: true, params: DocParams, body: TxBody } }, async (request, reply) => {
    const actor = requireActor(request);
    const r = await withdrawAnswer(deps, actor, request.params);
    return reply.redirectWithFlash(`${answerPath(request.params.caseId)}/previzualizare`, request.t('documents.withdrawn', { version: r.version }));
  });

  app.post('/birou/dosare/:caseId/raspuns/generare', { schema: { hide: true, params: CaseParams, body: TxBody } }, async (request, reply) => {
    const actor = requireActor(request);
    const r = await generateAnswer(deps, actor, { caseId: request.params.caseId, transactionId: formTransactionId(request.body.transactionId) });
    return reply.redirectWithFlash(afterAction(request.params.caseId), request.t('documents.generated', { version: r.version, number: r.outgoingNumber }));
  });

  app.post('/birou/dosare/:caseId/raspuns/:documentId/semnare', { schema: { hide: true, params: DocParams, body: SignBody } }, async (request, reply) => {
    const actor = requireActor(request);
    let r: Awaited<ReturnType<typeof signAnswer>>;
    try {
      r = await signAnswer(deps, actor, { documentId: request.params.documentId, pin: request.body.pin, code: request.body.code, transactionId: formTransactionId(request.body.transactionId) });
    } catch (err) {
      const errors = translatedFieldErrors(request.t, err);
      if (!errors) throw err;
      retryAfter(reply, err);
      return renderPanel(request, reply, request.params.caseId, errors, err instanceof AppError && err.kind === 'rate_limited' ? 429 : 400);
    }
    // The signature alone does not pass the case on: the signer's own step (approve, sign) still waits for its button.
    const step = await signersStepLeft(deps, actor, request.params.caseId);
    const done = request.t(r.complete ? 'documents.sign.done_all' : 'documents.sign.done');
    return reply.redirectWithFlash(
      afterAction(request.params.caseId),
      step ? request.t('documents.sign.done_then_step', { step: step.name[request.locale], button: request.t(`workflow.action.${step.action}`) }) : done,
    );
  });

  app.post('/birou/dosare/:caseId/raspuns/emitere', { schema: { hide: true, params: CaseParams, body: TxBody } }, async (request, reply) => {
    const actor = requireActor(request);
    await issueAnswer(deps, actor, { caseId: request.params.caseId, transactionId: formTransactionId(request.body.transactionId) });
    return reply.redirectWithFlash(afterAction(request.params.caseId), request.t('documents.issued'));
  });

  app.get('/birou/dosare/:caseId/raspuns/:documentId/pdf', { schema: { hide: true, params: DocParams } }, async (request, reply) => {
    const actor = requireActor(request);
    const file = await getAnswerFile(deps, actor, request.params);
    return sendPdf(reply, file.filename, file.bytes);
  });

  // ---- the official's own signing key ----

  async function renderKey(request: FastifyRequest, reply: FastifyReply, errors: FieldErrors = {}, status = 200) {
    const actor = requireActor(request);
    const { t } = request;
    const key = await getSigningKeyStatus(deps, actor);
    return reply.page(
      { title: t('documents.key.title'), hasErrors: Object.keys(errors).length > 0, status, backLink: { href: '/cont' } },
      <>
        <ErrorSummary title={t('common.error_summary_title')} errors={errors} />
        <H1>{t('documents.key.title')}</H1>
        <P>{t('documents.key.lead')}</P>
        <InsetText>
          {key ? t('documents.key.current', { subject: key.subject, kind: t(`documents.key.kind.${key.kind}`), since: formatDateTime(key.since) }) : t('documents.key.none')}
        </InsetText>
        <Form action="/cont/semnatura" csrfToken={request.csrfToken} multipart>
          <FileUpload name="file" id="file" label={t('documents.key.file')} accept=".p12,.pfx,application/x-pkcs12" error={errors.file} />
          <TextInput id="pin" name="pin" type="password" autocomplete="off" width={10} label={t('documents.key.pin')} hint={t('documents.key.pin_hint')} error={errors.pin} />
          <Button>{t('documents.key.submit')}</Button>
        </Form>
      </>,
    );
  }

  app.get('/cont/semnatura', { schema: { hide: true } }, async (request, reply) => renderKey(request, reply));

  // Multipart is parsed only in this scope: no other form accepts file uploads by accident.
  app.register(async (scope) => {
    await scope.register(fastifyMultipart, { throwFileSizeLimit: false, limits: { fileSize: 64 * 1024 + 1 } });
    scope.post('/cont/semnatura', { schema: { hide: true }, preValidation: multipartBody(64 * 1024 + 1, 1) }, async (request, reply) => {
      const actor = requireActor(request);
      const form = readMultipartForm(request, deps.config.sessionSecret);
      const file = form.files.file?.[0];
      const pin = typeof form.fields.pin === 'string' ? form.fields.pin : '';
      try {
        const r = await saveSigningKey(deps, actor, { p12: file && !file.truncated ? file.bytes : file ? new Uint8Array(64 * 1024 + 1) : null, pin });
        return reply.redirectWithFlash('/cont/semnatura', request.t('documents.key.saved', { subject: r.subject }));
      } catch (err) {
        const errors = translatedFieldErrors(request.t, err);
        if (!errors) throw err;
        return renderKey(request, reply, errors, 400);
      }
    });
  });

  // ---- templates (administrator) ----

  app.get('/admin/sabloane', { schema: { hide: true } }, async (request, reply) => {
    const actor = requireActor(request);
    const { t } = request;
    const list = await listTemplates(deps, actor);
    return reply.page(
      { title: t('documents.admin.title'), width: 'wide', backLink: { href: '/admin' } },
      <>
        <H1 caption={`${t('documents.admin.caption')} — ${list.institutionName}`}>{t('documents.admin.title')}</H1>
        <P>{t('documents.admin.intro')}</P>
        <Table
          caption={t('documents.admin.title')}
          captionSize="s"
          head={[t('documents.admin.service'), t('documents.admin.template'), '']}
          rows={list.rows
            .filter((r) => r.published)
            .map((r) => [
              r.name[t.locale],
              r.version ? t('documents.admin.own', { version: r.version }) : t('documents.admin.default'),
              <a class="govuk-link" href={`/admin/sabloane/${encodeURIComponent(r.code)}`} key={r.code}>
                {t('documents.admin.edit')}
                <span class="govuk-visually-hidden"> {r.name[t.locale]}</span>
              </a>,
            ])}
        />
      </>,
    );
  });

  async function renderEditor(request: FastifyRequest, reply: FastifyReply, code: string, typed?: { title?: string; body?: string; remedy?: string }, errors: FieldErrors = {}, problems: string[] = []) {
    const actor = requireActor(request);
    const { t } = request;
    const editor = await getTemplateEditor(deps, actor, code);
    const name = editor.serviceName[t.locale];
    const bodyError = [errors.body, ...problems].filter(Boolean).join(' ') || undefined;
    const shown: FieldErrors = { ...(errors.title ? { title: errors.title } : {}), ...(bodyError ? { body: bodyError } : {}), ...(errors.remedy ? { remedy: errors.remedy } : {}) };
    return reply.page(
      { title: t('documents.admin.edit_title', { service: name }), width: 'wide', hasErrors: Object.keys(shown).length > 0, status: Object.keys(shown).length ? 400 : 200, backLink: { href: '/admin/sabloane' } },
      <>
        <ErrorSummary title={t('common.error_summary_title')} errors={shown} />
        <H1 caption={t('documents.admin.title')}>{t('documents.admin.edit_title', { service: name })}</H1>
        <P>{editor.version ? t('documents.admin.current_own', { version: editor.version }) : t('documents.admin.current_default')}</P>
        <SummaryList
          rows={[
            { key: t('documents.admin.service'), value: `${name} (${editor.code})` },
          ]}
        />
        <Form action={`/admin/sabloane/${encodeURIComponent(code)}`} csrfToken={request.csrfToken}>
          <TextInput id="title" name="title" label={t('documents.admin.field_title')} value={typed?.title ?? editor.title} error={shown.title} />
          <Textarea
            id="body"
            name="body"
            label={t('documents.admin.field_body')}
            hint={`${t('documents.admin.fields_hint', { fields: editor.caseFields.join(', ') })} ${t('documents.admin.answers_hint', { fields: editor.answerFields.join(', ') || '—' })}`}
            value={typed?.body ?? editor.body}
            error={shown.body}
            rows={18}
          />
          <Textarea
            id="remedy"
            name="remedy"
            label={t('documents.admin.field_remedy')}
            hint={t('documents.admin.remedy_hint', { text: editor.defaultRemedy })}
            value={typed?.remedy ?? editor.remedy}
            error={shown.remedy}
            rows={5}
          />
          <Button>{t('documents.admin.save')}</Button>
        </Form>
      </>,
    );
  }

  app.get('/admin/sabloane/:code', { schema: { hide: true, params: CodeParams } }, async (request, reply) => renderEditor(request, reply, request.params.code));

  app.post('/admin/sabloane/:code', { schema: { hide: true, params: CodeParams, body: TemplateBody } }, async (request, reply) => {
    const actor = requireActor(request);
    const { code } = request.params;
    try {
      const r = await saveTemplate(deps, actor, { code, title: request.body.title, body: request.body.body, remedy: request.body.remedy });
      return reply.redirectWithFlash(`/admin/sabloane/${encodeURIComponent(code)}`, request.t('documents.admin.saved', { version: r.version }));
    } catch (err) {
      if (!(err instanceof TemplateInvalid)) throw err;
      const t = request.t;
      const errors = translatedFieldErrors(request.t, err) ?? {};
      const problems = err.problems.filter((p) => p.field === 'body').map((p) => t(`errors.${p.code}`, p.params));
      const titleProblems = err.problems.filter((p) => p.field === 'title').map((p) => t(`errors.${p.code}`, p.params));
      if (titleProblems.length) errors.title = titleProblems.join(' ');
      if (problems.length) delete errors.body;
      return renderEditor(request, reply, code, request.body, errors, problems);
    }
  });
}

/** A PDF shown in the browser's viewer: inline, its real type, never sniffed, never cached by shared caches. */
export function sendPdf(reply: FastifyReply, filename: string, bytes: Uint8Array): FastifyReply {
  const ascii = filename.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return reply
    .header('content-type', 'application/pdf')
    .header('content-disposition', `inline; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`)
    .header('cache-control', 'private, no-store')
    .header('x-content-type-options', 'nosniff')
    .send(Buffer.from(bytes));
}
