import type { AppDeps } from '../../app.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import { AppError, notFound } from '../../platform/http/errors.ts';
import { getDraft } from './get-draft.ts';
import { deleteDraftDocument, updateDraft } from './store.ts';

/** Takes a file off the draft (and out of the answer to its file question). */
export async function removeDocument(deps: AppDeps, actor: Actor, input: { draftId: string; documentId: string }): Promise<void> {
  const draft = await getDraft(deps, actor, input.draftId);
  if (draft.submittedCaseId) throw new AppError('submission.already_submitted', 'conflict');
  const doc = draft.documents.find((d) => d.id === input.documentId);
  if (!doc) throw notFound('submission.document_not_found');
  const answers = { ...draft.answers };
  if (doc.questionId && Array.isArray(answers[doc.questionId])) answers[doc.questionId] = (answers[doc.questionId] as string[]).filter((x) => x !== doc.id);
  await deps.db.transaction(async (tx) => {
    await deleteDraftDocument(tx, draft.id, doc.id);
    await updateDraft(tx, draft.id, { answers, now: deps.now() });
    await recordAudit(tx, {
      chain: draft.version.institutionId,
      actorId: actor.accountId,
      action: 'submission.document_removed',
      subjectId: actor.accountId,
      entity: 'case_document',
      entityId: doc.id,
      details: { draft: draft.id },
      ip: actor.ip,
    });
  });
}
