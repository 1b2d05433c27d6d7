import type { AppDeps } from '../../app.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import { AppError } from '../../platform/http/errors.ts';
import { findCaseForOfficial } from '../cases/get-case-for-official.ts';
import { CLOSED_STATUSES } from './answer-context.ts';
import { type AnswerOutcome, checkAnswerDraft, normaliseAnswerText } from './domain/answer-text.ts';
import { listCaseAnswerDocuments, lockAnswerDraft, listSignatures, lockAnswerDocument, supersedeVersion, upsertAnswerDraft } from './store.ts';

export type SavedAnswerDraft = { caseId: string; outcome: AnswerOutcome; changed: boolean; withdrawnVersion: number | null };

/**
 * The official writes the answer: its outcome and its text. A generated version that nobody has signed yet no longer
 * says what the official means, so it is withdrawn (superseded) and the answer is generated again. Once someone has
 * signed, the text is frozen: a signer never has the text change under their signature; to change it, the official
 * first withdraws the signed version (withdraw-answer.ts). The document row is locked, so a signature being recorded
 * at the same moment either comes first (and the change is refused) or finds its version superseded.
 */
export async function saveAnswerDraft(
  deps: Pick<AppDeps, 'db' | 'now'>,
  actor: Actor,
  input: { caseId: string; outcome: unknown; text: unknown },
): Promise<SavedAnswerDraft> {
  const text = normaliseAnswerText(input.text);
  const problems = checkAnswerDraft(input.outcome, text);
  if (problems.length) throw new AppError('documents.answer.invalid', 'invalid', {}, Object.fromEntries(problems.map((p) => [p.field, p.code])));
  const outcome = input.outcome as AnswerOutcome;
  const at = deps.now();
  return deps.db.transaction(async (tx) => {
    const row = await findCaseForOfficial(tx, actor, input.caseId, 'documents.prepare');
    if ((CLOSED_STATUSES as readonly string[]).includes(row.status)) throw new AppError('documents.case_closed', 'conflict');
    // Locked first: a version generated meanwhile is either seen below (and withdrawn) or generated from this text.
    const before = await lockAnswerDraft(tx, row.id);
    const changed = !before || before.outcome !== outcome || before.text !== text;
    const [latest] = await listCaseAnswerDocuments(tx, row.id);
    if (latest?.status === 'issued') throw new AppError('documents.already_issued', 'conflict');
    let withdrawnVersion: number | null = null;
    if (latest && changed) {
      const locked = await lockAnswerDocument(tx, latest.id);
      if (locked && (locked.status === 'signing' || locked.status === 'signed')) {
        const signatures = await listSignatures(tx, latest.id);
        if (signatures.length > 0) {
          throw new AppError('documents.answer.signed', 'conflict', { name: signatures[0]!.signerName }, { text: 'documents.answer.signed' });
        }
        await supersedeVersion(tx, latest.id);
        withdrawnVersion = latest.version;
      }
    }
    if (changed) {
      await upsertAnswerDraft(tx, { caseId: row.id, institutionId: row.institutionId, outcome, text, updatedBy: actor.accountId, updatedAt: at });
      await recordAudit(tx, {
        chain: row.institutionId,
        actorId: actor.accountId,
        action: 'document.answer_written',
        subjectId: row.applicantAccountId,
        entity: 'case',
        entityId: row.id,
        details: { outcome, previousOutcome: before?.outcome ?? null, characters: text.length, withdrawnVersion },
        ip: actor.ip,
      });
    }
    return { caseId: row.id, outcome, changed, withdrawnVersion };
  });
}
