import type { Executor } from '../../db/database.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { AppError } from '../../platform/http/errors.ts';
import { stepAllowsSignature } from '../workflow/signing-step.ts';
import { listAnswersSignedBy, listCaseAnswerDocuments, listSignatures } from './store.ts';

/**
 * Whether the case's current answer still waits for this official's own signature (they are one of its planned
 * signers and have not signed it): the workflow's "sign" step must not be marked done before the document is.
 */
export async function answerAwaitsSignatureOf(db: Executor, caseId: string, accountId: string): Promise<boolean> {
  const current = (await listCaseAnswerDocuments(db, caseId)).find((d) => d.status !== 'superseded');
  if (!current || current.status !== 'signing') return false;
  if (!current.signers.some((s) => s.accountId === accountId)) return false;
  return !(await listSignatures(db, current.id)).some((s) => s.accountId === accountId);
}

/**
 * The cases of the institution whose answer it is this official's turn to sign, where the case has already passed
 * their step — a later signer holds it (stepAllowsSignature): an answer withdrawn and generated again at the head's
 * approval needs the inspector's signature anew, and the inspector no longer has the case among their tasks. The
 * signing inbox lists these beside the cases at the official's own signing step, so a signature asked again is seen
 * where every signature is. A signer whose step the case has not reached yet is not listed: it comes to them there.
 */
export async function listCasesAwaitingSignatureOf(db: Executor, actor: Actor, institutionId: string): Promise<string[]> {
  const out: string[] = [];
  for (const a of await listAnswersSignedBy(db, { institutionId, accountId: actor.accountId })) {
    if (a.signers[a.signed]?.accountId !== actor.accountId) continue;
    try {
      if ((await stepAllowsSignature(db, actor, a.caseId, a.signers, a.signed)).ok) out.push(a.caseId);
    } catch (err) {
      // A case the official may no longer read (moved to another department, their role ended) is not theirs to sign.
      if (!(err instanceof AppError)) throw err;
    }
  }
  return out;
}
