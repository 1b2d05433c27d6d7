import type { AppDeps } from '../../app.ts';
import type { Executor } from '../../db/database.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import { AppError } from '../../platform/http/errors.ts';
import { findCaseView } from '../cases/store.ts';
import { assertCan } from './registry-scope.ts';
import { formatRegistryNumber } from './domain/registry-number.ts';
import { findEntry, findLine, listDocuments, listRelatedEntries, type RegisterLine, type RegistryDocumentRow } from './store.ts';

/** The case the entry opened (a request or petition registered on paper): how the person follows it. */
export type EntryCase = { id: string; trackingCode: string; dueOn: string | null };
/**
 * A document of the same matter, either way: the one this entry replies to or is linked to, and the replies and
 * linked documents registered later to this one — so the clerk goes from a petition to its answer and back.
 */
export type RelatedEntry = { id: string; number: string; relation: 'replies_to' | 'linked_to' | 'answered_by' | 'linked_from' };
export type EntryView = { line: RegisterLine; documents: RegistryDocumentRow[]; case: EntryCase | null; related: RelatedEntry[] };

/** One line of the register with its scans; another institution's entry answers 404 like a missing one. */
export async function getEntry(deps: Pick<AppDeps, 'db'>, input: { actor: Actor; institutionId: string; entryId: string }): Promise<EntryView> {
  assertCan(input.actor, 'registry.read', input.institutionId);
  return deps.db.transaction(async (tx) => {
    const line = await findLine(tx, input.institutionId, input.entryId);
    if (!line) throw new AppError('registry.entry_not_found', 'not_found');
    return viewEntry(tx, input.actor, line);
  });
}

/** An entry's scans, the case it opened and the documents of the same matter; the read is audited (personal data). */
export async function viewEntry(tx: Executor, actor: Actor, line: RegisterLine): Promise<EntryView> {
  const documents = await listDocuments(tx, line.id);
  const opened = line.caseId ? await findCaseView(tx, line.caseId) : null;
  const related: RelatedEntry[] = [];
  for (const [id, relation] of [
    [line.repliesToEntryId, 'replies_to'],
    [line.linkedEntryId, 'linked_to'],
  ] as const) {
    const e = id ? await findEntry(tx, line.institutionId, id) : null;
    if (e) related.push({ id: e.id, number: formatRegistryNumber(e.number, e.registeredOn), relation });
  }
  for (const e of await listRelatedEntries(tx, line.id)) {
    related.push({ id: e.id, number: formatRegistryNumber(e.number, e.registeredOn), relation: e.repliesToEntryId === line.id ? 'answered_by' : 'linked_from' });
  }
  await recordAudit(tx, {
    chain: line.institutionId,
    actorId: actor.accountId,
    action: 'registry.entry_viewed',
    entity: 'registry_entry',
    entityId: line.id,
    ip: actor.ip,
  });
  return { line, documents, case: opened ? { id: opened.id, trackingCode: opened.trackingCode, dueOn: opened.dueOn } : null, related };
}
