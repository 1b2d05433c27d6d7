import type { AppDeps } from '../../app.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import { AppError, notFound } from '../../platform/http/errors.ts';
import { getDraft } from './get-draft.ts';
import { deleteDraft, lockDraft } from './store.ts';

/**
 * The person gives up a request they started: the draft and the files uploaded to it are removed (a submitted
 * request is never a draft again: it is withdrawn instead). Someone else's draft is "not found". Under the draft's
 * lock, as uploads and the submission take it: a file stored at the same instant is either removed with the draft or
 * refused (the draft is gone), and a draft submitted meanwhile is not discarded.
 */
export async function discardDraft(deps: AppDeps, actor: Actor, draftId: string): Promise<{ serviceName: { ro: string; en: string } }> {
  const draft = await getDraft(deps, actor, draftId);
  if (draft.submittedCaseId) throw new AppError('submission.already_submitted', 'conflict');
  await deps.db.transaction(async (tx) => {
    const locked = await lockDraft(tx, draft.id);
    if (!locked) throw notFound('submission.draft_not_found');
    if (locked.submittedCaseId) throw new AppError('submission.already_submitted', 'conflict');
    await deleteDraft(tx, draft.id);
    await recordAudit(tx, {
      chain: draft.version.institutionId,
      actorId: actor.accountId,
      action: 'submission.draft_discarded',
      subjectId: actor.accountId,
      entity: 'case_draft',
      entityId: draft.id,
      details: { service: draft.version.definition.code },
      ip: actor.ip,
    });
  });
  return { serviceName: draft.version.definition.name };
}
