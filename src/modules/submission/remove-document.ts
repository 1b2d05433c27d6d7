import type { AppDeps } from '../../app.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import { AppError, notFound } from '../../platform/http/errors.ts';
import { getDraft } from './get-draft.ts';
import { deleteDraftDocument, lockDraft, updateDraft } from './store.ts';

/**
 * Takes a file off the draft (and out of the answer to its file question). Under the draft's lock, as uploads and the
 * submission take it: a draft submitted meanwhile keeps the file (it went with the request: 409), and the answers
 * changed are those of the draft as locked, not as read before.
 */
export async function removeDocument(deps: AppDeps, actor: Actor, input: { draftId: string; documentId: string }): Promise<void> {
  const draft = await getDraft(deps, actor, input.draftId);
  if (draft.submittedCaseId) throw new AppError('submission.already_submitted', 'conflict');
  const doc = draft.documents.find((d) => d.id === input.documentId);
  if (!doc) throw notFound('submission.document_not_found');
  await deps.db.transaction(async (tx) => {
    const locked = await lockDraft(tx, draft.id);
    if (!locked) throw notFound('submission.draft_not_found');
    if (locked.submittedCaseId) throw new AppError('submission.already_submitted', 'conflict');
    // Removed meanwhile (another tab): nothing to take off, nothing to audit.
    if (!(await deleteDraftDocument(tx, draft.id, doc.id))) throw notFound('submission.document_not_found');
    const answers = { ...locked.answers };
    if (doc.questionId && Array.isArray(answers[doc.questionId])) answers[doc.questionId] = (answers[doc.questionId] as string[]).filter((x) => x !== doc.id);
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
