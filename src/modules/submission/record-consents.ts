import type { AppDeps } from '../../app.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import { AppError } from '../../platform/http/errors.ts';
import { fetchedDocuments, nextStep, type Step } from './domain/journey.ts';
import { type DraftView, getDraft } from './get-draft.ts';
import type { Consent } from './schema.ts';
import { updateState } from './store.ts';

/**
 * Records, for each document the institution can fetch from its issuer (OUG 41/2016), whether the person
 * agrees that it is fetched; a refused one becomes a document to upload.
 */
export async function recordConsents(
  deps: AppDeps,
  actor: Actor,
  input: { draftId: string; agreed: string[] } | { draft: DraftView; agreed: string[] },
): Promise<{ next: Step; draft: DraftView }> {
  // A draft the caller already read with getDraft for this actor (its owner check done) is not read again.
  const draft = 'draft' in input ? input.draft : await getDraft(deps, actor, input.draftId);
  if (draft.submittedCaseId) throw new AppError('submission.already_submitted', 'conflict');
  const def = draft.version.definition;
  const at = deps.now().toISOString();
  const consents: Record<string, Consent> = {};
  for (const d of fetchedDocuments(def.documents, draft.answers)) consents[d.id] = { given: input.agreed.includes(d.id), at, accountId: actor.accountId };
  const completedPages = [...new Set([...draft.completedPages, '_consent'])];
  await deps.db.transaction(async (tx) => {
    await updateState(tx, draft.id, { consents, completedPages, now: deps.now() });
    await recordAudit(tx, {
      chain: draft.version.institutionId,
      actorId: actor.accountId,
      action: 'submission.consent_recorded',
      subjectId: actor.accountId,
      entity: 'case_draft',
      entityId: draft.id,
      details: { consents: Object.fromEntries(Object.entries(consents).map(([k, v]) => [k, v.given])) },
      ip: actor.ip,
    });
  });
  return {
    next: nextStep({ def: def.form, documents: def.documents, answers: draft.answers, prefilled: draft.prefilled, completedPages, consents }),
    draft: { ...draft, consents, completedPages },
  };
}
