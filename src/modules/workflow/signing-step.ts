import type { Executor } from '../../db/database.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { AppError } from '../../platform/http/errors.ts';
import { isClosedStatus } from '../cases/domain/case-state.ts';
import { loadStepContext, stepDepartment } from './step-context.ts';
import { findStepHolders } from './store.ts';

/**
 * Whether the answer's signer at position `turn` of its plan may sign now, as far as the case's workflow goes: the
 * case must have reached the step where they act, or a later signer's (one who did not act at a step of their own —
 * e.g. an answer generated after its inspector's step — may still sign behind the case, before whoever comes after
 * them). A signature never runs ahead of the case: the mayor does not sign while the head of department still has
 * it to approve, however soon the head has signed. At an issue step (every signing step passed) nothing holds back.
 */
export async function stepAllowsSignature(db: Executor, actor: Actor, caseId: string, plan: readonly { accountId: string }[], turn: number): Promise<{ ok: boolean; step: { ro: string; en: string } }> {
  const ctx = await loadStepContext(db, actor, caseId);
  const { step, current, row } = ctx;
  const name = current.name;
  if (step.stepQueue === 'closed' || isClosedStatus(row.status)) return { ok: false, step: name };
  if (step.stepQueue === 'issue') return { ok: true, step: name };
  if (step.stepQueue !== 'work' && step.stepQueue !== 'sign') return { ok: false, step: name };
  // Who acts at the step now: its assignee, else the holders of its role over its department.
  const dept = stepDepartment(ctx, current, row.departmentId);
  const holders = step.stepAssigneeId
    ? [step.stepAssigneeId]
    : (await findStepHolders(db, { institutionId: row.institutionId, role: step.stepRole, departmentIds: dept ? ctx.inst.pathOf(dept) : null })).map((h) => h.accountId);
  const reached = plan.reduce((k, s, i) => (holders.includes(s.accountId) ? i : k), -1);
  return { ok: turn <= reached, step: name };
}

/** Refuses, naming the step the case is at, a signature stepAllowsSignature does not allow. */
export async function checkStepAllowsSignature(db: Executor, actor: Actor, caseId: string, plan: readonly { accountId: string }[], turn: number): Promise<void> {
  const { ok, step } = await stepAllowsSignature(db, actor, caseId, plan, turn);
  if (!ok) throw new AppError('documents.sign.not_at_your_step', 'conflict', { step: step.ro, step_en: step.en });
}
