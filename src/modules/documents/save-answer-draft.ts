import type { AppDeps } from '../../app.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import { AppError } from '../../platform/http/errors.ts';
import { findCaseForOfficial } from '../cases/get-case-for-official.ts';
import { CLOSED_STATUSES } from './answer-context.ts';
import { type AnswerOutcome, checkAnswerDraft, normaliseAnswerText } from './domain/answer-text.ts';
import { checkPartialRefusal, type PartialRefusal } from './domain/partial-refusal.ts';
import { listCaseAnswerDocuments, lockAnswerDraft, listSignatures, lockAnswerDocument, supersedeVersion, upsertAnswerDraft } from './store.ts';

export type SavedAnswerDraft = { caseId: string; outcome: AnswerOutcome; changed: boolean; withdrawnVersion: number | null };

/** The refused part of a partial answer as typed: its texts normalised like the answer's, the ground as sent. */
export type PartialRefusalInput = { part?: unknown; ground?: unknown; reasons?: unknown };

const sameRefusal = (a: PartialRefusal | null, b: PartialRefusal | null) => a?.part === b?.part && a?.ground === b?.ground && a?.reasons === b?.reasons;

/**
 * The official writes the answer: its outcome and its text. A generated version that nobody has signed yet no longer
 * says what the official means, so it is withdrawn (superseded) and the answer is generated again. Once someone has
 * signed, the text is frozen: a signer never has the text change under their signature; to change it, the official
 * first withdraws the signed version (withdraw-answer.ts). The document row is locked, so a signature being recorded
 * at the same moment either comes first (and the change is refused) or finds its version superseded.
 * A public-information request may be answered in part (`partial`): the text is the information given, and
 * `partialRefusal` the part refused, with its exemption ground (Legea 544/2001 art. 12) and reasons; any other kind of
 * case is refused that outcome (a petition or a request is granted or refused, not "communicated").
 */
export async function saveAnswerDraft(
  deps: Pick<AppDeps, 'db' | 'now'>,
  actor: Actor,
  input: { caseId: string; outcome: unknown; text: unknown; partialRefusal?: PartialRefusalInput | null },
): Promise<SavedAnswerDraft> {
  const text = normaliseAnswerText(input.text);
  const typed = { part: normaliseAnswerText(input.partialRefusal?.part), ground: input.partialRefusal?.ground, reasons: normaliseAnswerText(input.partialRefusal?.reasons) };
  const problems = [...checkAnswerDraft(input.outcome, text), ...(input.outcome === 'partial' ? checkPartialRefusal(typed) : [])];
  if (problems.length) throw new AppError('documents.answer.invalid', 'invalid', {}, Object.fromEntries(problems.map((p) => [p.field, p.code])));
  const outcome = input.outcome as AnswerOutcome;
  const partialRefusal = outcome === 'partial' ? (typed as PartialRefusal) : null;
  const at = deps.now();
  return deps.db.transaction(async (tx) => {
    const row = await findCaseForOfficial(tx, actor, input.caseId, 'documents.prepare');
    if ((CLOSED_STATUSES as readonly string[]).includes(row.status)) throw new AppError('documents.case_closed', 'conflict');
    if (outcome === 'partial' && row.kind !== 'information') {
      throw new AppError('documents.answer.partial_information_only', 'invalid', {}, { outcome: 'documents.answer.partial_information_only' });
    }
    // Locked first: a version generated meanwhile is either seen below (and withdrawn) or generated from this text.
    const before = await lockAnswerDraft(tx, row.id);
    const changed = !before || before.outcome !== outcome || before.text !== text || !sameRefusal(before.partialRefusal, partialRefusal);
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
      await upsertAnswerDraft(tx, { caseId: row.id, institutionId: row.institutionId, outcome, text, partialRefusal, updatedBy: actor.accountId, updatedAt: at });
      await recordAudit(tx, {
        chain: row.institutionId,
        actorId: actor.accountId,
        action: 'document.answer_written',
        subjectId: row.applicantAccountId,
        entity: 'case',
        entityId: row.id,
        details: { outcome, previousOutcome: before?.outcome ?? null, characters: text.length, withdrawnVersion, ...(partialRefusal ? { exemption: partialRefusal.ground } : {}) },
        ip: actor.ip,
      });
    }
    return { caseId: row.id, outcome, changed, withdrawnVersion };
  });
}
