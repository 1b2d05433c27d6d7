import type { AppDeps } from '../../app.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { AppError } from '../../platform/http/errors.ts';
import { actOnCase } from './act-on-case.ts';
import { caseTargetOf, findCaseForOfficial, mayRequestCompletion } from './get-case-for-official.ts';
import { COMPLETION_TEXT_REQUIRED, caseText } from './send-case-message.ts';
import { listActions } from './store.ts';

/**
 * The official the case is with (mayRequestCompletion) asks the applicant for missing documents, saying which
 * (OUG 27/2003: asked in time, it extends the term; the case's clock applies the rule). The case waits for the
 * applicant, who is emailed.
 */
export async function requestCompletion(
  deps: Pick<AppDeps, 'db' | 'now' | 'notifier' | 'config'>,
  actor: Actor,
  input: { caseId: string; text: unknown; transactionId: string },
): Promise<{ status: string; dueOn: string | null; duplicate: boolean }> {
  const text = caseText(input.text, 'text', undefined, COMPLETION_TEXT_REQUIRED);
  const at = deps.now();
  return deps.db.transaction(async (tx) => {
    const row = await findCaseForOfficial(tx, actor, input.caseId, 'cases.request_completion');
    const same = (await listActions(tx, row.id)).some((a) => a.transactionId === input.transactionId);
    if (!same && !(await mayRequestCompletion(tx, actor, row, await caseTargetOf(tx, row)))) throw new AppError('tracking.completion.not_with_you', 'forbidden');
    const r = await actOnCase(tx, deps, { caseId: input.caseId, type: 'completion_requested', actorId: actor.accountId, transactionId: input.transactionId, payload: { text }, at });
    return { status: r.status, dueOn: r.dueOn, duplicate: r.duplicate };
  });
}
