import { createHash } from 'node:crypto';
import type { AppDeps } from '../../app.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { canonicalJson } from '../../platform/audit/audit.ts';
import { AppError, notFound } from '../../platform/http/errors.ts';
import { formatDate } from '../../platform/i18n/format.ts';
import { formatTrackingCode } from '../../platform/ids/tracking-code.ts';
import { allQuestions } from '../catalog/domain/form-definition.ts';
import { computeFee } from '../catalog/domain/fee.ts';
import { lockServiceWithdrawal } from '../catalog/find-service-withdrawal.ts';
import { datesOutOfRange, filingDay } from '../catalog/domain/validate-answers.ts';
import type { Applicant } from '../cases/schema.ts';
import { NUMBER_PLACEHOLDER, openCase } from '../cases/open-case.ts';
import { formatRegistryNumber } from '../registry/domain/registry-number.ts';
import { applicableAnswers, declarations, documentsToUpload, fetchedDocuments, missingAnswers, withDeclarations } from './domain/journey.ts';
import { getDraft } from './get-draft.ts';
import { getProfile } from '../identity/get-profile.ts';
import type { Declaration } from './schema.ts';
import { loadProfileFacts } from './start-draft.ts';
import { deleteDraftDocument, findSubmittedCase, listDraftDocuments, lockDraft, markDraftSubmitted, updateState } from './store.ts';
import { SUBMISSION_RECEIVED, SUBMISSION_RECEIVED_COMPANY, SUBMISSION_RECEIVED_NO_ANSWER, SUBMISSION_RECEIVED_NO_ANSWER_COMPANY } from './templates.ts';

const withdrawn = () => new AppError('submission.service_withdrawn', 'conflict', {}, { service: 'submission.service_withdrawn' });

export type Submitted = { caseId: string; number: string; trackingCode: string; dueOn: string | null; alreadySubmitted: boolean };

async function describeCase(deps: AppDeps, caseId: string, alreadySubmitted: boolean): Promise<Submitted> {
  const c = await findSubmittedCase(deps.db, caseId);
  if (!c) throw new AppError('submission.case_not_found', 'not_found');
  return { caseId, number: formatRegistryNumber(c.number, c.registeredOn), trackingCode: c.trackingCode, dueOn: c.dueOn, alreadySubmitted };
}

/** Hash of the answers as submitted: what the simple electronic signature (the declaration) covers. */
export const answersHash = (answers: Record<string, unknown>) => createHash('sha256').update(canonicalJson(answers)).digest('hex');

/**
 * Submits the draft: registers the case (number, tracking code, legal clock) through openCase, attaches the
 * draft's documents, records the declaration and emails the applicant, in one transaction. Idempotent: the
 * draft is locked and linked to its case only if it was not already (`submitted_case_id IS NULL`), so a second
 * submit, even concurrent, returns the same case.
 */
export async function submitDraft(deps: AppDeps, actor: Actor, input: { draftId: string; declared: boolean }): Promise<Submitted> {
  const draft = await getDraft(deps, actor, input.draftId);
  if (draft.submittedCaseId) return describeCase(deps, draft.submittedCaseId, true);
  // Withdrawn from the online catalogue since the draft was started: the draft stays, nothing is registered. Said
  // here first (before what the draft lacks); the transaction below checks it again under a lock.
  if (draft.withdrawn) throw withdrawn();
  const def = draft.version.definition;
  // Checked again at the end: the draft may have been started before the service asked for a verified identity.
  if (def.verifiedIdentity && !draft.companyId && !(await getProfile(deps, actor)).cnpVerified) throw new AppError('submission.identity_not_verified', 'forbidden');
  const signed = draft.declaration?.kind === 'signed_pdf' ? draft.declaration : null;
  // The form's declarations are made here, by the ticked declaration (or the signed PDF), over the final answers.
  const given = input.declared || signed ? withDeclarations(def.form, draft.answers) : draft.answers;
  const declared = new Set(declarations(def.form, given).map((d) => d.id));
  const fields: Record<string, string> = {};
  // A declaration not made yet is the declaration error below, not a missing answer.
  for (const id of missingAnswers(def.form, given)) if (!declared.has(id)) fields[id] = 'submission.answer_missing';
  if (fetchedDocuments(def.documents, draft.answers).length > 0 && !draft.completedPages.includes('_consent')) fields.consent = 'submission.consent_missing';
  for (const d of documentsToUpload(def.documents, draft.consents, draft.answers, def.form)) {
    if (d.required && !draft.documents.some((x) => x.requiredDocumentId === d.id)) fields[`document_${d.id}`] = 'submission.document_missing';
  }
  if (Object.keys(fields).length > 0) throw new AppError('submission.incomplete', 'invalid', {}, fields);
  // A date checked when its page was saved may have gone out of its bounds since (the earliest wedding date moves on).
  const outOfRange = Object.keys(datesOutOfRange(def.form, applicableAnswers(def.form, given), filingDay(deps.now())));
  if (outOfRange.length > 0) throw new AppError('submission.date_out_of_range', 'invalid', {}, Object.fromEntries(outOfRange.map((id) => [id, 'submission.date_out_of_range'])));
  if (!input.declared && !signed) throw new AppError('submission.declaration_required', 'invalid', {}, { declaration: 'submission.declaration_required' });

  const answers = applicableAnswers(def.form, given);
  const fee = computeFee(def.fee, answers) ?? 0;
  const facts = await loadProfileFacts(deps, actor, draft.companyId);
  // A company applicant: the company the person represents, or the one named in the form's company questions.
  const byPrefill = (source: string) => allQuestions(def.form).find((q) => q.type !== 'group' && q.prefill === source && answers[q.id] !== undefined)?.id;
  const cuiId = byPrefill('company.cui');
  const companyName = byPrefill('company.name');
  const asCompany = Boolean(facts.company || (cuiId && companyName));
  const applicant: Applicant = asCompany
    ? {
        kind: 'company',
        name: facts.company?.name ?? String(answers[companyName!]),
        cui: facts.company?.cui ?? String(answers[cuiId!]),
        email: facts.email,
        phone: facts.phone,
        address: facts.address,
      }
    : { kind: 'person', name: facts.name ?? actor.displayName, cnp: facts.cnp, email: facts.email, phone: facts.phone, address: facts.address };
  const now = deps.now();
  const hash = answersHash(answers);
  const declaration: Declaration = signed ?? { kind: 'simple', accountId: actor.accountId, at: now.toISOString(), ip: actor.ip, answersSha256: hash };

  const formQuestions = new Set(allQuestions(def.form).map((q) => q.id));
  const result = await deps.db.transaction(async (tx) => {
    const locked = await lockDraft(tx, draft.id);
    // Discarded meanwhile (another tab): nothing is registered.
    if (!locked) throw notFound('submission.draft_not_found');
    if (locked.submittedCaseId) return { caseId: locked.submittedCaseId, existing: true } as const;
    // A file removed since the draft was read above (another tab) — the checks ran on files the request no longer has,
    // and the answers named it: the person looks at the request again rather than it going without the file.
    const held = new Set((await listDraftDocuments(tx, draft.id)).map((d) => d.id));
    if (draft.documents.some((d) => !held.has(d.id))) throw new AppError('submission.draft_changed', 'conflict');
    // A withdrawal committed since the check above, or under way now, is seen here: it waits for this transaction
    // (share lock on the service's row) or this one waits for it and reads it, so no submission follows it.
    if (await lockServiceWithdrawal(tx, { institutionId: draft.version.institutionId, code: draft.version.code })) throw withdrawn();
    await updateState(tx, draft.id, { declaration, now });
    // A file given to a question the answers no longer ask (the owners' consent, once the premises turned out not to be
    // in a block of flats) is not filed with the case: the institution gets only what the request needs.
    // (Only files of the form's own questions: a signed application or a required document's file is not an answer.)
    for (const d of draft.documents) {
      const question = d.questionId ? formQuestions.has(d.questionId) : false;
      if (question && !(d.questionId! in answers)) await deleteDraftDocument(tx, draft.id, d.id);
    }
    // openCase takes the registry number in its last statement (the institution's counter stays locked from then to
    // commit): the draft link and the e-mail go before it, our audit entry into that statement.
    const opened = await openCase(
      tx,
      {
        serviceVersionId: draft.version.id,
        applicantAccountId: actor.accountId,
        companyId: draft.companyId,
        applicant,
        answers,
        channel: 'online',
        actorId: actor.accountId,
        transactionId: `draft:${draft.id}`,
        feeBani: fee,
        // Only the documents that still apply to the answers as submitted, and whose consent was given.
        fetchedDocuments: fetchedDocuments(def.documents, answers).flatMap((d) => {
          const consent = draft.consents[d.id];
          return consent?.given ? [{ documentId: d.id, consentAt: consent.at, accountId: consent.accountId }] : [];
        }),
        draftId: draft.id,
        at: now,
      },
      {
        beforeNumber: async (caseId, opened) => {
          if (!(await markDraftSubmitted(tx, draft.id, caseId, now))) throw new AppError('submission.already_submitted', 'conflict');
          // Queued now, while the counter is free; the numbering statement writes the number in.
          const forCompany = applicant.kind === 'company';
          const outboxIds = await deps.notifier.enqueue(tx, {
            template:
              opened.dueOn === null
                ? forCompany
                  ? SUBMISSION_RECEIVED_NO_ANSWER_COMPANY
                  : SUBMISSION_RECEIVED_NO_ANSWER
                : forCompany
                  ? SUBMISSION_RECEIVED_COMPANY
                  : SUBMISSION_RECEIVED,
            institutionId: draft.version.institutionId,
            to: { accountId: actor.accountId, email: facts.email, locale: actor.locale },
            data: {
              name: facts.name ?? actor.displayName,
              service: def.name[actor.locale],
              number: NUMBER_PLACEHOLDER,
              trackingCode: formatTrackingCode(opened.trackingCode),
              dueOn: opened.dueOn === null ? '' : formatDate(`${opened.dueOn}T12:00:00Z`),
              url: `${deps.config.baseUrl}/cont/cereri/${caseId}`,
              ...(forCompany ? { company: applicant.name, cui: applicant.cui ?? '' } : {}),
            },
          });
          return { outboxIds };
        },
        audit: (caseId) => [
          {
            chain: draft.version.institutionId,
            actorId: actor.accountId,
            action: 'submission.declared',
            subjectId: actor.accountId,
            entity: 'case',
            entityId: caseId,
            details: { declaration: declaration.kind, answersSha256: hash, consents: Object.fromEntries(Object.entries(draft.consents).map(([k, v]) => [k, v.given])) },
            ip: actor.ip,
          },
        ],
      },
    );
    return { caseId: opened.caseId, existing: false, opened } as const;
  });
  if (result.existing) return describeCase(deps, result.caseId, true);
  const { opened } = result;
  return { caseId: opened.caseId, number: opened.registry.display, trackingCode: opened.trackingCode, dueOn: opened.dueOn, alreadySubmitted: false };
}
