import type { AppDeps } from '../../app.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { AppError } from '../../platform/http/errors.ts';
import { formatRegistryNumber } from '../registry/domain/registry-number.ts';
import { attachToEntry } from '../registry/register-document.ts';
import { registerForCase } from './register-for-case.ts';
import { actOnCase } from './act-on-case.ts';
import { findOwnCase } from './get-case-for-applicant.ts';
import { listActions, listCaseDocuments } from './store.ts';

/** "1 document", "2 documente", "20 de documente": the register's short content is written in Romanian. */
const documentCount = (n: number) => (n === 1 ? '1 document' : n % 100 >= 20 || (n > 0 && n % 100 === 0) ? `${n} de documente` : `${n} documente`);

/**
 * The applicant confirms the file is complete: at least one document sent since the official asked. The case goes
 * back to the official (`completed`); the term rules of OUG 27/2003 are applied by the case's clock.
 *
 * The documents sent are incoming documents, so they are registered (Instrucțiunile 217/1996): one entry for this
 * completion, with its own number, linked to the case's first entry and keeping the files as its scans.
 */
export async function confirmCompletion(
  deps: Pick<AppDeps, 'db' | 'now' | 'notifier' | 'config'>,
  actor: Actor,
  input: { caseId: string; transactionId: string; note?: string },
): Promise<{ status: string; duplicate: boolean; number: string | null }> {
  const at = deps.now();
  return deps.db.transaction(async (tx) => {
    const row = await findOwnCase(tx, actor, input.caseId, at);
    const actions = await listActions(tx, row.id);
    if (actions.some((a) => a.transactionId === input.transactionId)) return { status: row.status, duplicate: true, number: null };
    if (row.status !== 'awaiting_applicant') throw new AppError('tracking.completion.not_requested', 'conflict');
    const request = [...actions].reverse().find((a) => a.type === 'completion_requested');
    const uploaded = (await listCaseDocuments(tx, row.id)).filter((d) => d.direction === 'in' && request && d.createdAt >= request.at);
    if (uploaded.length === 0) throw new AppError('tracking.completion.no_documents', 'invalid', {}, { file: 'tracking.completion.no_documents' });
    const note = input.note?.trim().slice(0, 1000);
    const r = await actOnCase(tx, deps, {
      caseId: row.id,
      type: 'completed',
      actorId: actor.accountId,
      transactionId: input.transactionId,
      payload: note ? { text: note } : {},
      at,
    });
    // A concurrent confirmation with the same transactionId got there first: it registered the documents.
    if (r.duplicate) return { status: r.status, duplicate: true, number: null };
    const entry = await registerForCase(tx, row, {
      channel: 'online',
      summary: `Completarea dosarului nr. ${formatRegistryNumber(row.number, row.registeredOn)} (${row.definition.name.ro}): ${documentCount(uploaded.length)}`,
      annexCount: uploaded.length,
      registeredBy: actor.accountId,
      at,
    });
    for (const d of uploaded) {
      await attachToEntry(tx, {
        institutionId: row.institutionId,
        entryId: entry.id,
        filename: d.filename,
        mediaType: d.mediaType as 'application/pdf' | 'image/jpeg' | 'image/png',
        sizeBytes: d.sizeBytes,
        sha256: d.sha256,
        uploadedBy: actor.accountId,
      });
    }
    return { status: r.status, duplicate: false, number: entry.display };
  });
}
