import { and, eq, isNull } from 'drizzle-orm';
import type { Executor } from '../../db/database.ts';
import { person } from '../identity/schema.ts';
import { registryEntry } from '../registry/schema.ts';
import { caseTable } from './schema.ts';

/*
 * The SQL of attaching a counter case to the applicant's account (claim-case.ts). Kept apart from store.ts, which
 * another area's work edits; it reads the account holder's CNP from identity's person table (read only).
 */

export type ClaimCandidate = {
  id: string;
  institutionId: string;
  applicantAccountId: string | null;
  applicantCnp: string | null;
  number: number;
  registeredOn: string;
};

/** The case with this tracking code, with its legal number, locked for the rest of the transaction. */
export async function lockCaseByTrackingCode(tx: Executor, trackingCode: string): Promise<ClaimCandidate | null> {
  const [row] = await tx
    .select({
      id: caseTable.id,
      institutionId: caseTable.institutionId,
      applicantAccountId: caseTable.applicantAccountId,
      applicant: caseTable.applicant,
      number: registryEntry.number,
      registeredOn: registryEntry.registeredOn,
    })
    .from(caseTable)
    .innerJoin(registryEntry, eq(registryEntry.id, caseTable.registryEntryId))
    .where(eq(caseTable.trackingCode, trackingCode))
    .for('update', { of: caseTable });
  if (!row) return null;
  return {
    id: row.id,
    institutionId: row.institutionId,
    applicantAccountId: row.applicantAccountId,
    applicantCnp: row.applicant.cnp ?? null,
    number: row.number,
    registeredOn: row.registeredOn,
  };
}

export async function findAccountCnp(db: Executor, accountId: string): Promise<string | null> {
  const [row] = await db.select({ cnp: person.cnp }).from(person).where(eq(person.accountId, accountId));
  return row?.cnp ?? null;
}

/** Sets the applicant's account on a case that has none; false when someone attached it first. */
export async function setApplicantAccount(tx: Executor, caseId: string, accountId: string, at: Date): Promise<boolean> {
  const rows = await tx
    .update(caseTable)
    .set({ applicantAccountId: accountId, updatedAt: at })
    .where(and(eq(caseTable.id, caseId), isNull(caseTable.applicantAccountId)))
    .returning({ id: caseTable.id });
  return rows.length === 1;
}
