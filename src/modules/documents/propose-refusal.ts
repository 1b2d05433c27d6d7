import type { Tx } from '../../db/database.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import { AppError } from '../../platform/http/errors.ts';
import { ANSWER_TEXT_MAX, normaliseAnswerText } from './domain/answer-text.ts';
import { listCaseAnswerDocuments, lockAnswerDraft, upsertAnswerDraft } from './store.ts';

/**
 * A refusal proposed on the answer's route ("Respinge" at the analysis or an approval, act-on-step.ts) is the answer
 * the institution will sign and issue: with no answer document yet, the answer becomes a refusal whose reasons are the
 * ones just written (a refusal the official had already written keeps its own, fuller text), so they are typed once and
 * the document generated from it carries them with the legal remedy. An answer document already generated that says
 * something else (admisă, informare) is refused: approving a refusal while a favourable answer is being signed would
 * issue the wrong one — it is withdrawn first ("Retrage pentru corectare").
 */
export async function proposeRefusal(tx: Tx, actor: Actor, c: { id: string; institutionId: string; applicantAccountId: string | null }, reason: string, at: Date): Promise<void> {
  const current = (await listCaseAnswerDocuments(tx, c.id)).find((d) => d.status !== 'superseded');
  if (current) {
    if (current.outcome !== 'refused') throw new AppError('documents.refusal.answer_differs', 'conflict', { version: String(current.version) });
    return;
  }
  const before = await lockAnswerDraft(tx, c.id);
  if (before?.outcome === 'refused' && before.text) return;
  const text = normaliseAnswerText(reason).slice(0, ANSWER_TEXT_MAX);
  await upsertAnswerDraft(tx, { caseId: c.id, institutionId: c.institutionId, outcome: 'refused', text, partialRefusal: null, updatedBy: actor.accountId, updatedAt: at });
  await recordAudit(tx, {
    chain: c.institutionId,
    actorId: actor.accountId,
    action: 'document.answer_written',
    subjectId: c.applicantAccountId,
    entity: 'case',
    entityId: c.id,
    details: { outcome: 'refused', previousOutcome: before?.outcome ?? null, characters: text.length, withdrawnVersion: null, refusalProposed: true },
    ip: actor.ip,
  });
}
