import type { AppDeps } from '../../app.ts';
import type { Tx } from '../../db/database.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import { bucharestDay } from '../../platform/calendar/calendar.ts';
import { AppError } from '../../platform/http/errors.ts';
import { getServiceVersion } from '../catalog/get-service-version.ts';
import { getClosures } from '../organisation/closures.ts';
import { type ActionType, assigneeOf, type CaseAction, type CaseStatus, clockOf, departmentOf, isClosedStatus, statusOf } from './domain/case-state.ts';
import { notifyStatusChanged } from './notify-applicant.ts';
import { type CaseRow, findActorsInfo, insertAction, listActions, lockCase, updateProjection } from './store.ts';

/** A case action taken at a workflow step: the log records the step it was taken at (and where it sent the case). */
export type StepPayload = CaseAction['payload'] & { step: string; toStep?: string | null; auto?: boolean };

export type StepActionInput = {
  caseId: string;
  type: Exclude<ActionType, 'submitted'>;
  actorId: string | null;
  transactionId: string;
  payload: StepPayload;
  at: Date;
  /** The caller writes to the applicant itself about this change (the issued answer's e-mail): no status e-mail too. */
  applicantToldElsewhere?: boolean;
};

export type StepRecorded = { seq: number; status: CaseStatus; previousStatus: CaseStatus; duplicate: boolean };

/** The case's log as the workflow reads it (under the caller's lock). */
export async function listStepActions(tx: Tx, caseId: string): Promise<(CaseAction & { seq: number })[]> {
  return listActions(tx, caseId);
}

/** Locks the case for the rest of the transaction (actions on one case are applied one at a time). */
export async function lockCaseForStep(tx: Tx, caseId: string): Promise<CaseRow> {
  const row = await lockCase(tx, caseId);
  if (!row) throw new AppError('case.not_found', 'not_found');
  return row;
}

/** The 409 a stale form gets: who changed the case since the page was shown. */
export async function staleCaseError(tx: Tx, row: CaseRow, seq: number): Promise<AppError> {
  const actions = await listActions(tx, row.id);
  const by = actions.find((a) => a.seq === seq)?.actorId ?? null;
  const info = by ? (await findActorsInfo(tx, [by], row.institutionId)).get(by) : undefined;
  return new AppError('workflow.stale', 'conflict', { by: info?.name ?? '—' });
}

/**
 * Appends a workflow step's action to the case's log and refreshes the case's projection (status, assignee,
 * department, legal deadline), audits it and emails the applicant when the status changed to one they are told of — a sibling of
 * recordCaseAction/actOnCase whose allowed-action check is the workflow's (the step's actions), which the calling
 * use case has made under `lockCaseForStep`. The same transactionId twice records nothing.
 */
export async function recordStepAction(tx: Tx, deps: Pick<AppDeps, 'notifier' | 'config'>, input: StepActionInput): Promise<StepRecorded> {
  const row = await lockCaseForStep(tx, input.caseId);
  const actions = await listActions(tx, input.caseId);
  const previousStatus = statusOf(actions);
  const same = actions.find((a) => a.transactionId === input.transactionId);
  if (same) return { seq: same.seq, status: row.status, previousStatus, duplicate: true };
  if (isClosedStatus(previousStatus)) {
    throw new AppError('case.action_not_allowed', 'conflict', { status: previousStatus, action: input.type });
  }
  const action: CaseAction = { type: input.type, at: input.at, day: bucharestDay(input.at), actorId: input.actorId, transactionId: input.transactionId, payload: input.payload };
  const all = [...actions, action];
  const def = (await getServiceVersion(tx, row.serviceVersionId)).definition;
  // The institution's closed days count here as at registration, or a step would pull the deadline back onto one.
  const clock = clockOf(all, { term: def.term, tacitApproval: def.tacitApproval, kind: def.caseKind }, await getClosures(tx, row.institutionId));
  const status = statusOf(all);
  const seq = actions.length + 1;
  await insertAction(tx, input.caseId, seq, action);
  await updateProjection(tx, input.caseId, { status, assigneeId: assigneeOf(all), departmentId: departmentOf(all, row.departmentId), dueOn: clock.dueOn, at: input.at, outcome: action.payload.outcome });
  await recordAudit(tx, {
    chain: row.institutionId,
    actorId: input.actorId,
    action: `case.${input.type}`,
    subjectId: row.applicantAccountId,
    entity: 'case',
    entityId: input.caseId,
    details: { from: previousStatus, to: status, step: input.payload.step, toStep: input.payload.toStep ?? null },
  });
  if (status !== previousStatus && !input.applicantToldElsewhere) await notifyStatusChanged(tx, deps, input.caseId, status);
  return { seq, status, previousStatus, duplicate: false };
}
