import { randomUUID } from 'node:crypto';
import type { SQL } from 'drizzle-orm';
import type { Tx } from '../../db/database.ts';
import { type AuditInput, recordAudit } from '../../platform/audit/audit.ts';
import { bucharestDay } from '../../platform/calendar/calendar.ts';
import { AppError } from '../../platform/http/errors.ts';
import { type Channel, type Direction, formatRegistryNumber } from './domain/registry-number.ts';
import { findEntry, insertNumberedEntry } from './store.ts';

export type RegisterDocumentInput = {
  institutionId: string;
  direction: Direction;
  channel: Channel;
  issuerName: string;
  issuerReference?: string | null;
  issuerDate?: string | null;
  addressee?: string | null;
  summary: string;
  pageCount?: number | null;
  annexCount?: number;
  departmentId?: string | null;
  fileCode?: string | null;
  /** The first document of the same matter: later ones are linked to it. */
  linkedEntryId?: string | null;
  /** For a reply: the entry it answers (its number is printed on the reply). */
  repliesToEntryId?: string | null;
  caseId?: string | null;
  registeredBy: string | null;
  at: Date;
};

export type Registered = { id: string; number: number; year: number; day: string; display: string };

/**
 * Registers one document inside the caller's transaction: the number is taken and the entry recorded together,
 * so a rolled-back transaction leaves neither. The year is the calendar year in Bucharest at the moment of
 * registration (the sequence restarts at local midnight on 1 January).
 */
export async function registerDocument(tx: Tx, input: RegisterDocumentInput): Promise<Registered> {
  const { registered, audit } = await numberDocument(tx, input);
  await recordAudit(tx, audit);
  return registered;
}

/**
 * The registration without its audit entry, which the caller appends in its own batch (recordAudits) as the
 * last statements before commit: from the number on, the institution's counter stays locked until commit, so
 * a caller on the busy path (openCase) does everything else first. `entryId` lets it refer to the entry before.
 */
export async function numberDocument(
  tx: Tx,
  input: RegisterDocumentInput,
  entryId: string = randomUUID(),
  /** Statements to run in the same round trip as the numbering, given the display number as an SQL value. */
  alongside?: (display: SQL) => SQL[],
): Promise<{ registered: Registered; audit: AuditInput }> {
  if (!input.summary.trim()) throw new AppError('registry.summary_required', 'invalid');
  for (const ref of [input.linkedEntryId, input.repliesToEntryId]) {
    if (ref && !(await findEntry(tx, input.institutionId, ref))) throw new AppError('registry.linked_not_found', 'invalid');
  }
  const day = bucharestDay(input.at);
  const year = Number(day.slice(0, 4));
  const id = entryId;
  const number = await insertNumberedEntry(
    tx,
    {
    id,
    institutionId: input.institutionId,
    year,
    registeredAt: input.at,
    registeredOn: day,
    direction: input.direction,
    channel: input.channel,
    issuerName: input.issuerName,
    issuerReference: input.issuerReference ?? null,
    issuerDate: input.issuerDate ?? null,
    addressee: input.addressee ?? null,
    summary: input.summary.trim(),
    pageCount: input.pageCount ?? null,
    annexCount: input.annexCount ?? 0,
    departmentId: input.departmentId ?? null,
    fileCode: input.fileCode ?? null,
    linkedEntryId: input.linkedEntryId ?? null,
    repliesToEntryId: input.repliesToEntryId ?? null,
    caseId: input.caseId ?? null,
    registeredBy: input.registeredBy,
    },
    alongside,
  );
  const display = formatRegistryNumber(number, day);
  return {
    registered: { id, number, year, day, display },
    audit: {
      chain: input.institutionId,
      actorId: input.registeredBy,
      action: 'registry.registered',
      entity: 'registry_entry',
      entityId: id,
      details: { number: display, direction: input.direction, channel: input.channel },
    },
  };
}
