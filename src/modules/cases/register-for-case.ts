import type { Tx } from '../../db/database.ts';
import { type Registered, registerDocument } from '../registry/register-document.ts';
import type { Channel } from '../registry/domain/registry-number.ts';
import type { CaseViewRow } from './store.ts';

/**
 * Registers an incoming paper or upload that belongs to a case (its completion, a withdrawal): from the applicant,
 * in the case's department and file, linked to the case's first entry. Call it last in the transaction: the
 * institution's registry counter stays locked from the number to commit. `at` is the case action's time, which is
 * how the case's history finds the number again.
 */
export function registerForCase(
  tx: Tx,
  row: CaseViewRow,
  input: { channel: Channel; summary: string; pageCount?: number | null; annexCount?: number; registeredBy: string; at: Date },
): Promise<Registered> {
  return registerDocument(tx, {
    institutionId: row.institutionId,
    direction: 'incoming',
    channel: input.channel,
    issuerName: row.applicant.name,
    summary: input.summary,
    pageCount: input.pageCount ?? null,
    annexCount: input.annexCount ?? 0,
    departmentId: row.departmentId,
    fileCode: row.definition.fileCode,
    linkedEntryId: row.registryEntryId,
    caseId: row.id,
    registeredBy: input.registeredBy,
    at: input.at,
  });
}
