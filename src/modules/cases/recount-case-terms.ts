import { randomUUID } from 'node:crypto';
import type { AppDeps } from '../../app.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import { bucharestDay } from '../../platform/calendar/calendar.ts';
import { formatDate } from '../../platform/i18n/format.ts';
import { getServiceVersion } from '../catalog/get-service-version.ts';
import { getClosures } from '../organisation/closures.ts';
import { clockOf, isClosedStatus, statusOf } from './domain/case-state.ts';
import { notifyApplicant, TERM_RECOUNTED_TEMPLATE } from './notify-applicant.ts';
import { deleteTermRecount, insertAction, listActions, listTermRecounts, lockCase, updateDueOn } from './store.ts';

/**
 * Counts again, from its log, the term of each open case listed for it — by migration 0056 (terms extended before the
 * counting was corrected ended one or two days later than the law allows) or by a closed day added or removed
 * (markTermsForRecount). The new last day is the one the case's next action would have written anyway (clockOf, with
 * the institution's closed days). A changed day is audited with both days, written in the case's log (its history
 * shows it: `term_recounted`) and e-mailed to the applicant, whose earlier e-mails (registration, an extension) named
 * the other day; a day that stays the same tells nobody anything. Each case leaves the list once counted, so the daily
 * job does this once. Returns the cases whose day changed.
 */
export async function recountCaseTerms(deps: Pick<AppDeps, 'db' | 'now' | 'notifier' | 'config'>): Promise<{ caseId: string; from: string | null; to: string | null }[]> {
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
        // A term of 0 days has no day to move; any other keeps one (clockOf), so both days are there to tell.
        if (row.dueOn === null || dueOn === null) return;
        const at = deps.now();
        await insertAction(tx, caseId, actions.length + 1, {
          type: 'term_recounted',
          at,
          day: bucharestDay(at),
          actorId: null,
          transactionId: randomUUID(),
          payload: { recount: { from: row.dueOn, to: dueOn } },
        });
        await notifyApplicant(tx, deps, { caseId, template: TERM_RECOUNTED_TEMPLATE, data: { from: formatDate(`${row.dueOn}T12:00:00Z`) } });
      });
    }
  }
}
