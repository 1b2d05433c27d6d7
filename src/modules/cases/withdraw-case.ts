import type { AppDeps } from '../../app.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { AppError } from '../../platform/http/errors.ts';
import { actOnCase } from './act-on-case.ts';
import { isAllowed } from './domain/case-state.ts';
import { findOwnCase } from './get-case-for-applicant.ts';
import { caseText } from './send-case-message.ts';

/** The applicant withdraws their request, with a reason; the clock stops and they are emailed the new status. */
export async function withdrawCase(
  deps: Pick<AppDeps, 'db' | 'now' | 'notifier' | 'config'>,
  actor: Actor,
  input: { caseId: string; reason: unknown; transactionId: string },
): Promise<{ status: string; duplicate: boolean }> {
  const at = deps.now();
  return deps.db.transaction(async (tx) => {
    const row = await findOwnCase(tx, actor, input.caseId, at);
    const reason = caseText(input.reason, 'reason', 1000);
    if (row.status !== 'withdrawn' && !isAllowed(row.status, 'withdrawn')) throw new AppError('tracking.withdraw.not_allowed', 'conflict');
    const r = await actOnCase(tx, deps, { caseId: row.id, type: 'withdrawn', actorId: actor.accountId, transactionId: input.transactionId, payload: { reason }, at });
    return { status: r.status, duplicate: r.duplicate };
  });
}
