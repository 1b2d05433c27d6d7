import type { AppDeps } from '../../app.ts';
import type { Tx } from '../../db/database.ts';
import { NEW_MESSAGE_TEMPLATE, notifyApplicant, notifyStatusChanged } from './notify-applicant.ts';
import { type RecordActionInput, type Recorded, recordCaseAction } from './record-case-action.ts';
import { lockCase } from './store.ts';

/**
 * Records an action on a case (recordCaseAction: allowed-action check, idempotency, audit) and, when the status
 * changed to one the applicant is told of (notifyStatusChanged), emails the applicant in the same transaction, so
 * the email exists exactly when the change commits.
 * An official's message is also announced to the applicant. Use this instead of recordCaseAction wherever a
 * person acts on a case; authorization stays with the calling use case.
 */
export async function actOnCase(tx: Tx, deps: Pick<AppDeps, 'notifier' | 'config'>, input: RecordActionInput): Promise<Recorded & { changed: boolean }> {
  const before = await lockCase(tx, input.caseId);
  const recorded = await recordCaseAction(tx, input);
  const changed = !recorded.duplicate && before !== null && before.status !== recorded.status;
  if (changed) await notifyStatusChanged(tx, deps, input.caseId, recorded.status);
  else if (!recorded.duplicate && input.type === 'message' && before && input.actorId !== before.applicantAccountId) {
    await notifyApplicant(tx, deps, { caseId: input.caseId, template: NEW_MESSAGE_TEMPLATE });
  }
  return { ...recorded, changed };
}
