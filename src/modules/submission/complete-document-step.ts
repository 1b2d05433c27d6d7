import type { AppDeps } from '../../app.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { AppError, notFound } from '../../platform/http/errors.ts';
import { documentsToUpload, nextStep, type Step } from './domain/journey.ts';
import { getDraft } from './get-draft.ts';
import { updateState } from './store.ts';

/** "Continue" on a document's page: a required document needs at least one file. */
export async function completeDocumentStep(deps: AppDeps, actor: Actor, input: { draftId: string; documentId: string }): Promise<Step> {
  const draft = await getDraft(deps, actor, input.draftId);
  if (draft.submittedCaseId) throw new AppError('submission.already_submitted', 'conflict');
  const def = draft.version.definition;
  const doc = documentsToUpload(def.documents, draft.consents, draft.answers, def.form).find((d) => d.id === input.documentId);
  if (!doc) throw notFound('submission.page_not_found');
  if (doc.required && !draft.documents.some((d) => d.requiredDocumentId === doc.id)) {
    throw new AppError('submission.file.required', 'invalid', {}, { file: 'submission.file.required' });
  }
  const completedPages = [...new Set([...draft.completedPages, `_doc_${doc.id}`])];
  await updateState(deps.db, draft.id, { completedPages, now: deps.now() });
  return nextStep({ def: def.form, documents: def.documents, answers: draft.answers, prefilled: draft.prefilled, completedPages, consents: draft.consents });
}
