import { and, asc, desc, eq, getTableColumns, isNull, sql } from 'drizzle-orm';
import type { Executor } from '../../db/database.ts';
import { caseDocument, caseDraft, caseTable } from '../cases/schema.ts';
import { service, serviceVersion } from '../catalog/schema.ts';
import { institution } from '../organisation/schema.ts';
import { registryEntry } from '../registry/schema.ts';
import { submissionState } from './schema.ts';

/*
 * The SQL of the submission journey. It writes the drafts and draft documents of the cases area (case_draft,
 * case_document: tables the cases area defined for this journey) and its own submission_state, and reads what a
 * receipt shows. Cases themselves are only created through the cases area's openCase.
 */

export type DraftRow = typeof caseDraft.$inferSelect;
export type StateRow = typeof submissionState.$inferSelect;
export type DocumentRow = typeof caseDocument.$inferSelect;

export async function findInstitutionBySlug(db: Executor, slug: string) {
  const [row] = await db.select({ id: institution.id, slug: institution.slug, name: institution.name }).from(institution).where(eq(institution.slug, slug));
  return row ?? null;
}

export async function findDraft(db: Executor, draftId: string): Promise<(DraftRow & { state: StateRow | null; serviceId: string }) | null> {
  const [row] = await db
    .select({ d: caseDraft, s: submissionState, serviceId: serviceVersion.serviceId })
    .from(caseDraft)
    .leftJoin(submissionState, eq(submissionState.draftId, caseDraft.id))
    .innerJoin(serviceVersion, eq(serviceVersion.id, caseDraft.serviceVersionId))
    .where(eq(caseDraft.id, draftId));
  return row ? { ...row.d, state: row.s, serviceId: row.serviceId } : null;
}

/** Locks the draft for the rest of the transaction: two submits of one draft are applied one after the other. */
export async function lockDraft(tx: Executor, draftId: string): Promise<DraftRow | null> {
  const [row] = await tx.select().from(caseDraft).where(eq(caseDraft.id, draftId)).for('update');
  return row ?? null;
}

/** The person's drafts not submitted yet, newest first; for one service when `serviceId` is given. */
export async function listOpenDrafts(db: Executor, accountId: string, serviceId?: string) {
  return db
    .select({ id: caseDraft.id, createdAt: caseDraft.createdAt, updatedAt: caseDraft.updatedAt, serviceVersionId: caseDraft.serviceVersionId, code: service.code, definition: serviceVersion.definition, institutionSlug: institution.slug })
    .from(caseDraft)
    .innerJoin(serviceVersion, eq(serviceVersion.id, caseDraft.serviceVersionId))
    .innerJoin(service, eq(service.id, serviceVersion.serviceId))
    .innerJoin(institution, eq(institution.id, service.institutionId))
    .where(and(eq(caseDraft.accountId, accountId), isNull(caseDraft.submittedCaseId), serviceId ? eq(service.id, serviceId) : undefined))
    .orderBy(desc(caseDraft.updatedAt));
}

export async function insertDraft(tx: Executor, row: { id: string; accountId: string; serviceVersionId: string; companyId: string | null; answers: Record<string, unknown>; prefilled: string[]; now: Date }) {
  await tx.insert(caseDraft).values({ id: row.id, accountId: row.accountId, serviceVersionId: row.serviceVersionId, companyId: row.companyId, answers: row.answers, createdAt: row.now, updatedAt: row.now });
  await tx.insert(submissionState).values({ draftId: row.id, prefilled: row.prefilled, updatedAt: row.now });
}

/** Removes a draft that was never submitted, with the files uploaded to it (their blobs stay: content-addressed). */
export async function deleteDraft(tx: Executor, draftId: string) {
  await tx.delete(caseDocument).where(and(eq(caseDocument.draftId, draftId), isNull(caseDocument.caseId)));
  await tx.delete(submissionState).where(eq(submissionState.draftId, draftId));
  await tx.delete(caseDraft).where(and(eq(caseDraft.id, draftId), isNull(caseDraft.submittedCaseId)));
}

export async function updateDraft(tx: Executor, draftId: string, p: { answers?: Record<string, unknown>; companyId?: string | null; now: Date }) {
  await tx
    .update(caseDraft)
    .set({ ...(p.answers ? { answers: p.answers } : {}), ...(p.companyId !== undefined ? { companyId: p.companyId } : {}), updatedAt: p.now })
    .where(and(eq(caseDraft.id, draftId), isNull(caseDraft.submittedCaseId)));
}

export async function updateState(tx: Executor, draftId: string, p: Partial<Pick<StateRow, 'prefilled' | 'completedPages' | 'consents' | 'declaration'>> & { now: Date }) {
  const { now, ...set } = p;
  await tx
    .insert(submissionState)
    .values({ draftId, ...set, updatedAt: now })
    .onConflictDoUpdate({ target: submissionState.draftId, set: { ...set, updatedAt: now } });
}

/** The idempotency guard: only the first submit links the draft to a case. */
export async function markDraftSubmitted(tx: Executor, draftId: string, caseId: string, now: Date): Promise<boolean> {
  const rows = await tx
    .update(caseDraft)
    .set({ submittedCaseId: caseId, updatedAt: now })
    .where(and(eq(caseDraft.id, draftId), isNull(caseDraft.submittedCaseId)))
    .returning({ id: caseDraft.id });
  return rows.length === 1;
}

export async function listDraftDocuments(db: Executor, draftId: string): Promise<DocumentRow[]> {
  return db.select().from(caseDocument).where(eq(caseDocument.draftId, draftId)).orderBy(asc(caseDocument.createdAt), asc(caseDocument.id));
}

/**
 * Stores a file of a draft if the draft's files leave room for it: fewer than `maxFiles` files already given for the
 * same question or required document (`sameTarget`; none counted without one), and at most `maxBytes` for all the
 * draft's files with this one. Run after lockDraft in the same transaction: this statement's snapshot is taken once
 * the lock is held, so it counts the files of every upload committed before it, and the next one waits for this one.
 * One statement, which says what it counted and whether it stored the file.
 */
export async function insertDraftDocumentWithin(
  tx: Executor,
  row: DocumentRow,
  limits: { sameTarget: 'question' | 'document' | null; maxFiles: number; maxBytes: number },
): Promise<{ stored: boolean; sameTarget: number; draftBytes: number }> {
  const columns = getTableColumns(caseDocument);
  const keys = Object.keys(columns) as (keyof typeof columns)[];
  const value = (k: keyof typeof columns) => sql`${row[k] === null ? null : columns[k].mapToDriverValue(row[k] as never)}::${sql.raw(columns[k].getSQLType())}`;
  const same =
    limits.sameTarget === 'document' ? sql`required_document_id = ${row.requiredDocumentId}` : limits.sameTarget === 'question' ? sql`question_id = ${row.questionId}` : sql`false`;
  const result = (await tx.execute(sql`WITH held AS (
      SELECT count(*) FILTER (WHERE ${same})::int AS same_target, coalesce(sum(size_bytes), 0)::bigint AS draft_bytes
      FROM case_document WHERE draft_id = ${row.draftId}
    ), added AS (
      INSERT INTO case_document (${sql.join(
        keys.map((k) => sql.identifier(columns[k].name)),
        sql`, `,
      )})
      SELECT ${sql.join(keys.map(value), sql`, `)} FROM held
      WHERE held.same_target < ${limits.maxFiles}::int AND held.draft_bytes + ${row.sizeBytes}::bigint <= ${limits.maxBytes}::bigint
      RETURNING id
    )
    SELECT same_target, draft_bytes::float8 AS draft_bytes, EXISTS (SELECT 1 FROM added) AS stored FROM held`)) as unknown as {
    rows: { same_target: number; draft_bytes: number; stored: boolean }[];
  };
  const held = result.rows[0]!;
  return { stored: held.stored, sameTarget: Number(held.same_target), draftBytes: Number(held.draft_bytes) };
}

export async function deleteDraftDocument(tx: Executor, draftId: string, documentId: string): Promise<boolean> {
  const rows = await tx
    .delete(caseDocument)
    .where(and(eq(caseDocument.id, documentId), eq(caseDocument.draftId, draftId), isNull(caseDocument.caseId)))
    .returning({ id: caseDocument.id });
  return rows.length === 1;
}

/** What the confirmation page and the receipt show about a submitted case. */
export async function findSubmittedCase(db: Executor, caseId: string) {
  const [row] = await db
    .select({
      id: caseTable.id,
      applicantAccountId: caseTable.applicantAccountId,
      applicant: caseTable.applicant,
      answers: caseTable.answers,
      trackingCode: caseTable.trackingCode,
      submittedAt: caseTable.submittedAt,
      dueOn: caseTable.dueOn,
      feeBani: caseTable.feeBani,
      institutionId: caseTable.institutionId,
      institutionName: institution.name,
      number: registryEntry.number,
      registeredOn: registryEntry.registeredOn,
      definition: serviceVersion.definition,
      code: service.code,
    })
    .from(caseTable)
    .innerJoin(registryEntry, eq(registryEntry.id, caseTable.registryEntryId))
    .innerJoin(serviceVersion, eq(serviceVersion.id, caseTable.serviceVersionId))
    .innerJoin(service, eq(service.id, serviceVersion.serviceId))
    .innerJoin(institution, eq(institution.id, caseTable.institutionId))
    .where(eq(caseTable.id, caseId));
  return row ?? null;
}

export async function listCaseDocuments(db: Executor, caseId: string): Promise<DocumentRow[]> {
  return db.select().from(caseDocument).where(and(eq(caseDocument.caseId, caseId), eq(caseDocument.direction, 'in'))).orderBy(asc(caseDocument.createdAt), asc(caseDocument.id));
}

export async function countDraftDocuments(db: Executor, draftId: string): Promise<number> {
  const [r] = await db.select({ n: sql<number>`count(*)::int` }).from(caseDocument).where(eq(caseDocument.draftId, draftId));
  return Number(r?.n ?? 0);
}
