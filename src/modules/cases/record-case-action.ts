import type { Tx } from '../../db/database.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import { bucharestDay } from '../../platform/calendar/calendar.ts';
import { AppError } from '../../platform/http/errors.ts';
import { getServiceVersion } from '../catalog/get-service-version.ts';
import { getClosures } from '../organisation/closures.ts';
import { type ActionType, assigneeOf, type CaseAction, type CaseStatus, clockOf, departmentOf, isAllowed, statusOf } from './domain/case-state.ts';
import { insertAction, listActions, lockCase, updateProjection } from './store.ts';

export type RecordActionInput = {
  caseId: string;
  type: Exclude<ActionType, 'submitted'>;
  actorId: string | null;
  /** The client's id for this action: sending the same one again changes nothing. */
  transactionId: string;
  payload?: CaseAction['payload'];
  at: Date;
};

/** `seq` and `at`: the action's place in the case's log and its time (for a repeated transactionId, the first call's). */
export type Recorded = { status: CaseStatus; dueOn: string | null; duplicate: boolean; seq: number; at: Date };

/**
 * Appends one action to a case's log after checking it is allowed in the current status (a stale client gets
 * a conflict), then refreshes the projection the inboxes read. Authorization is the caller's use case's job.
 */
export async function recordCaseAction(tx: Tx, input: RecordActionInput): Promise<Recorded> {
  const row = await lockCase(tx, input.caseId);
  if (!row) throw new AppError('case.not_found', 'not_found');
  const actions = await listActions(tx, input.caseId);
  const earlier = actions.find((a) => a.transactionId === input.transactionId);
  if (earlier) return { status: row.status, dueOn: row.dueOn, duplicate: true, seq: earlier.seq, at: earlier.at };
  const status = statusOf(actions);
  if (!isAllowed(status, input.type)) throw new AppError('case.action_not_allowed', 'conflict', { status, action: input.type });
  const action: CaseAction = {
    type: input.type,
    at: input.at,
    day: bucharestDay(input.at),
    actorId: input.actorId,
    transactionId: input.transactionId,
    payload: input.payload ?? {},
  };
  const all = [...actions, action];
  const version = await getServiceVersion(tx, row.serviceVersionId);
  const def = version.definition;
  const clock = clockOf(all, { term: def.term, tacitApproval: def.tacitApproval, kind: def.caseKind }, await getClosures(tx, row.institutionId));
  const next = statusOf(all);
  await insertAction(tx, input.caseId, actions.length + 1, action);
  await updateProjection(tx, input.caseId, {
    status: next,
    assigneeId: assigneeOf(all),
    departmentId: departmentOf(all, row.departmentId),
    dueOn: clock.dueOn,
    at: input.at,
    outcome: action.payload.outcome,
  });
  await recordAudit(tx, {
    chain: row.institutionId,
    actorId: input.actorId,
    action: `case.${input.type}`,
    subjectId: row.applicantAccountId,
    entity: 'case',
    entityId: input.caseId,
    details: { from: status, to: next },
  });
  return { status: next, dueOn: clock.dueOn, duplicate: false, seq: actions.length + 1, at: input.at };
}
