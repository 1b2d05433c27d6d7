import type { AppDeps } from '../../app.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { actOnCase } from './act-on-case.ts';
import { findCaseForOfficial } from './get-case-for-official.ts';
import { COMPLETION_TEXT_REQUIRED, caseText } from './send-case-message.ts';

/**
 * An official asks the applicant for missing documents, saying which (OUG 27/2003: asked in time, it extends the
 * term; the case's clock applies the rule). The case waits for the applicant, who is emailed.
 */
export async function requestCompletion(
  deps: Pick<AppDeps, 'db' | 'now' | 'notifier' | 'config'>,
  actor: Actor,
  input: { caseId: string; text: unknown; transactionId: string },
): Promise<{ status: string; dueOn: string | null; duplicate: boolean }> {
  const text = caseText(input.text, 'text', undefined, COMPLETION_TEXT_REQUIRED);
  const at = deps.now();
  return deps.db.transaction(async (tx) => {
    await findCaseForOfficial(tx, actor, input.caseId, 'cases.request_completion');
    const r = await actOnCase(tx, deps, { caseId: input.caseId, type: 'completion_requested', actorId: actor.accountId, transactionId: input.transactionId, payload: { text }, at });
    return { status: r.status, dueOn: r.dueOn, duplicate: r.duplicate };
  });
}
