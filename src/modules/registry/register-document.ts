import { randomUUID } from 'node:crypto';
import type { Tx } from '../../db/database.ts';
import { type AuditInput, auditInsertSql } from '../../platform/audit/audit.ts';
import { bindOutboxSql } from '../../platform/notify/bind-outbox.ts';
import { bucharestDay } from '../../platform/calendar/calendar.ts';
import { AppError } from '../../platform/http/errors.ts';
import { type Channel, type Direction, formatRegistryNumber } from './domain/registry-number.ts';
import { findEntry, insertDocument, insertNumberedEntry, lockCounters } from './store.ts';

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
 * Stands for the registry number in what is written before the number exists (audit details, queued messages):
 * the numbering statement puts the number in its place.
 */
export const REGISTRY_NUMBER = 'PDREGISTRYNUMBERPLACEHOLDER';

export type RegisterOptions = {
  /** The entry's id, when the caller refers to it before (a case's registry_entry_id, checked at commit). */
  entryId?: string;
  /** More audit entries recorded with the registration's own; REGISTRY_NUMBER in their details becomes the number. */
  audits?: AuditInput[];
  /** Messages already queued in this transaction that quote REGISTRY_NUMBER. */
  outboxIds?: string[];
};

/**
 * Registers one document inside the caller's transaction: the number is taken and the entry recorded together,
 * so a rolled-back transaction leaves neither. The year is the calendar year in Bucharest at the moment of
 * registration (the sequence restarts at local midnight on 1 January).
 *
 * One statement takes the number, records the entry and the audit entries (this one's and the caller's) and puts
 * the number into the caller's queued messages: the institution's counter stays locked from there to commit, so a
 * caller on the busy path (openCase) does everything else first and commits right after.
 */
export async function registerDocument(tx: Tx, input: RegisterDocumentInput, options: RegisterOptions = {}): Promise<Registered> {
  if (!input.summary.trim()) throw new AppError('registry.summary_required', 'invalid');
  if (input.repliesToEntryId && !(await findEntry(tx, input.institutionId, input.repliesToEntryId))) throw new AppError('registry.linked_not_found', 'invalid');
  const linkedEntryId = input.linkedEntryId ? await firstOfMatter(tx, input.institutionId, input.linkedEntryId) : null;
  const day = bucharestDay(input.at);
  const year = Number(day.slice(0, 4));
  const id = options.entryId ?? randomUUID();
  const audits: AuditInput[] = [
    {
      chain: input.institutionId,
      actorId: input.registeredBy,
      action: 'registry.registered',
      entity: 'registry_entry',
      entityId: id,
      details: { number: REGISTRY_NUMBER, direction: input.direction, channel: input.channel },
    },
    ...(options.audits ?? []),
  ];
  const outboxIds = options.outboxIds ?? [];
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
      linkedEntryId,
      repliesToEntryId: input.repliesToEntryId ?? null,
      caseId: input.caseId ?? null,
      registeredBy: input.registeredBy,
    },
    (display) => [
      auditInsertSql(audits, { placeholder: REGISTRY_NUMBER, value: display }),
      ...(outboxIds.length ? [bindOutboxSql(outboxIds, REGISTRY_NUMBER, display)] : []),
    ],
  );
  return { id, number, year, day, display: formatRegistryNumber(number, day) };
}

/**
 * For a transaction that registers documents in several institutions' registers at `at`: locks their counters first,
 * always in the same order, so that two of them registering in the same registers cannot deadlock (lockCounters).
 */
export async function lockRegisters(tx: Tx, institutionIds: string[], at: Date): Promise<void> {
  await lockCounters(tx, institutionIds, Number(bucharestDay(at).slice(0, 4)));
}

/**
 * The entry a new document on the same matter is linked to: the first one of the matter (Instrucțiunile 217/1996,
 * DOMAIN.md), so a link to a document that is itself linked goes to the one it is linked to.
 */
export async function firstOfMatter(tx: Tx, institutionId: string, entryId: string): Promise<string> {
  let entry = await findEntry(tx, institutionId, entryId);
  if (!entry) throw new AppError('registry.linked_not_found', 'invalid');
  const seen = new Set([entry.id]);
  while (entry.linkedEntryId && !seen.has(entry.linkedEntryId)) {
    const earlier = await findEntry(tx, institutionId, entry.linkedEntryId);
    if (!earlier) break;
    seen.add(earlier.id);
    entry = earlier;
  }
  return entry.id;
}

/** Keeps a document (a PDF or an image already in the blob store) with an entry registered in this transaction. */
export async function attachToEntry(
  tx: Tx,
  input: { institutionId: string; entryId: string; filename: string; mediaType: 'application/pdf' | 'image/jpeg' | 'image/png'; sizeBytes: number; sha256: string; uploadedBy: string | null },
): Promise<void> {
  await insertDocument(tx, { id: randomUUID(), institutionId: input.institutionId, registryEntryId: input.entryId, filename: input.filename, mediaType: input.mediaType, sizeBytes: input.sizeBytes, sha256: input.sha256, uploadedBy: input.uploadedBy });
}
