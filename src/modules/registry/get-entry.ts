import type { AppDeps } from '../../app.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import { AppError } from '../../platform/http/errors.ts';
import { findCaseView } from '../cases/store.ts';
import { assertCan } from './registry-scope.ts';
import { findLine, listDocuments, type RegisterLine, type RegistryDocumentRow } from './store.ts';

/** The case the entry opened (a request or petition registered on paper): how the person follows it. */
export type EntryCase = { id: string; trackingCode: string; dueOn: string };
export type EntryView = { line: RegisterLine; documents: RegistryDocumentRow[]; case: EntryCase | null };

/** One line of the register with its scans; another institution's entry answers 404 like a missing one. */
export async function getEntry(deps: Pick<AppDeps, 'db'>, input: { actor: Actor; institutionId: string; entryId: string }): Promise<EntryView> {
  assertCan(input.actor, 'registry.read', input.institutionId);
  return deps.db.transaction(async (tx) => {
    const line = await findLine(tx, input.institutionId, input.entryId);
    if (!line) throw new AppError('registry.entry_not_found', 'not_found');
    const documents = await listDocuments(tx, line.id);
    const opened = line.caseId ? await findCaseView(tx, line.caseId) : null;
    await recordAudit(tx, {
      chain: input.institutionId,
      actorId: input.actor.accountId,
      action: 'registry.entry_viewed',
      entity: 'registry_entry',
      entityId: line.id,
      ip: input.actor.ip,
    });
    return { line, documents, case: opened ? { id: opened.id, trackingCode: opened.trackingCode, dueOn: opened.dueOn } : null };
  });
}
