import { and, asc, eq, gte, inArray, isNull, sql } from 'drizzle-orm';
import type { Executor } from '../../db/database.ts';
import { department, institution, institutionClosure } from './schema.ts';

export type InstitutionRow = typeof institution.$inferSelect;
export type DepartmentRow = typeof department.$inferSelect;

export async function findDefaultInstitution(db: Executor, slug?: string): Promise<InstitutionRow | null> {
  if (slug) {
    const [row] = await db.select().from(institution).where(eq(institution.slug, slug));
    if (row) return row;
  }
  const [row] = await db.select().from(institution).where(isNull(institution.parentId)).orderBy(asc(institution.createdAt), asc(institution.slug)).limit(1);
  return row ?? null;
}

export async function findInstitution(db: Executor, id: string): Promise<InstitutionRow | null> {
  const [row] = await db.select().from(institution).where(eq(institution.id, id));
  return row ?? null;
}

export async function listInstitutions(db: Executor): Promise<InstitutionRow[]> {
  return db.select().from(institution).orderBy(asc(institution.name));
}

/** The institution's departments; a closed one only with `includeClosed` (history names it; nothing new goes to it). */
export async function listDepartments(db: Executor, institutionId: string, options: { includeClosed?: boolean } = {}): Promise<DepartmentRow[]> {
  return db
    .select()
    .from(department)
    .where(and(eq(department.institutionId, institutionId), options.includeClosed ? undefined : isNull(department.closedAt)))
    .orderBy(asc(department.code));
}

/** A department of the institution, locked for its change (rename, move, close). */
export async function lockDepartment(db: Executor, institutionId: string, id: string): Promise<DepartmentRow | null> {
  const [row] = await db
    .select()
    .from(department)
    .where(and(eq(department.institutionId, institutionId), eq(department.id, id)))
    .for('update');
  return row ?? null;
}

/** Makes the moves of the institution's departments take turns, until the caller's transaction ends. */
export async function lockTree(tx: Executor, institutionId: string): Promise<void> {
  await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext(${`department.tree:${institutionId}`}))`);
}

/** Locks an open department of the institution for share (the caller's transaction holds it); false when it is closed or unknown. */
export async function shareOpenDepartment(db: Executor, institutionId: string, id: string): Promise<boolean> {
  const rows = await db
    .select({ id: department.id })
    .from(department)
    .where(and(eq(department.institutionId, institutionId), eq(department.id, id), isNull(department.closedAt)))
    .for('share');
  return rows.length > 0;
}

/** Locks for share the institution's open departments of these codes (in code order); answers their codes. */
export async function shareOpenDepartmentsByCode(db: Executor, institutionId: string, codes: string[]): Promise<string[]> {
  const rows = await db
    .select({ code: department.code })
    .from(department)
    .where(and(eq(department.institutionId, institutionId), inArray(department.code, codes), isNull(department.closedAt)))
    .orderBy(asc(department.code))
    .for('share');
  return rows.map((r) => r.code);
}

export async function updateDepartmentRow(db: Executor, id: string, values: Partial<Pick<DepartmentRow, 'name' | 'kind' | 'parentId' | 'email' | 'updatedAt' | 'closedAt' | 'closedBy'>>): Promise<void> {
  await db.update(department).set(values).where(eq(department.id, id));
}

export async function insertInstitution(db: Executor, row: typeof institution.$inferInsert): Promise<void> {
  await db.insert(institution).values(row);
}

export async function insertDepartment(db: Executor, row: typeof department.$inferInsert): Promise<void> {
  await db.insert(department).values(row);
}

export async function findDepartmentByCode(db: Executor, institutionId: string, code: string): Promise<DepartmentRow | null> {
  const [row] = await db
    .select()
    .from(department)
    .where(and(eq(department.institutionId, institutionId), eq(department.code, code)));
  return row ?? null;
}

export async function updateInstitutionRow(db: Executor, id: string, values: Partial<typeof institution.$inferInsert>): Promise<void> {
  await db.update(institution).set(values).where(eq(institution.id, id));
}

export type ClosureRow = typeof institutionClosure.$inferSelect;

/** Makes the changes of the institution's closed days take turns, until the caller's transaction ends. */
export async function lockClosures(tx: Executor, institutionId: string): Promise<void> {
  await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext(${`institution.closures:${institutionId}`}))`);
}

export async function listClosureRows(db: Executor, institutionId: string): Promise<ClosureRow[]> {
  return db.select().from(institutionClosure).where(eq(institutionClosure.institutionId, institutionId)).orderBy(asc(institutionClosure.day));
}

/** Every institution's closed days from `from` on (the reminder jobs look ahead from today). */
export async function listClosureRowsFrom(db: Executor, from: string): Promise<Pick<ClosureRow, 'institutionId' | 'day'>[]> {
  return db.select({ institutionId: institutionClosure.institutionId, day: institutionClosure.day }).from(institutionClosure).where(gte(institutionClosure.day, from));
}

export async function insertClosure(db: Executor, row: typeof institutionClosure.$inferInsert): Promise<boolean> {
  const inserted = await db.insert(institutionClosure).values(row).onConflictDoNothing().returning({ day: institutionClosure.day });
  return inserted.length > 0;
}

export async function deleteClosure(db: Executor, institutionId: string, day: string): Promise<boolean> {
  const rows = await db
    .delete(institutionClosure)
    .where(and(eq(institutionClosure.institutionId, institutionId), eq(institutionClosure.day, day)))
    .returning({ day: institutionClosure.day });
  return rows.length > 0;
}
