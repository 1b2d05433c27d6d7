import type { AppDeps } from '../../app.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { AppError } from '../../platform/http/errors.ts';
import { actOnCase } from './act-on-case.ts';
import { findOwnCase } from './get-case-for-applicant.ts';
import { listActions, listCaseDocuments } from './store.ts';

/**
 * The applicant confirms the file is complete: at least one document sent since the official asked. The case goes
 * back to the official (`completed`); the term rules of OUG 27/2003 are applied by the case's clock.
 */
export async function confirmCompletion(
  deps: Pick<AppDeps, 'db' | 'now' | 'notifier' | 'config'>,
  actor: Actor,
  input: { caseId: string; transactionId: string; note?: string },
): Promise<{ status: string; duplicate: boolean }> {
  const at = deps.now();
  return deps.db.transaction(async (tx) => {
    const row = await findOwnCase(tx, actor, input.caseId, at);
    const actions = await listActions(tx, row.id);
    if (actions.some((a) => a.transactionId === input.transactionId)) return { status: row.status, duplicate: true };
    if (row.status !== 'awaiting_applicant') throw new AppError('tracking.completion.not_requested', 'conflict');
    const request = [...actions].reverse().find((a) => a.type === 'completion_requested');
    const uploaded = (await listCaseDocuments(tx, row.id)).filter((d) => d.direction === 'in' && request && d.createdAt >= request.at);
    if (uploaded.length === 0) throw new AppError('tracking.completion.no_documents', 'invalid', {}, { file: 'tracking.completion.no_documents' });
    const note = input.note?.trim().slice(0, 1000);
    const r = await actOnCase(tx, deps, {
      caseId: row.id,
      type: 'completed',
      actorId: actor.accountId,
      transactionId: input.transactionId,
      payload: note ? { text: note } : {},
      at,
    });
    return { status: r.status, duplicate: r.duplicate };
  });
}
