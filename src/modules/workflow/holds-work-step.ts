import type { Executor } from '../../db/database.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { allowedActions, loadStepContext } from './step-context.ts';

/**
 * Whether the case is with this official at a step where its answer is worked on — the analysis or an approval,
 * not routing, assigning, signing or issuing — and they may act there (not only reassign it, as their head may).
 */
export async function holdsWorkStep(db: Executor, actor: Actor, caseId: string): Promise<boolean> {
  const ctx = await loadStepContext(db, actor, caseId);
  return ctx.step.stepQueue === 'work' && allowedActions(actor, ctx).some((a) => a !== 'assign' && a !== 'reassign');
}
