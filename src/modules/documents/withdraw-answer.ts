import type { AppDeps } from '../../app.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import { AppError } from '../../platform/http/errors.ts';
import { isUuid } from '../../platform/ids/uuid.ts';
import { findCaseForOfficial } from '../cases/get-case-for-official.ts';
import { CLOSED_STATUSES } from './answer-context.ts';
import { checkMayDiscardSignatures } from './discard-signatures.ts';
import { listSignatures, lockAnswerDocument, supersedeVersion } from './store.ts';

/**
 * "Retrage pentru corectare": a generated version that is not issued stops being the answer — its signatures stay
 * on it, as they were given, but nobody signs or issues it any more — so its text can be changed and a new version
 * generated and signed again. A version someone signed is withdrawn only by the official the case is with, at its
 * analysis or an approval (discard-signatures.ts).
 */
export async function withdrawAnswer(
  deps: Pick<AppDeps, 'db'>,
  actor: Actor,
  input: { caseId: string; documentId: string },
): Promise<{ documentId: string; version: number; signatures: number }> {
  return deps.db.transaction(async (tx) => {
    const row = await findCaseForOfficial(tx, actor, input.caseId, 'documents.prepare');
    if ((CLOSED_STATUSES as readonly string[]).includes(row.status)) throw new AppError('documents.case_closed', 'conflict');
    const doc = isUuid(input.documentId) ? await lockAnswerDocument(tx, input.documentId) : null;
    if (!doc || doc.caseId !== row.id) throw new AppError('documents.not_found', 'not_found');
    if (doc.status !== 'signing' && doc.status !== 'signed') throw new AppError('documents.not_withdrawable', 'conflict');
    const signatures = (await listSignatures(tx, doc.id)).length;
    if (signatures > 0) await checkMayDiscardSignatures(tx, actor, row);
    await supersedeVersion(tx, doc.id);
    await recordAudit(tx, {
      chain: row.institutionId,
      actorId: actor.accountId,
      action: 'document.withdrawn',
      subjectId: row.applicantAccountId,
      entity: 'answer_document',
      entityId: doc.id,
      details: { caseId: row.id, version: doc.version, signatures },
      ip: actor.ip,
    });
    return { documentId: doc.id, version: doc.version, signatures };
  });
}
