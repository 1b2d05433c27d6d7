import type { AppDeps } from '../../app.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import { getServiceVersion } from '../catalog/get-service-version.ts';
import { getClosures } from '../organisation/closures.ts';
import { clockOf, isClosedStatus, statusOf } from './domain/case-state.ts';
import { deleteTermRecount, listActions, listTermRecounts, lockCase, updateDueOn } from './store.ts';

/**
 * Counts again, from its log, the term of each open case migration 0056 listed: terms extended before the counting was
 * corrected ended one or two days later than the law allows. The new last day is the one the case's next action would
 * have written anyway (clockOf, with the institution's closed days); a changed day is audited with both days. Each case
 * leaves the list once counted, so the daily job does this once. Returns the cases whose day changed.
 */
export async function recountCaseTerms(deps: Pick<AppDeps, 'db'>): Promise<{ caseId: string; from: string | null; to: string | null }[]> {
  const changed: { caseId: string; from: string | null; to: string | null }[] = [];
  for (;;) {
    const batch = await listTermRecounts(deps.db, 200);
    if (batch.length === 0) return changed;
    for (const caseId of batch) {
      await deps.db.transaction(async (tx) => {
        await deleteTermRecount(tx, caseId);
        const row = await lockCase(tx, caseId);
        if (!row) return;
        const actions = await listActions(tx, caseId);
        if (isClosedStatus(statusOf(actions))) return;
        const def = (await getServiceVersion(tx, row.serviceVersionId)).definition;
        const { dueOn } = clockOf(actions, { term: def.term, tacitApproval: def.tacitApproval, kind: def.caseKind }, await getClosures(tx, row.institutionId));
        if (dueOn === row.dueOn) return;
        await updateDueOn(tx, caseId, dueOn);
        await recordAudit(tx, {
          chain: row.institutionId,
          actorId: null,
          action: 'case.term_recounted',
          subjectId: row.applicantAccountId,
          entity: 'case',
          entityId: caseId,
          details: { from: row.dueOn, to: dueOn },
        });
        changed.push({ caseId, from: row.dueOn, to: dueOn });
      });
    }
  }
}
