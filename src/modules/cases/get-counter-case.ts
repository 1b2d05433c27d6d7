import type { AppDeps } from '../../app.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import { can } from '../../platform/auth/permissions.ts';
import { AppError } from '../../platform/http/errors.ts';
import { getServiceVersion } from '../catalog/get-service-version.ts';
import { formatRegistryNumber } from '../registry/domain/registry-number.ts';
import { findEntry } from '../registry/store.ts';
import type { RequiredDocument } from '../catalog/domain/service-definition.ts';
import { type CaseDocumentRow, type CaseRow, findCase, listCaseDocuments } from './store.ts';

export type CounterCase = CaseRow & {
  number: string;
  serviceName: { ro: string; en: string };
  /** The service's documents (their names, for the consents the case records). */
  requiredDocuments: RequiredDocument[];
  /** The scans filed with the request (received, 'in'). */
  received: CaseDocumentRow[];
  /** The sheets handed in on paper, as the register records them ("Număr de file"); null when not given. */
  pageCount: number | null;
};

/**
 * A case filed at the counter, read by a clerk who may file cases for people there (to print the receipt again).
 * Another institution's case answers 404 like a missing one. The read is audited: the case holds personal data.
 */
export async function getCounterCase(deps: Pick<AppDeps, 'db'>, input: { actor: Actor; caseId: string }): Promise<CounterCase> {
  return deps.db.transaction(async (tx) => {
    const row = await findCase(tx, input.caseId);
    if (!row || !can(input.actor, 'assisted.submit', { institutionId: row.institutionId })) throw new AppError('assisted.case_not_found', 'not_found');
    const entry = await findEntry(tx, row.institutionId, row.registryEntryId);
    const version = await getServiceVersion(tx, row.serviceVersionId);
    const received = (await listCaseDocuments(tx, row.id)).filter((d) => d.direction === 'in');
    await recordAudit(tx, {
      chain: row.institutionId,
      actorId: input.actor.accountId,
      action: 'case.viewed',
      subjectId: row.applicantAccountId,
      entity: 'case',
      entityId: row.id,
      ip: input.actor.ip,
    });
    return { ...row, number: entry ? formatRegistryNumber(entry.number, entry.registeredOn) : '', serviceName: version.definition.name, requiredDocuments: version.definition.documents, received, pageCount: entry?.pageCount ?? null };
  });
}
