import fastifyMultipart from '@fastify/multipart';
import { feeText } from '../cases/fee-text.ts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { App } from '../../app.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { bucharestDay, daysBetween, legalDeadline } from '../../platform/calendar/calendar.ts';
import { AppError } from '../../platform/http/errors.ts';
import { formatDate, formatDateTime, formatFileSize, formatMoney } from '../../platform/i18n/format.ts';
import type { T } from '../../platform/i18n/i18n.ts';
import { formatTrackingCode } from '../../platform/ids/tracking-code.ts';
import {
  Button,
  ButtonGroup,
  Checkboxes,
  Details,
  ErrorSummary,
  FileUpload,
  Form,
  H1,
  InsetText,
  P,
  Panel,
  Radios,
  SummaryList,
  type SummaryRow,
  WarningText,
} from '../../platform/web/components.tsx';
import { allQuestions, applicablePages, conditionHolds, type Page, type Question, summaryLabel } from '../catalog/domain/form-definition.ts';
import { termText } from '../catalog/describe.ts';
import { computeFee } from '../catalog/domain/fee.ts';
import { issuerName } from '../catalog/domain/service-definition.ts';
import type { FieldError, RawInput } from '../catalog/domain/validate-answers.ts';
import { requireActor } from '../identity/guards.ts';
import { getClosures } from '../organisation/closures.ts';
import { attachDocument } from './attach-document.ts';
import { attachSignedApplication } from './attach-signed-application.ts';
import { completeDocumentStep } from './complete-document-step.ts';
import { answersToRaw, declarations, documentsToUpload, fetchedDocuments, type Item, nextStep, stepPath, visibleItems } from './domain/journey.ts';
import { AttachedFiles, fieldAnchor, formatAnswer, formatGroup, GroupField, QuestionField } from './form-fields.tsx';
import { type DraftView, getDraft, type SubmissionDeps } from './get-draft.ts';
import { getSubmittedCase } from './get-submitted-case.ts';
import { fixedByCompany, type ProfileOffer } from './domain/prefill.ts';
import { findProfileOffer, saveAnswersToProfile } from './save-answers-to-profile.ts';
import { listDrafts } from './list-drafts.ts';
import { formOf, readMultipart } from './multipart.ts';
import { recordConsents } from './record-consents.ts';
import { removeDocument } from './remove-document.ts';
import { renderReceipt } from './render-receipt.ts';
import { applicablePage, checkDraftPage, pageItems, saveDraftPage } from './save-draft-page.ts';
import { findServiceToApply, startDraft } from './start-draft.ts';
import { submitDraft } from './submit-draft.ts';
import { discardDraft } from './discard-draft.ts';

type DraftParams = { draftId: string };
const base = (id: string) => `/cereri/ciorna/${id}`;
const str = (v: unknown) => (Array.isArray(v) ? String(v[0] ?? '') : v == null ? '' : String(v));
const mb = (deps: SubmissionDeps) => Math.round((deps.config.uploadLimitBytes / 1024 / 1024) * 10) / 10;
const journeyState = (d: DraftView) => ({
  def: d.version.definition.form,
  documents: d.version.definition.documents,
  answers: d.answers,
  prefilled: d.prefilled,
  completedPages: d.completedPages,
  consents: d.consents,
});

/** The translated message of a field error from the form validator ({key, params}) or of an AppError code. */
const fieldMessages = (t: T, errors: Record<string, FieldError | string>) =>
  Object.fromEntries(Object.entries(errors).map(([k, e]) => [k, typeof e === 'string' ? t(`errors.${e}`) : t(e.key, e.params)]));

/** A draft already submitted goes to its confirmation; its pages no longer change anything. */
function redirectIfSubmitted(reply: FastifyReply, draft: DraftView) {
  return draft.submittedCaseId ? reply.redirect(`${base(draft.id)}/confirmare-cerere`, 303) : null;
}

// ---------------------------------------------------------------------------------------------------------------
// Start or resume

async function renderStart(request: FastifyRequest<{ Params: { institution: string; code: string } }>, reply: FastifyReply, deps: SubmissionDeps, error?: string) {
  const actor = requireActor(request);
  const t = request.t;
  if (!actor.emailVerified) {
    return reply.page(
      { title: t('submission.unverified.title'), width: 'narrow', status: 403 },
      <>
        <H1>{t('submission.unverified.title')}</H1>
        <P>{t('submission.unverified.body', { email: actor.email })}</P>
        <P>
          <a class="govuk-link" href="/confirmare-email/retrimite">
            {t('submission.unverified.resend')}
          </a>
        </P>
      </>,
    );
  }
  const svc = await findServiceToApply(deps, actor, { institutionSlug: request.params.institution, code: request.params.code });
  const def = svc.definition;
  const servicePage = `/servicii/${svc.institutionSlug}/${svc.code}`;
  const action = `${servicePage}/cerere`;
  const name = def.name[t.locale];
  const open = svc.openDrafts[0];
  // Every start page leads back to the service's page (a phone without JavaScript has no other way back on the page).
  const backLink = { href: servicePage };
  if (open) {
    return reply.page(
      { title: t('submission.resume.title'), width: 'narrow', backLink },
      <>
        <H1 caption={name}>{t('submission.resume.title')}</H1>
        <P>{t('submission.resume.lead', { date: formatDate(open.createdAt) })}</P>
        <Form action={action} csrfToken={request.csrfToken}>
          <input type="hidden" name="companyId" value="" />
          <ButtonGroup>
            <Button name="action" value="continue">
              {t('submission.resume.continue')}
            </Button>
            <Button name="action" value="restart" variant="secondary">
              {t('submission.resume.restart')}
            </Button>
          </ButtonGroup>
        </Form>
        <WarningText>{t('submission.resume.restart_hint')}</WarningText>
      </>,
    );
  }
  const companies = def.applicants === 'person' ? [] : svc.companies;
  if (def.applicants === 'company' && companies.length === 0) {
    // No dead end: say how a company applies online, and the paper way with the form and where to bring it.
    return reply.page(
      { title: name, width: 'narrow', backLink },
      <>
        <H1 caption={t('submission.start.title')}>{name}</H1>
        <InsetText>{t('submission.start.company_needed')}</InsetText>
        <P>{t('submission.start.company_paper')}</P>
        <ul class="govuk-list">
          <li>
            <a class="govuk-link" href={`${servicePage}/formular.docx`} download>
              {t('submission.start.paper_form')}
            </a>
          </li>
          <li>
            <a class="govuk-link" href="/contact">
              {t('submission.start.contact')}
            </a>
          </li>
        </ul>
      </>,
    );
  }
  const errors: Record<string, string> = error ? { companyId: t(`errors.${error}`) } : {};
  return reply.page(
    { title: name, width: 'narrow', hasErrors: Boolean(error), status: error ? 400 : 200, backLink },
    <>
      <ErrorSummary title={t('common.error_summary_title')} errors={errors} />
      <H1 caption={t('submission.start.title')}>{name}</H1>
      <P>{def.description[t.locale]}</P>
      <P>{t('submission.start.lead')}</P>
      <P>{t('submission.start.time_limit', { minutes: deps.config.session.idleMinutes })}</P>
      <InsetText>{t(companies.length > 0 ? 'submission.start.known_company' : 'submission.start.known')}</InsetText>
      <Form action={action} csrfToken={request.csrfToken}>
        {companies.length > 0 ? (
          <Radios
            name="companyId"
            legend={t('submission.start.as')}
            // A service only for companies, and one company: nothing to choose, so it is chosen (still shown, to say in whose name).
            value={def.applicants === 'company' && companies.length === 1 ? companies[0]!.companyId : undefined}
            error={errors.companyId}
            items={[
              ...(def.applicants === 'both' ? [{ value: 'self', label: t('submission.start.as_self') }] : []),
              ...companies.map((c) => ({ value: c.companyId, label: t('submission.start.as_company', { name: c.name, cui: c.cui }) })),
            ]}
          />
        ) : (
          <input type="hidden" name="companyId" value="self" />
        )}
        <Button name="action" value="start" isStartButton>
          {t('submission.start.button')}
        </Button>
      </Form>
    </>,
  );
}

// ---------------------------------------------------------------------------------------------------------------
// Form pages

function renderFormPage(
  request: FastifyRequest,
  reply: FastifyReply,
  deps: SubmissionDeps,
  draft: DraftView,
  page: Page,
  opts: { raw: RawInput; errors: Record<string, string>; showAll: boolean; status?: number; extraRows?: Record<string, number> },
) {
  const t = request.t;
  const items = pageItems(draft, page, opts.showAll);
  // A question that depends on a radio answer of the same page is revealed under that option (GOV.UK conditional reveal).
  const dependentsOf = (q: Question) =>
    items.filter((i): i is Question => i.type !== 'group' && i.showIf?.question === q.id && typeof i.showIf.equals === 'string' && q.type === 'radios');
  const nested = new Set(items.flatMap((i) => (i.type !== 'group' && i.type === 'radios' ? dependentsOf(i).map((d) => d.id) : [])));
  // One that cannot be revealed under a single option (it follows a list, checkboxes, or several options) says in
  // its hint when it applies, else every follow-up of every choice looks required at once.
  const withNote = (q: Question): Question => {
    const cond = q.showIf;
    const on = cond ? items.find((i) => i.id === cond.question) : undefined;
    if (!cond || !on || on.type === 'group' || !on.options || nested.has(q.id)) return q;
    const values = cond.in ?? (typeof cond.equals === 'string' ? [cond.equals] : []);
    if (values.length === 0) return q;
    const chosen = values.map((v) => t('submission.quoted', { text: on.options?.find((o) => o.value === v)?.label[t.locale] ?? v }));
    const note = [q.hint?.[t.locale], t('submission.only_if', { answers: new Intl.ListFormat(t.locale, { type: 'disjunction' }).format(chosen) })].filter(Boolean).join(' ');
    return { ...q, hint: { ro: note, en: note } };
  };
  const hasFile = items.some((i) => i.type === 'file');
  const anchors: Record<string, string> = {};
  // The error summary names the field of each message ("Completați acest câmp" alone does not say which).
  const labels: Record<string, string> = {};
  for (const i of items) {
    anchors[i.id] = fieldAnchor(i);
    // A declaration's label is a whole sentence; its message says what to do already.
    if (i.type !== 'declaration') labels[i.id] = summaryLabel(i.label[t.locale]);
  }
  for (const k of Object.keys(opts.errors)) {
    const m = /^(\w+)__(\d+)__(\w+)$/.exec(k);
    if (m) {
      const g = items.find((i) => i.id === m[1]);
      const q = g?.type === 'group' ? g.questions.find((x) => x.id === m[3]) : undefined;
      if (q) {
        anchors[k] = fieldAnchor(q, k);
        labels[k] = t('submission.group.row', { label: summaryLabel(q.label[t.locale]), n: Number(m[2]) + 1 });
      }
    }
  }
  // In the order of the page, a group's own message before those of its rows (it is shown above them).
  const position = (key: string) => page.items.findIndex((i) => key === i.id || key.startsWith(`${i.id}__`)) * 2 + (key.includes('__') ? 1 : 0);
  const summary = Object.fromEntries(
    Object.entries(opts.errors)
      .sort(([a], [b]) => position(a) - position(b))
      .map(([k, message]) => [k, labels[k] ? t('submission.error_for', { label: labels[k], message }) : message]),
  );
  // Back goes to the page before that the person saw: pages the profile answered entirely were skipped going forward.
  const pages = applicablePages(draft.version.definition.form, draft.answers).filter(
    (p) => p.id === page.id || opts.showAll || visibleItems(p, draft.answers, draft.prefilled).length > 0,
  );
  const index = pages.findIndex((p) => p.id === page.id);
  const back = index > 0 ? `${base(draft.id)}/${pages[index - 1]!.id}` : `/servicii`;
  const common = { t, raw: opts.raw, errors: opts.errors, documents: draft.documents, uploadLimitMb: mb(deps), uploadLimitBytes: deps.config.uploadLimitBytes, map: deps.config.map };
  const groupRows = (id: string, min: number) => {
    const posted = Number(str(opts.raw[`${id}__count`])) || 0;
    return Math.max(posted, min, 1) + (opts.extraRows?.[id] ?? 0);
  };
  const query = opts.showAll ? '?toate=1' : '';
  // The page of a company's details does not ask its CUI and name (they come from the checked mandate): it says them,
  // so that 'Calitatea reprezentantului' is not asked without saying for which company.
  const fixedAnswer = (prefill: string) => {
    const item = page.items.find((i) => i.type !== 'group' && i.prefill === prefill && fixedByCompany(i, draft));
    return item ? str(draft.answers[item.id]) : '';
  };
  const company = { name: fixedAnswer('company.name'), cui: fixedAnswer('company.cui') };
  return reply.page(
    { title: page.title[t.locale], width: 'narrow', hasErrors: Object.keys(opts.errors).length > 0, status: opts.status, backLink: { href: back } },
    <>
      <ErrorSummary title={t('common.error_summary_title')} errors={summary} fieldIds={anchors} />
      <H1 caption={draft.version.definition.name[t.locale]}>{page.title[t.locale]}</H1>
      {company.name || company.cui ? <InsetText>{t('submission.page.for_company', { name: company.name, cui: company.cui })}</InsetText> : null}
      {items.length === 0 ? (
        <InsetText>
          {t('submission.page.from_profile')}{' '}
          <a class="govuk-link" href={`${base(draft.id)}/${page.id}?toate=1`}>
            {t('submission.page.from_profile_change')}
          </a>
        </InsetText>
      ) : null}
      <Form action={`${base(draft.id)}/${page.id}${query}`} csrfToken={request.csrfToken} multipart={hasFile}>
        {/* Enter in a text field presses the form's first submit button: without this one, that was a file's "Upload" or
            "Remove" (deleting the file and what was typed) or a group's "Add", whatever the person meant. */}
        {hasFile || items.some((i) => i.type === 'group') ? (
          <button type="submit" name="action" value="continue" hidden>
            {t('submission.continue')}
          </button>
        ) : null}
        {items
          .filter((i) => !nested.has(i.id))
          .map((i: Item) =>
            i.type === 'group' ? (
              <GroupField {...common} g={i} rows={groupRows(i.id, i.minItems)} key={i.id} />
            ) : (
              <QuestionField {...common} q={withNote(i)} dependents={dependentsOf(i)} key={i.id} />
            ),
          )}
        <ButtonGroup>
          <Button name="action" value="continue">
            {t('submission.continue')}
          </Button>
          {/* Saves what is on this page too (a link would lose it), then goes to the drafts list. */}
          <Button variant="secondary" name="action" value="save">
            {t('submission.save_later')}
          </Button>
        </ButtonGroup>
      </Form>
    </>,
  );
}

async function handlePagePost(request: FastifyRequest<{ Params: DraftParams & { pageId: string }; Querystring: { toate?: string } }>, reply: FastifyReply, deps: SubmissionDeps) {
  const actor = requireActor(request);
  const t = request.t;
  const draft = await getDraft(deps, actor, request.params.draftId);
  const done = redirectIfSubmitted(reply, draft);
  if (done) return done;
  const page = applicablePage(draft, request.params.pageId);
  const showAll = request.query.toate === '1';
  const form = formOf(request.body);
  const action = str(form.fields.action) || 'continue';

  if (action.startsWith('remove:')) {
    await removeDocument(deps, actor, { draftId: draft.id, documentId: action.slice(7) });
    // The page again with what was typed on it (not a redirect: nothing of this page is saved until Continue).
    request.flash = { kind: 'info', text: t('submission.file.removed') };
    return renderFormPage(request, reply, deps, await getDraft(deps, actor, draft.id), page, { raw: form.fields, errors: {}, showAll });
  }
  // Upload whatever files came with the post (with "Upload" or with "Continue").
  const errors: Record<string, string> = {};
  let status = 400;
  for (const file of form.files) {
    const q = page.items.find((i) => i.id === file.field && i.type === 'file');
    if (!q) continue;
    try {
      await attachDocument(deps, actor, { draftId: draft.id, target: { kind: 'question', id: q.id }, upload: file });
    } catch (err) {
      if (!(err instanceof AppError) || !err.fields) throw err;
      errors[q.id] = t(`errors.${err.code}`, err.params);
      if (err.kind === 'too_large') status = 413;
    }
  }
  const fresh = await getDraft(deps, actor, draft.id);
  if (Object.keys(errors).length > 0) {
    // With Continue, everything else that is wrong on the page is said at once too, not one round trip later.
    const others = action === 'continue' ? fieldMessages(t, checkDraftPage(fresh, page, { raw: form.fields, showAll }).errors) : {};
    return renderFormPage(request, reply, deps, fresh, page, { raw: form.fields, errors: { ...others, ...errors }, showAll, status });
  }
  if (action.startsWith('upload:')) {
    if (form.files.length === 0) return renderFormPage(request, reply, deps, fresh, page, { raw: form.fields, errors: { [action.slice(7)]: t('errors.submission.file.no_file') }, showAll, status: 400 });
    // Said at the top, as on a document's own page: the list of files further down is easy to miss on a phone.
    request.flash = { kind: 'success', text: t('submission.file.added', { name: form.files.map((f) => f.filename).join(', ') }) };
    return renderFormPage(request, reply, deps, fresh, page, { raw: form.fields, errors: {}, showAll });
  }
  if (action.startsWith('add:')) {
    return renderFormPage(request, reply, deps, fresh, page, { raw: form.fields, errors: {}, showAll, extraRows: { [action.slice(4)]: 1 } });
  }
  const r = await saveDraftPage(deps, actor, { draftId: draft.id, pageId: page.id, raw: form.fields, showAll });
  // Leaving must never be a dead end: an incomplete page is not saved (no half answers), the earlier pages already are.
  if (!r.ok && action === 'save') {
    return reply.redirectWithFlash('/cont/cereri-incepute', t('submission.saved_for_later_incomplete', { page: page.title[t.locale] }), 'info');
  }
  if (!r.ok) return renderFormPage(request, reply, deps, fresh, page, { raw: form.fields, errors: fieldMessages(t, r.errors), showAll, status: 400 });
  if (action === 'save') return reply.redirectWithFlash('/cont/cereri-incepute', t('submission.saved_for_later'), 'info');
  return reply.redirect(stepPath(draft.id, r.next), 303);
}

// ---------------------------------------------------------------------------------------------------------------
// Documents, consent

function renderDocumentPage(request: FastifyRequest, reply: FastifyReply, deps: SubmissionDeps, draft: DraftView, documentId: string, error?: string, status?: number) {
  const t = request.t;
  const doc = documentsToUpload(draft.version.definition.documents, draft.consents, draft.answers, draft.version.definition.form).find((d) => d.id === documentId);
  if (!doc) throw new AppError('submission.page_not_found', 'not_found');
  const files = draft.documents.filter((d) => d.requiredDocumentId === doc.id);
  const title = t('submission.document.title', { name: doc.name[t.locale] });
  return reply.page(
    { title, width: 'narrow', hasErrors: Boolean(error), status, backLink: { href: base(draft.id) } },
    <>
      <ErrorSummary title={t('common.error_summary_title')} errors={error ? { file: error } : {}} />
      <H1 caption={draft.version.definition.name[t.locale]}>{title}</H1>
      {doc.required ? null : <P>{t('submission.document.optional')}</P>}
      <Form action={`${base(draft.id)}/documente/${doc.id}`} csrfToken={request.csrfToken} multipart>
        <h2 class="govuk-heading-m">{t('submission.file.attached')}</h2>
        <AttachedFiles t={t} documents={files} />
        <FileUpload name="file" id="file" label={t('submission.file.upload')} hint={t('submission.file.hint', { max: mb(deps) })} error={error} multiple accept=".pdf,.jpg,.jpeg,.png,.docx,.odt" maxBytes={deps.config.uploadLimitBytes} />
        <ButtonGroup>
          <Button variant="secondary" name="action" value="upload">
            {t('submission.file.upload')}
          </Button>
          <Button name="action" value="continue">
            {t('submission.continue')}
          </Button>
          {/* Someone without the scan at hand must be able to stop here and come back, as on every other page. */}
          <Button variant="secondary" name="action" value="save">
            {t('submission.save_later')}
          </Button>
        </ButtonGroup>
      </Form>
    </>,
  );
}

async function handleDocumentPost(request: FastifyRequest<{ Params: DraftParams & { documentId: string } }>, reply: FastifyReply, deps: SubmissionDeps) {
  const actor = requireActor(request);
  const t = request.t;
  const draft = await getDraft(deps, actor, request.params.draftId);
  const done = redirectIfSubmitted(reply, draft);
  if (done) return done;
  const { documentId } = request.params;
  const form = formOf(request.body);
  const action = str(form.fields.action) || 'continue';
  const here = `${base(draft.id)}/documente/${documentId}`;
  if (action.startsWith('remove:')) {
    await removeDocument(deps, actor, { draftId: draft.id, documentId: action.slice(7) });
    return reply.redirectWithFlash(here, t('submission.file.removed'), 'info');
  }
  try {
    for (const file of form.files) await attachDocument(deps, actor, { draftId: draft.id, target: { kind: 'document', id: documentId }, upload: file });
    if (action === 'upload') {
      if (form.files.length === 0) throw new AppError('submission.file.no_file', 'invalid', {}, { file: 'submission.file.no_file' });
      const names = form.files.map((f) => f.filename).join(', ');
      return reply.redirectWithFlash(here, t('submission.file.added', { name: names }));
    }
    if (action === 'save') return reply.redirectWithFlash('/cont/cereri-incepute', t('submission.saved_for_later'), 'info');
    const next = await completeDocumentStep(deps, actor, { draftId: draft.id, documentId });
    return reply.redirect(stepPath(draft.id, next), 303);
  } catch (err) {
    if (!(err instanceof AppError) || !err.fields) throw err;
    const fresh = await getDraft(deps, actor, draft.id);
    return renderDocumentPage(request, reply, deps, fresh, documentId, t(`errors.${err.code}`, err.params), err.kind === 'too_large' ? 413 : 400);
  }
}

function renderConsentPage(request: FastifyRequest, reply: FastifyReply, draft: DraftView) {
  const t = request.t;
  const fetched = fetchedDocuments(draft.version.definition.documents, draft.answers);
  const given = fetched.filter((d) => draft.consents[d.id]?.given).map((d) => d.id);
  return reply.page(
    { title: t('submission.consent.title'), width: 'narrow', backLink: { href: base(draft.id) } },
    <>
      <H1 caption={draft.version.definition.name[t.locale]}>{t('submission.consent.title')}</H1>
      <P>{t('submission.consent.lead')}</P>
      <Form action={`${base(draft.id)}/acord-documente`} csrfToken={request.csrfToken}>
        <Checkboxes
          name="consent"
          legend={t('submission.consent.legend')}
          hint={t('submission.consent.hint')}
          values={given}
          items={fetched.map((d) => ({
            value: d.id,
            label: t('submission.consent.item', { document: d.name[t.locale], issuer: d.issuer ? issuerName(d.issuer, t.locale) : t('submission.consent.issuer_unknown') }),
          }))}
        />
        <Button>{t('submission.continue')}</Button>
      </Form>
    </>,
  );
}

// ---------------------------------------------------------------------------------------------------------------
// Check your answers, declaration

async function renderCheckPage(request: FastifyRequest, reply: FastifyReply, deps: SubmissionDeps, draft: DraftView, errors: Record<string, string> = {}, status?: number) {
  const t = request.t;
  const def = draft.version.definition;
  const answers = draft.answers;
  const sections = applicablePages(def.form, answers).map((page) => {
    const rows: SummaryRow[] = [];
    for (const item of page.items) {
      if (!conditionHolds(item.showIf, answers) || item.type === 'declaration') continue;
      const fromProfile = draft.prefilled.includes(item.id);
      const fromCompany = item.type !== 'group' && fixedByCompany(item, draft);
      const href = `${base(draft.id)}/${page.id}${fromProfile ? '?toate=1' : ''}`;
      const label = item.label[t.locale];
      const value = item.type === 'group' ? formatGroup(item, answers[item.id], t, draft.documents) : formatAnswer(item, answers[item.id], t, draft.documents);
      rows.push({
        key: label,
        value: (
          <>
            <span class="pd-multiline">{value}</span>
            {fromProfile ? <span class="govuk-hint govuk-!-margin-bottom-0"> ({t(fromCompany ? 'submission.check.from_company' : 'submission.check.from_profile')})</span> : null}
          </>
        ),
        ...(fromCompany ? {} : { action: { href, label: t('submission.check.change'), visuallyHidden: label } }),
      });
    }
    return { page, rows };
  });
  const toUpload = documentsToUpload(def.documents, draft.consents, draft.answers, def.form);
  const fetched = fetchedDocuments(def.documents, draft.answers);
  const fee = computeFee(def.fee, answers);
  const today = bucharestDay(deps.now());
  // The day registration will give (open-case counts the institution's closed days too).
  const due = legalDeadline(today, def.term, await getClosures(deps.db, draft.version.institutionId));
  const signed = draft.declaration?.kind === 'signed_pdf' ? draft.declaration : null;
  // The service's own declarations (e.g. art. 326 Criminal Code) are what the applicant ticks, once, here.
  const statements = declarations(def.form, draft.answers);
  return reply.page(
    { title: t('submission.check.title'), width: 'narrow', hasErrors: Object.keys(errors).length > 0, status, backLink: { href: base(draft.id) } },
    <>
      <ErrorSummary title={t('common.error_summary_title')} errors={errors} />
      <H1 caption={def.name[t.locale]}>{t('submission.check.title')}</H1>
      {draft.withdrawn && !errors.service ? <WarningText>{t('errors.submission.service_withdrawn')}</WarningText> : null}
      {sections
        .filter((s) => s.rows.length > 0)
        .map((s) => (
          <>
            <h2 class="govuk-heading-m">{s.page.title[t.locale]}</h2>
            <SummaryList rows={s.rows} />
          </>
        ))}
      {toUpload.length > 0 ? (
        <>
          <h2 class="govuk-heading-m">{t('submission.check.documents')}</h2>
          <SummaryList
            rows={toUpload.map((d) => {
              const files = draft.documents.filter((x) => x.requiredDocumentId === d.id);
              return {
                key: d.name[t.locale],
                value: files.length ? files.map((f) => `${f.filename} (${formatFileSize(f.sizeBytes, t.locale)})`).join(', ') : t('submission.check.no_documents'),
                action: { href: `${base(draft.id)}/documente/${d.id}`, label: t('submission.check.change'), visuallyHidden: d.name[t.locale] },
              };
            })}
          />
        </>
      ) : null}
      {fetched.length > 0 ? (
        <>
          <h2 class="govuk-heading-m">{t('submission.check.fetched')}</h2>
          <SummaryList
            rows={fetched.map((d) => ({
              key: d.name[t.locale],
              value: draft.consents[d.id]?.given ? t('submission.check.consent_given') : t('submission.check.consent_refused'),
              action: { href: `${base(draft.id)}/acord-documente`, label: t('submission.check.change'), visuallyHidden: d.name[t.locale] },
            }))}
          />
        </>
      ) : null}
      <SummaryList
        rows={[
          { key: t('submission.check.fee'), value: fee === null ? t('submission.check.fee_unknown') : fee === 0 ? t('submission.check.fee_none') : formatMoney(fee / 100, t.locale) },
          // A term of 0 days (a booking, a notice of works): registered at once, nothing to answer — no "0 days".
          def.term.days === 0
            ? { key: t('catalog.service.term_none'), value: termText(t, def.term) }
            : { key: t('submission.check.term'), value: t.plural(`submission.check.term_value.${def.term.unit}`, def.term.days, { date: formatDate(`${due}T12:00:00Z`) }) },
        ]}
      />
      <h2 class="govuk-heading-m">{t('submission.check.declaration_title')}</h2>
      {signed ? (
        <InsetText>
          <p class="govuk-body">
            {t(signed.modifiedAfterSigning ? 'submission.check.signed_ok_appended' : 'submission.check.signed_ok', {
              signer: signed.signerName ?? t('submission.check.unknown_signer'),
              time: signed.signingTime ? formatDateTime(signed.signingTime) : t('submission.check.unknown_time'),
            })}
          </p>
          <p class="govuk-body">{t('submission.check.signed_trust')}</p>
          <p class="govuk-body">{t('submission.check.signed_submit_hint')}</p>
        </InsetText>
      ) : null}
      {!signed && statements.length > 1 ? (
        <ul class="govuk-list govuk-list--bullet">
          {statements.map((d) => (
            <li key={d.id}>{d.label[t.locale]}</li>
          ))}
        </ul>
      ) : null}
      <Form action={`${base(draft.id)}/trimite-cererea`} csrfToken={request.csrfToken}>
        {signed ? null : (
          <Checkboxes
            name="declaration"
            legend={<span class="govuk-visually-hidden">{t('submission.check.declaration_title')}</span>}
            hint={t('submission.check.declaration_hint')}
            error={errors.declaration}
            items={[{ value: 'yes', label: statements.length === 1 ? statements[0]!.label[t.locale] : t(statements.length > 1 ? 'submission.check.declaration_all' : 'submission.check.declaration') }]}
          />
        )}
        <Button>{t('submission.check.submit')}</Button>
      </Form>
      {/* The rarer way, for people with an advanced or qualified signature: folded away so that nobody else has to
          read about trusted lists before sending; open when its upload came back with an error. */}
      <Details summary={t('submission.check.signed_title')} open={Boolean(errors.signedPdf)}>
        <P>{t('submission.check.signed_hint')}</P>
        <Form action={`${base(draft.id)}/semnatura-pdf`} csrfToken={request.csrfToken} multipart>
          <FileUpload name="signedPdf" label={t('submission.check.signed_label')} error={errors.signedPdf} accept=".pdf,application/pdf" />
          <Button variant="secondary">{t('submission.check.signed_upload')}</Button>
        </Form>
      </Details>
    </>,
  );
}

/** The confirmation's offer to keep in the profile what the request said and the profile did not know. */
function ProfileOfferForm(props: { t: T; offer: ProfileOffer; action: string; csrfToken: string }) {
  const { t, offer } = props;
  const rows: SummaryRow[] = [
    ...(offer.address ? [{ key: t('submission.profile_offer.address'), value: offer.address }] : []),
    ...(offer.phone ? [{ key: t('submission.profile_offer.phone'), value: offer.phone }] : []),
  ];
  return (
    <section aria-labelledby="profil-titlu">
      <h2 class="govuk-heading-m" id="profil-titlu">
        {t('submission.profile_offer.title')}
      </h2>
      <P>{t('submission.profile_offer.body')}</P>
      <SummaryList rows={rows} />
      <Form action={props.action} csrfToken={props.csrfToken}>
        <Button variant="secondary">{t('submission.profile_offer.save')}</Button>
      </Form>
    </section>
  );
}

function renderConfirmation(
  request: FastifyRequest,
  reply: FastifyReply,
  deps: SubmissionDeps,
  actor: Actor,
  c: Awaited<ReturnType<typeof getSubmittedCase>>,
  offer: { value: ProfileOffer; action: string } | null = null,
) {
  const t = request.t;
  const today = bucharestDay(deps.now());
  const daysLeft = c.dueOn === null ? null : daysBetween(today, c.dueOn);
  const dueOn = c.dueOn === null ? '' : formatDate(`${c.dueOn}T12:00:00Z`);
  return reply.page(
    { title: t('submission.confirm.title'), width: 'narrow' },
    <>
      <Panel title={t('submission.confirm.title')}>
        {t('submission.confirm.number')}
        <br />
        <strong>{c.display}</strong>
      </Panel>
      <P>{t('submission.confirm.tracking', { code: formatTrackingCode(c.trackingCode) })}</P>
      <P>{t('submission.confirm.email', { email: actor.email })}</P>
      <h2 class="govuk-heading-m">{t('submission.confirm.next_title')}</h2>
      <P>{t('submission.confirm.next_generic')}</P>
      <P>
        {/* A booking or a notice (term 0) needs no answer: no legal term to count ("peste 0 zile" read as a mistake). */}
        {daysLeft === null
          ? `${termText(t, c.definition.term)}.`
          : daysLeft === 0
            ? t('submission.confirm.deadline_today', { date: dueOn })
            : t.plural('submission.confirm.deadline', daysLeft, { date: dueOn })}
      </P>
      <P>{c.feeBani > 0 ? t('tracking.case.fee_how', { amount: feeText(t, c.feeBani), number: c.display }) : t('submission.confirm.fee_none')}</P>
      <ul class="govuk-list">
        <li>
          <a class="govuk-link" href={`/cont/cereri/${c.id}`}>
            {t('submission.confirm.case_link')}
          </a>
        </li>
        <li>
          <a class="govuk-link" href={`/cont/cereri/${c.id}/recipisa.pdf`}>
            {t('submission.confirm.receipt')}
          </a>
        </li>
      </ul>
      {offer ? <ProfileOfferForm t={t} offer={offer.value} action={offer.action} csrfToken={request.csrfToken} /> : null}
    </>,
  );
}

// ---------------------------------------------------------------------------------------------------------------

export function registerSubmissionPages(app: App, deps: SubmissionDeps): void {
  app.register(async (scope) => {
    // Multipart is parsed only in this scope: the journey's pages accept files, no other form does by accident.
    await scope.register(fastifyMultipart, { throwFileSizeLimit: false, limits: { fileSize: deps.config.uploadLimitBytes, files: 10 } });
    const parseMultipart = async (request: FastifyRequest) => {
      if (!request.isMultipart()) return;
      const form = await readMultipart(request, deps.config.uploadLimitBytes);
      request.body = { _csrf: form.fields._csrf, ...form };
    };

    scope.get<{ Params: { institution: string; code: string } }>('/servicii/:institution/:code/cerere', { schema: { hide: true } }, (request, reply) => renderStart(request, reply, deps));

    scope.post<{ Params: { institution: string; code: string } }>('/servicii/:institution/:code/cerere', { schema: { hide: true } }, async (request, reply) => {
      const actor = requireActor(request);
      const form = formOf(request.body);
      const action = str(form.fields.action);
      const chosen = str(form.fields.companyId);
      if (action === 'start' && !chosen) return renderStart(request, reply, deps, 'submission.company_required');
      const companyId = chosen && chosen !== 'self' ? chosen : null;
      try {
        const { draftId } = await startDraft(deps, actor, { institutionSlug: request.params.institution, code: request.params.code, companyId, restart: action === 'restart' });
        return reply.redirect(base(draftId), 303);
      } catch (err) {
        if (err instanceof AppError && err.kind !== 'not_found' && (err.code.startsWith('submission.company') || err.code === 'submission.identity_not_verified')) return renderStart(request, reply, deps, err.code);
        throw err;
      }
    });

    scope.get<{ Params: DraftParams }>(`/cereri/ciorna/:draftId`, { schema: { hide: true } }, async (request, reply) => {
      const draft = await getDraft(deps, requireActor(request), request.params.draftId);
      return redirectIfSubmitted(reply, draft) ?? reply.redirect(stepPath(draft.id, nextStep(journeyState(draft))), 303);
    });

    scope.get<{ Params: DraftParams }>(`/cereri/ciorna/:draftId/acord-documente`, { schema: { hide: true } }, async (request, reply) => {
      const draft = await getDraft(deps, requireActor(request), request.params.draftId);
      return redirectIfSubmitted(reply, draft) ?? renderConsentPage(request, reply, draft);
    });
    scope.post<{ Params: DraftParams }>(`/cereri/ciorna/:draftId/acord-documente`, { schema: { hide: true } }, async (request, reply) => {
      const actor = requireActor(request);
      const draft = await getDraft(deps, actor, request.params.draftId);
      const done = redirectIfSubmitted(reply, draft);
      if (done) return done;
      const agreed = ([] as unknown[]).concat(formOf(request.body).fields.consent ?? []).map(String);
      const { next } = await recordConsents(deps, actor, { draft, agreed });
      return reply.redirect(stepPath(draft.id, next), 303);
    });

    scope.get<{ Params: DraftParams & { documentId: string } }>(`/cereri/ciorna/:draftId/documente/:documentId`, { schema: { hide: true } }, async (request, reply) => {
      const draft = await getDraft(deps, requireActor(request), request.params.draftId);
      return redirectIfSubmitted(reply, draft) ?? renderDocumentPage(request, reply, deps, draft, request.params.documentId);
    });
    scope.post<{ Params: DraftParams & { documentId: string } }>(
      `/cereri/ciorna/:draftId/documente/:documentId`,
      { schema: { hide: true }, preValidation: parseMultipart },
      (request, reply) => handleDocumentPost(request, reply, deps),
    );

    scope.get<{ Params: DraftParams }>(`/cereri/ciorna/:draftId/verificare-raspunsuri`, { schema: { hide: true } }, async (request, reply) => {
      const draft = await getDraft(deps, requireActor(request), request.params.draftId);
      const done = redirectIfSubmitted(reply, draft);
      if (done) return done;
      const step = nextStep(journeyState(draft));
      if (step.kind !== 'check') return reply.redirect(stepPath(draft.id, step), 303);
      return renderCheckPage(request, reply, deps, draft);
    });

    scope.post<{ Params: DraftParams }>(`/cereri/ciorna/:draftId/semnatura-pdf`, { schema: { hide: true }, preValidation: parseMultipart }, async (request, reply) => {
      const actor = requireActor(request);
      const t = request.t;
      const draft = await getDraft(deps, actor, request.params.draftId);
      const done = redirectIfSubmitted(reply, draft);
      if (done) return done;
      const file = formOf(request.body).files.find((f) => f.field === 'signedPdf');
      try {
        if (!file) throw new AppError('submission.file.no_file', 'invalid', {}, { signedPdf: 'submission.file.no_file' });
        await attachSignedApplication(deps, actor, { draftId: draft.id, upload: file });
        return reply.redirect(`${base(draft.id)}/verificare-raspunsuri`, 303);
      } catch (err) {
        if (!(err instanceof AppError) || !err.fields) throw err;
        const fresh = await getDraft(deps, actor, draft.id);
        return renderCheckPage(request, reply, deps, fresh, { signedPdf: t(`errors.${err.code}`, err.params) }, err.kind === 'too_large' ? 413 : 400);
      }
    });

    scope.post<{ Params: DraftParams }>(`/cereri/ciorna/:draftId/trimite-cererea`, { schema: { hide: true } }, async (request, reply) => {
      const actor = requireActor(request);
      const t = request.t;
      const declared = str(formOf(request.body).fields.declaration) === 'yes';
      try {
        await submitDraft(deps, actor, { draftId: request.params.draftId, declared });
        return reply.redirect(`${base(request.params.draftId)}/confirmare-cerere`, 303);
      } catch (err) {
        // A file taken off the draft in another tab while this one was sent: the answers as they are now, to send again.
        if (err instanceof AppError && err.code === 'submission.draft_changed') {
          return renderCheckPage(request, reply, deps, await getDraft(deps, actor, request.params.draftId), { declaration: t('errors.submission.draft_changed') }, 409);
        }
        if (!(err instanceof AppError) || !err.fields) throw err;
        const draft = await getDraft(deps, actor, request.params.draftId);
        if (err.code === 'submission.incomplete') return reply.redirect(stepPath(draft.id, nextStep(journeyState(draft))), 303);
        if (err.code === 'submission.date_out_of_range') {
          // Field names are question ids (`group__row__id` in a group): the summary says which date, by its label.
          const labels = new Map(allQuestions(draft.version.definition.form).flatMap((i) => (i.type === 'group' ? i.questions : [i])).map((q) => [q.id, q.label[t.locale]]));
          const named = (k: string, code: string) => `${summaryLabel(labels.get(k.split('__').at(-1)!) ?? k)}: ${t(`errors.${code}`)}`;
          return renderCheckPage(request, reply, deps, draft, Object.fromEntries(Object.entries(err.fields).map(([k, code]) => [k, named(k, code)])), 400);
        }
        return renderCheckPage(request, reply, deps, draft, fieldMessages(t, err.fields), 400);
      }
    });

    scope.get<{ Params: DraftParams }>(`/cereri/ciorna/:draftId/confirmare-cerere`, { schema: { hide: true } }, async (request, reply) => {
      const actor = requireActor(request);
      const draft = await getDraft(deps, actor, request.params.draftId);
      if (!draft.submittedCaseId) return reply.redirect(base(draft.id), 303);
      const offer = await findProfileOffer(deps, actor, draft.submittedCaseId);
      return renderConfirmation(request, reply, deps, actor, await getSubmittedCase(deps, actor, draft.submittedCaseId), offer ? { value: offer, action: `${base(draft.id)}/salvare-in-profil` } : null);
    });

    // Once-only the other way round: what the request said and the profile did not know is kept, when the person asks.
    scope.post<{ Params: DraftParams }>(`/cereri/ciorna/:draftId/salvare-in-profil`, { schema: { hide: true } }, async (request, reply) => {
      const actor = requireActor(request);
      const draft = await getDraft(deps, actor, request.params.draftId);
      if (!draft.submittedCaseId) return reply.redirect(base(draft.id), 303);
      const { saved } = await saveAnswersToProfile(deps, actor, draft.submittedCaseId);
      const t = request.t;
      const flash = saved.length === 0 ? t('submission.profile_offer.nothing') : t(`submission.profile_offer.saved.${saved.length === 2 ? 'both' : saved[0]}`);
      return reply.redirectWithFlash(`${base(draft.id)}/confirmare-cerere`, flash, 'success');
    });

    // Form pages last: `/:pageId` (ids have no hyphen) must not shadow the fixed steps above.
    scope.get<{ Params: DraftParams & { pageId: string }; Querystring: { toate?: string } }>(`/cereri/ciorna/:draftId/:pageId`, { schema: { hide: true } }, async (request, reply) => {
      const draft = await getDraft(deps, requireActor(request), request.params.draftId);
      const done = redirectIfSubmitted(reply, draft);
      if (done) return done;
      const page = applicablePage(draft, request.params.pageId);
      const showAll = request.query.toate === '1';
      return renderFormPage(request, reply, deps, draft, page, { raw: answersToRaw(pageItems(draft, page, showAll), draft.answers), errors: {}, showAll });
    });
    scope.post<{ Params: DraftParams & { pageId: string }; Querystring: { toate?: string } }>(
      `/cereri/ciorna/:draftId/:pageId`,
      { schema: { hide: true }, preValidation: parseMultipart },
      (request, reply) => handlePagePost(request, reply, deps),
    );

    scope.post<{ Params: DraftParams }>('/cereri/ciorna/:draftId/renunta-la-cerere', { schema: { hide: true } }, async (request, reply) => {
      const { serviceName } = await discardDraft(deps, requireActor(request), request.params.draftId);
      return reply.redirectWithFlash('/cont/cereri-incepute', request.t('submission.drafts.discarded', { name: serviceName[request.t.locale] }), 'info');
    });

    scope.get('/cont/cereri-incepute', { schema: { hide: true } }, async (request, reply) => {
      const actor = requireActor(request);
      const t = request.t;
      const drafts = await listDrafts(deps, actor);
      return reply.page(
        { title: t('submission.drafts.title'), width: 'narrow', backLink: { href: '/cont' } },
        <>
          <H1>{t('submission.drafts.title')}</H1>
          {drafts.length === 0 ? (
            <>
              <P>{t('submission.drafts.none')}</P>
              <Button href="/servicii">{t('submission.drafts.find_service')}</Button>
            </>
          ) : (
            <>
              <SummaryList
                rows={drafts.map((d) => ({
                  key: d.name[t.locale],
                  value: t('submission.drafts.started', { date: formatDate(d.createdAt), updated: formatDateTime(d.updatedAt) }),
                  action: { href: base(d.id), label: t('submission.drafts.continue'), visuallyHidden: d.name[t.locale] },
                }))}
              />
              <Details summary={t('submission.drafts.discard_summary')}>
                {drafts.map((d) => (
                  <Form key={d.id} action={`${base(d.id)}/renunta-la-cerere`} csrfToken={request.csrfToken}>
                    <Button variant="warning">{t('submission.drafts.discard', { name: d.name[t.locale] })}</Button>
                  </Form>
                ))}
              </Details>
            </>
          )}
        </>,
      );
    });

    scope.get<{ Params: { caseId: string } }>('/cont/cereri/:caseId/recipisa.pdf', { schema: { hide: true } }, async (request, reply) => {
      const actor = requireActor(request);
      const { pdf, filename } = await renderReceipt(deps, actor, { caseId: request.params.caseId, t: request.t });
      return reply
        .type('application/pdf')
        .header('content-disposition', `inline; filename="${filename}"`)
        .header('cache-control', 'private, no-store')
        .send(Buffer.from(pdf));
    });
  });
}
