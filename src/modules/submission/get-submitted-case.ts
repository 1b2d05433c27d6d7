import type { AppDeps } from '../../app.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { can } from '../../platform/auth/permissions.ts';
import { notFound } from '../../platform/http/errors.ts';
import { formatRegistryNumber } from '../registry/domain/registry-number.ts';
import { findSubmittedCase, listCaseDocuments } from './store.ts';
import { isUuid } from '../../platform/ids/uuid.ts';

export type SubmittedCase = NonNullable<Awaited<ReturnType<typeof findSubmittedCase>>> & {
  display: string;
  documents: Awaited<ReturnType<typeof listCaseDocuments>>;
};

/** The applicant's own submitted case (confirmation, receipt); anyone else's answers 404 like a missing one. */
export async function getSubmittedCase(deps: AppDeps, actor: Actor, caseId: string): Promise<SubmittedCase> {
  if (!isUuid(caseId)) throw notFound('submission.case_not_found');
  const c = await findSubmittedCase(deps.db, caseId);
  if (!c || !c.applicantAccountId || !can(actor, 'submission.manage', { ownerAccountId: c.applicantAccountId })) throw notFound('submission.case_not_found');
  return { ...c, display: formatRegistryNumber(c.number, c.registeredOn), documents: await listCaseDocuments(deps.db, caseId) };
}
