import type { Executor } from '../../db/database.ts';
import { listCaseAnswerDocuments, listSignatures } from './store.ts';

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
