import type { Executor } from '../../db/database.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { can } from '../../platform/auth/permissions.ts';
import { candidatesFor } from './act-on-step.ts';
import { nextStep } from './domain/workflow-definition.ts';
import { allowedActions, loadStepContext, stepDepartment } from './step-context.ts';

/**
 * What an official may do with a case waiting to be assigned, for an inbox row: take it (`self`: they are one of the
 * people who may do its next step, as an inspector is) and give it to someone else (`others`: for whoever distributes
 * the work — a head of department, or the step's holder who cannot do the work). Null: they may not assign it.
 */
export type AssignChoices = { self: boolean; others: { id: string; name: string }[] };

/** The people who may do a step, by role and department: the same for most rows of one inbox page, so asked once. */
export type CandidatesMemo = Map<string, ReturnType<typeof candidatesFor>>;

export async function listAssignChoices(db: Executor, actor: Actor, caseId: string, memo: CandidatesMemo = new Map()): Promise<AssignChoices | null> {
  const ctx = await loadStepContext(db, actor, caseId);
  if (!allowedActions(actor, ctx).includes('assign')) return null;
  const work = nextStep(ctx.workflow, ctx.current.key, ctx.row.answers);
  let candidates: Awaited<ReturnType<typeof candidatesFor>> = [];
  if (work) {
    // candidatesFor depends only on the institution, the step's role and the department it is done in.
    const key = `${ctx.row.institutionId}|${work.role ?? '*'}|${stepDepartment(ctx, work, ctx.row.departmentId) ?? '-'}`;
    if (!memo.has(key)) memo.set(key, candidatesFor(db, ctx, work, ctx.row.departmentId));
    candidates = await memo.get(key)!;
  }
  const self = candidates.some((c) => c.accountId === actor.accountId);
  const distributes = can(actor, 'workflow.assign', ctx.target) || !self;
  return { self, others: distributes ? candidates.filter((c) => c.accountId !== actor.accountId).map((c) => ({ id: c.accountId, name: c.name })) : [] };
}
