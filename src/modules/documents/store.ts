import { and, asc, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Executor } from '../../db/database.ts';
import { account, membership } from '../identity/schema.ts';
import { institution } from '../organisation/schema.ts';
import { registryEntry } from '../registry/schema.ts';
import { answerDocument, answerDraft, documentSignature, documentTemplate, institutionSeal, signingKey } from './schema.ts';

/** The SQL of answer documents, templates, signatures and signing keys. */

export type TemplateRow = typeof documentTemplate.$inferSelect;
export type AnswerDocumentRow = typeof answerDocument.$inferSelect;
export type SignatureRow = typeof documentSignature.$inferSelect;
export type SigningKeyRow = typeof signingKey.$inferSelect;
export type SealRow = typeof institutionSeal.$inferSelect;
export type AnswerDraftRow = typeof answerDraft.$inferSelect;

export async function findAnswerDraft(db: Executor, caseId: string): Promise<AnswerDraftRow | null> {
  const [row] = await db.select().from(answerDraft).where(eq(answerDraft.caseId, caseId));
  return row ?? null;
}

/** The answer's draft, locked: writing it and generating a version from it happen one at a time. */
export async function lockAnswerDraft(tx: Executor, caseId: string): Promise<AnswerDraftRow | null> {
  const [row] = await tx.select().from(answerDraft).where(eq(answerDraft.caseId, caseId)).for('update');
  return row ?? null;
}

export async function upsertAnswerDraft(tx: Executor, row: typeof answerDraft.$inferInsert): Promise<void> {
  const { caseId, ...rest } = row;
  await tx.insert(answerDraft).values(row).onConflictDoUpdate({ target: answerDraft.caseId, set: rest });
}

export async function findLatestTemplate(db: Executor, institutionId: string, serviceCode: string): Promise<TemplateRow | null> {
  const [row] = await db
    .select()
    .from(documentTemplate)
    .where(and(eq(documentTemplate.institutionId, institutionId), eq(documentTemplate.serviceCode, serviceCode)))
    .orderBy(desc(documentTemplate.version))
    .limit(1);
  return row ?? null;
}

export async function findTemplateVersion(db: Executor, institutionId: string, serviceCode: string, version: number): Promise<TemplateRow | null> {
  const [row] = await db
    .select()
    .from(documentTemplate)
    .where(and(eq(documentTemplate.institutionId, institutionId), eq(documentTemplate.serviceCode, serviceCode), eq(documentTemplate.version, version)));
  return row ?? null;
}

/** The latest template version of each service of an institution. */
export async function listTemplateVersions(db: Executor, institutionId: string): Promise<Map<string, number>> {
  const rows = await db
    .select({ code: documentTemplate.serviceCode, version: sql<number>`max(${documentTemplate.version})::int` })
    .from(documentTemplate)
    .where(eq(documentTemplate.institutionId, institutionId))
    .groupBy(documentTemplate.serviceCode);
  return new Map(rows.map((r) => [r.code, Number(r.version)]));
}

export async function insertTemplate(tx: Executor, row: typeof documentTemplate.$inferInsert): Promise<void> {
  await tx.insert(documentTemplate).values(row);
}

export type DocumentView = AnswerDocumentRow & { outgoingNumber: number; outgoingOn: string; institutionName: string };

const documentView = {
  d: answerDocument,
  outgoingNumber: registryEntry.number,
  outgoingOn: registryEntry.registeredOn,
  institutionName: institution.name,
};
const flat = (r: { d: AnswerDocumentRow; outgoingNumber: number; outgoingOn: string; institutionName: string }): DocumentView => ({
  ...r.d,
  outgoingNumber: r.outgoingNumber,
  outgoingOn: r.outgoingOn,
  institutionName: r.institutionName,
});

export async function listCaseAnswerDocuments(db: Executor, caseId: string): Promise<DocumentView[]> {
  const rows = await db
    .select(documentView)
    .from(answerDocument)
    .innerJoin(registryEntry, eq(registryEntry.id, answerDocument.outgoingEntryId))
    .innerJoin(institution, eq(institution.id, answerDocument.institutionId))
    .where(eq(answerDocument.caseId, caseId))
    .orderBy(desc(answerDocument.version));
  return rows.map(flat);
}

/**
 * The institution's answers being signed on which this official is one of the planned signers, with how many have
 * signed (the next signer is `signers[signed]`).
 */
export async function listAnswersSignedBy(db: Executor, input: { institutionId: string; accountId: string }): Promise<{ caseId: string; signers: AnswerDocumentRow['signers']; signed: number }[]> {
  return db
    .select({
      caseId: answerDocument.caseId,
      signers: answerDocument.signers,
      signed: sql<number>`(SELECT count(*)::int FROM document_signature s WHERE s.document_id = ${answerDocument.id})`.mapWith(Number),
    })
    .from(answerDocument)
    .where(
      and(
        eq(answerDocument.institutionId, input.institutionId),
        eq(answerDocument.status, 'signing'),
        sql`${answerDocument.signers} @> ${JSON.stringify([{ accountId: input.accountId }])}::jsonb`,
      ),
    );
}

/** The version of a case's answer that the call with this transactionId generated, if any. */
export async function findAnswerByTransaction(db: Executor, caseId: string, transactionId: string): Promise<DocumentView | null> {
  const [row] = await db
    .select(documentView)
    .from(answerDocument)
    .innerJoin(registryEntry, eq(registryEntry.id, answerDocument.outgoingEntryId))
    .innerJoin(institution, eq(institution.id, answerDocument.institutionId))
    .where(and(eq(answerDocument.caseId, caseId), eq(answerDocument.transactionId, transactionId)));
  return row ? flat(row) : null;
}

export async function findAnswerDocument(db: Executor, id: string): Promise<DocumentView | null> {
  const [row] = await db
    .select(documentView)
    .from(answerDocument)
    .innerJoin(registryEntry, eq(registryEntry.id, answerDocument.outgoingEntryId))
    .innerJoin(institution, eq(institution.id, answerDocument.institutionId))
    .where(eq(answerDocument.id, id));
  return row ? flat(row) : null;
}

/** Locks the document row: signatures and issue of one document are applied one at a time. */
export async function lockAnswerDocument(tx: Executor, id: string): Promise<AnswerDocumentRow | null> {
  const [row] = await tx.select().from(answerDocument).where(eq(answerDocument.id, id)).for('update');
  return row ?? null;
}

export async function insertAnswerDocument(tx: Executor, row: typeof answerDocument.$inferInsert): Promise<void> {
  await tx.insert(answerDocument).values(row);
}

export async function updateAnswerDocument(
  tx: Executor,
  id: string,
  values: Partial<Pick<AnswerDocumentRow, 'status' | 'currentSha256' | 'sizeBytes' | 'caseDocumentId' | 'issuedAt'>>,
): Promise<void> {
  await tx.update(answerDocument).set(values).where(eq(answerDocument.id, id));
}

/** Marks one version superseded: its text was changed or withdrawn before it was issued. */
export async function supersedeVersion(tx: Executor, id: string): Promise<void> {
  await tx.update(answerDocument).set({ status: 'superseded' }).where(eq(answerDocument.id, id));
}

/** Earlier versions of a case's answer that were not issued are replaced by a correction. */
export async function supersedeOpenVersions(tx: Executor, caseId: string): Promise<void> {
  await tx
    .update(answerDocument)
    .set({ status: 'superseded' })
    .where(and(eq(answerDocument.caseId, caseId), inArray(answerDocument.status, ['signing', 'signed'])));
}

export async function listSignatures(db: Executor, documentId: string): Promise<SignatureRow[]> {
  return db.select().from(documentSignature).where(eq(documentSignature.documentId, documentId)).orderBy(asc(documentSignature.seq));
}

export async function insertSignature(tx: Executor, row: typeof documentSignature.$inferInsert): Promise<void> {
  await tx.insert(documentSignature).values(row);
}

/** An issued document whose final file has this SHA-256. */
export async function findIssuedBySha(db: Executor, sha256: string): Promise<DocumentView | null> {
  const [row] = await db
    .select(documentView)
    .from(answerDocument)
    .innerJoin(registryEntry, eq(registryEntry.id, answerDocument.outgoingEntryId))
    .innerJoin(institution, eq(institution.id, answerDocument.institutionId))
    .where(and(eq(answerDocument.currentSha256, sha256), eq(answerDocument.status, 'issued')));
  return row ? flat(row) : null;
}

/** A signed revision (a prefix of the final file) of an issued document, by its SHA-256. */
export async function findIssuedRevisionBySha(db: Executor, sha256: string): Promise<{ document: DocumentView; seq: number } | null> {
  const [row] = await db
    .select({ ...documentView, seq: documentSignature.seq })
    .from(documentSignature)
    .innerJoin(answerDocument, eq(answerDocument.id, documentSignature.documentId))
    .innerJoin(registryEntry, eq(registryEntry.id, answerDocument.outgoingEntryId))
    .innerJoin(institution, eq(institution.id, answerDocument.institutionId))
    .where(and(eq(documentSignature.sha256, sha256), eq(answerDocument.status, 'issued')))
    .limit(1);
  return row ? { document: flat(row), seq: row.seq } : null;
}

export async function findSigningKey(db: Executor, accountId: string): Promise<SigningKeyRow | null> {
  const [row] = await db.select().from(signingKey).where(eq(signingKey.accountId, accountId));
  return row ?? null;
}

export async function upsertSigningKey(tx: Executor, row: typeof signingKey.$inferInsert): Promise<void> {
  const { accountId, ...rest } = row;
  await tx.insert(signingKey).values(row).onConflictDoUpdate({ target: signingKey.accountId, set: rest });
}

export async function findSeal(db: Executor, institutionId: string): Promise<SealRow | null> {
  const [row] = await db.select().from(institutionSeal).where(eq(institutionSeal.institutionId, institutionId));
  return row ?? null;
}

export async function upsertSeal(tx: Executor, row: typeof institutionSeal.$inferInsert): Promise<void> {
  const { institutionId, ...rest } = row;
  await tx.insert(institutionSeal).values(row).onConflictDoUpdate({ target: institutionSeal.institutionId, set: rest });
}

/**
 * Officials holding `role` in an institution whose membership covers one of `departmentIds` (any department or the
 * whole institution when null), by name. Read-only look-up of who signs; the identity area owns these tables.
 */
export async function findRoleHolders(
  db: Executor,
  input: { institutionId: string; role: string; departmentIds: string[] | null },
): Promise<{ accountId: string; name: string; departmentId: string | null }[]> {
  return db
    .selectDistinct({ accountId: account.id, name: account.displayName, departmentId: membership.departmentId })
    .from(membership)
    .innerJoin(account, eq(account.id, membership.accountId))
    .where(
      and(
        eq(membership.institutionId, input.institutionId),
        eq(membership.role, input.role),
        input.departmentIds ? inArray(membership.departmentId, input.departmentIds) : undefined,
        isNull(membership.revokedAt),
        isNull(account.disabledAt),
      ),
    )
    .orderBy(asc(account.displayName), asc(account.id));
}

/** Institution-wide holders of `role` (membership without a department). */
export async function findInstitutionRoleHolders(db: Executor, institutionId: string, role: string): Promise<{ accountId: string; name: string }[]> {
  return db
    .selectDistinct({ accountId: account.id, name: account.displayName })
    .from(membership)
    .innerJoin(account, eq(account.id, membership.accountId))
    .where(and(eq(membership.institutionId, institutionId), eq(membership.role, role), isNull(membership.revokedAt), isNull(account.disabledAt), isNull(membership.departmentId)))
    .orderBy(asc(account.displayName), asc(account.id));
}
