import type { AppDeps } from '../../app.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { can } from '../../platform/auth/permissions.ts';
import type { BlobStore } from '../../platform/storage/blob-store.ts';
import { notFound } from '../../platform/http/errors.ts';
import { findServiceWithdrawal } from '../catalog/find-service-withdrawal.ts';
import { getServiceVersion, type ServiceVersion } from '../catalog/get-service-version.ts';
import type { Consent, Declaration } from './schema.ts';
import { type DocumentRow, findDraft, listDraftDocuments } from './store.ts';
import { isUuid } from '../../platform/ids/uuid.ts';

export type SubmissionDeps = AppDeps & { blobs: BlobStore };

export type DraftView = {
  id: string;
  accountId: string;
  companyId: string | null;
  answers: Record<string, unknown>;
  submittedCaseId: string | null;
  createdAt: Date;
  updatedAt: Date;
  prefilled: string[];
  completedPages: string[];
  consents: Record<string, Consent>;
  declaration: Declaration | null;
  version: ServiceVersion;
  /** The service was withdrawn from the online catalogue since: the draft is kept but cannot be submitted. */
  withdrawn: boolean;
  documents: DocumentRow[];
};

/** The person's own draft; someone else's, or a missing one, is the same 404. */
export async function getDraft(deps: AppDeps, actor: Actor, draftId: string): Promise<DraftView> {
  if (!isUuid(draftId)) throw notFound('submission.draft_not_found');
  const row = await findDraft(deps.db, draftId);
  if (!row || !can(actor, 'submission.manage', { ownerAccountId: row.accountId })) throw notFound('submission.draft_not_found');
  const version = await getServiceVersion(deps.db, row.serviceVersionId);
  return {
    id: row.id,
    accountId: row.accountId,
    companyId: row.companyId,
    answers: row.answers,
    submittedCaseId: row.submittedCaseId,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    prefilled: row.state?.prefilled ?? [],
    completedPages: row.state?.completedPages ?? [],
    consents: row.state?.consents ?? {},
    declaration: row.state?.declaration ?? null,
    version,
    withdrawn: (await findServiceWithdrawal(deps.db, { institutionId: version.institutionId, code: version.code })) !== null,
    documents: await listDraftDocuments(deps.db, draftId),
  };
}
