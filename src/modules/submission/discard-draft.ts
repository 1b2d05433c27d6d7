import type { AppDeps } from '../../app.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import { AppError } from '../../platform/http/errors.ts';
import { getDraft } from './get-draft.ts';
import { deleteDraft } from './store.ts';

/**
 * The person gives up a request they started: the draft and the files uploaded to it are removed (a submitted
 * request is never a draft again: it is withdrawn instead). Someone else's draft is "not found".
 */
export async function discardDraft(deps: AppDeps, actor: Actor, draftId: string): Promise<{ serviceName: { ro: string; en: string } }> {
  const draft = await getDraft(deps, actor, draftId);
  if (draft.submittedCaseId) throw new AppError('submission.already_submitted', 'conflict');
  await deps.db.transaction(async (tx) => {
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
