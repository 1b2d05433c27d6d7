import type { Executor } from '../../db/database.ts';
import { remedyFor } from './domain/answer-text.ts';
import { findTemplateVersion, listCaseAnswerDocuments } from './store.ts';

/**
 * How the issued refusal of a case can be challenged, word for word as its document prints it (the remedy of the
 * template version it was generated with, or the default of the case's kind); null when the case's issued answer
 * is not a refusal. For the applicant's page, so it never says something other than the signed document.
 */
export async function findIssuedRemedy(db: Executor, input: { caseId: string; serviceCode: string; caseKind: string }): Promise<string | null> {
  const issued = (await listCaseAnswerDocuments(db, input.caseId)).find((d) => d.status === 'issued');
  if (issued?.outcome !== 'refused') return null;
  const template = issued.templateVersion ? await findTemplateVersion(db, issued.institutionId, input.serviceCode, issued.templateVersion) : null;
  return template?.remedy || remedyFor(input.caseKind);
}
