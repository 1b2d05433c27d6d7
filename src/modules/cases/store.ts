import { and, asc, desc, eq, sql } from 'drizzle-orm';
import type { Executor } from '../../db/database.ts';
import type { CaseAction } from './domain/case-state.ts';
import { caseAction, caseTable } from './schema.ts';

export type CaseRow = typeof caseTable.$inferSelect;

export async function insertCase(tx: Executor, row: typeof caseTable.$inferInsert): Promise<void> {
  await tx.insert(caseTable).values(row);
}

/** Locks the case row for the rest of the transaction: actions on one case are applied one at a time. */
export async function lockCase(tx: Executor, caseId: string): Promise<CaseRow | null> {
  const [row] = await tx.select().from(caseTable).where(eq(caseTable.id, caseId)).for('update');
  return row ?? null;
}

export async function findCase(db: Executor, caseId: string): Promise<CaseRow | null> {
  const [row] = await db.select().from(caseTable).where(eq(caseTable.id, caseId));
  return row ?? null;
}

export async function findCaseByTrackingCode(db: Executor, code: string): Promise<CaseRow | null> {
  const [row] = await db.select().from(caseTable).where(eq(caseTable.trackingCode, code));
  return row ?? null;
}

export async function listActions(db: Executor, caseId: string): Promise<(CaseAction & { seq: number })[]> {
  const rows = await db.select().from(caseAction).where(eq(caseAction.caseId, caseId)).orderBy(asc(caseAction.seq));
  return rows.map((r) => ({ seq: r.seq, type: r.type, at: r.at, day: r.day, actorId: r.actorId, transactionId: r.transactionId, payload: r.payload }));
}

export async function insertAction(tx: Executor, caseId: string, seq: number, a: CaseAction): Promise<void> {
  await tx.insert(caseAction).values({ caseId, seq, type: a.type, at: a.at, day: a.day, actorId: a.actorId, transactionId: a.transactionId, payload: a.payload });
}

export async function updateProjection(
  tx: Executor,
  caseId: string,
  p: Pick<CaseRow, 'status' | 'assigneeId' | 'dueOn' | 'departmentId'> & { at: Date },
): Promise<void> {
  await tx
    .update(caseTable)
    .set({ status: p.status, assigneeId: p.assigneeId, dueOn: p.dueOn, departmentId: p.departmentId, updatedAt: p.at })
    .where(eq(caseTable.id, caseId));
}

export async function listCasesOfApplicant(db: Executor, accountId: string): Promise<CaseRow[]> {
  return db.select().from(caseTable).where(eq(caseTable.applicantAccountId, accountId)).orderBy(desc(caseTable.submittedAt));
}

export async function countCases(db: Executor, institutionId: string): Promise<number> {
  const [r] = await db.select({ n: sql<number>`count(*)::int` }).from(caseTable).where(and(eq(caseTable.institutionId, institutionId)));
  return r?.n ?? 0;
}
