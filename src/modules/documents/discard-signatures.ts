import type { Executor } from '../../db/database.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { AppError } from '../../platform/http/errors.ts';
import { holdsWorkStep } from '../workflow/holds-work-step.ts';

/**
 * Whether the official may set aside a version that carries signatures (withdraw it, or generate a corrected one):
 * only while the case is with them at its analysis or an approval, and never once its signing step has closed. An
 * inspector of the department, or the one who wrote the answer after the case left them, would otherwise drop the
 * signatures of the head and the mayor while the case sits at the registry's issue step with nothing left to issue.
 */
export async function mayDiscardSignatures(db: Executor, actor: Actor, c: { id: string; status: string }): Promise<boolean> {
  return c.status !== 'signed' && (await holdsWorkStep(db, actor, c.id));
}

/** Refuses, saying why, what mayDiscardSignatures does not allow. */
export async function checkMayDiscardSignatures(db: Executor, actor: Actor, c: { id: string; status: string }): Promise<void> {
  if (c.status === 'signed') throw new AppError('documents.signatures.step_closed', 'conflict');
  if (!(await holdsWorkStep(db, actor, c.id))) throw new AppError('documents.signatures.not_your_step', 'forbidden');
}
