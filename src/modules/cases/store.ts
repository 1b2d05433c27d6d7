import { and, asc, desc, eq, gte, inArray, isNull, lte, or, sql } from 'drizzle-orm';
import type { Executor } from '../../db/database.ts';
import { serviceVersion } from '../catalog/schema.ts';
import { account, companyRepresentative, membership } from '../identity/schema.ts';
import { department } from '../organisation/schema.ts';
import { registryEntry } from '../registry/schema.ts';
import { bucharestDay } from '../../platform/calendar/calendar.ts';
import { type AnswerOutcome, type CaseAction, resolutionOf } from './domain/case-state.ts';
import { caseAction, caseDocument, caseTable } from './schema.ts';

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

/**
 * The case someone opened with this transaction id (its `submitted` action), under a transaction-scoped lock on the
 * id: a retry, even one sent at the same time as the first call, waits for it and finds its case instead of opening
 * a second one.
 */
export async function findCaseOpenedBy(tx: Executor, actorId: string, transactionId: string): Promise<CaseRow | null> {
  await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext(${`case.open:${actorId}:${transactionId}`}))`);
  const [row] = await tx
    .select({ id: caseAction.caseId })
    .from(caseAction)
    .where(and(eq(caseAction.type, 'submitted'), eq(caseAction.actorId, actorId), eq(caseAction.transactionId, transactionId)))
    .limit(1);
  return row ? findCase(tx, row.id) : null;
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
  p: Pick<CaseRow, 'status' | 'assigneeId' | 'dueOn' | 'departmentId'> & { at: Date; outcome?: AnswerOutcome | null },
): Promise<void> {
  await tx
    .update(caseTable)
    .set({ status: p.status, assigneeId: p.assigneeId, dueOn: p.dueOn, departmentId: p.departmentId, updatedAt: p.at })
    .where(eq(caseTable.id, caseId));
  // The register's "how it was resolved" column (Instrucțiunile 217/1996) is written when the case closes, once.
  const day = bucharestDay(p.at);
  const resolution = resolutionOf(p.status, day, p.outcome);
  if (resolution) {
    await tx
      .update(registryEntry)
      .set({ resolution: resolution.text, resolutionCode: resolution.code, resolvedOn: day })
      .where(and(eq(registryEntry.caseId, caseId), isNull(registryEntry.resolution)));
  }
}

export async function listCasesOfApplicant(db: Executor, accountId: string): Promise<CaseRow[]> {
  return db.select().from(caseTable).where(eq(caseTable.applicantAccountId, accountId)).orderBy(desc(caseTable.submittedAt));
}

export async function countCases(db: Executor, institutionId: string): Promise<number> {
  const [r] = await db.select({ n: sql<number>`count(*)::int` }).from(caseTable).where(and(eq(caseTable.institutionId, institutionId)));
  return r?.n ?? 0;
}

// ---- following a case (citizen's list and page, official's view, public status check, reminders) ----

/** A case's name of service in both languages, from the version it was submitted with. */
const serviceName = sql<{ ro: string; en: string }>`${serviceVersion.definition}->'name'`;

export type CaseListRow = {
  id: string;
  trackingCode: string;
  status: CaseRow['status'];
  dueOn: string | null;
  submittedAt: Date;
  companyId: string | null;
  /** Whose name the case is filed in: the company's for a company's case, else the person's. */
  applicantName: string;
  applicantCui: string | null;
  serviceName: { ro: string; en: string };
  number: number;
  registeredOn: string;
};

/** Companies the person acts for today under an active mandate. */
export async function listActiveRepresentedCompanyIds(db: Executor, accountId: string, today: string): Promise<string[]> {
  const rows = await db
    .select({ id: companyRepresentative.companyId })
    .from(companyRepresentative)
    .where(
      and(
        eq(companyRepresentative.accountId, accountId),
        eq(companyRepresentative.status, 'active'),
        or(isNull(companyRepresentative.validUntil), gte(companyRepresentative.validUntil, today)),
      ),
    );
  return rows.map((r) => r.id);
}

/** One's own cases, and those of the companies one acts for today — a company's case only under a mandate in force, even for whoever filed it. */
const ownedBy = (accountId: string, companyIds: string[]) => {
  const own = and(eq(caseTable.applicantAccountId, accountId), isNull(caseTable.companyId));
  return companyIds.length > 0 ? or(own, inArray(caseTable.companyId, companyIds)) : own;
};

/** The cases a person applied for (and those of the companies they represent), newest first, one page. */
export async function listCasesOwnedBy(
  db: Executor,
  input: { accountId: string; companyIds: string[]; limit: number; offset: number },
): Promise<{ total: number; rows: CaseListRow[] }> {
  const where = ownedBy(input.accountId, input.companyIds);
  const [count] = await db.select({ n: sql<number>`count(*)::int` }).from(caseTable).where(where);
  const rows = await db
    .select({
      id: caseTable.id,
      trackingCode: caseTable.trackingCode,
      status: caseTable.status,
      dueOn: caseTable.dueOn,
      submittedAt: caseTable.submittedAt,
      companyId: caseTable.companyId,
      applicantName: sql<string>`${caseTable.applicant}->>'name'`,
      applicantCui: sql<string | null>`${caseTable.applicant}->>'cui'`,
      serviceName,
      number: registryEntry.number,
      registeredOn: registryEntry.registeredOn,
    })
    .from(caseTable)
    .innerJoin(serviceVersion, eq(serviceVersion.id, caseTable.serviceVersionId))
    .innerJoin(registryEntry, eq(registryEntry.id, caseTable.registryEntryId))
    .where(where)
    .orderBy(desc(caseTable.submittedAt), desc(registryEntry.number))
    .limit(input.limit)
    .offset(input.offset);
  return { total: Number(count?.n ?? 0), rows };
}

export type CaseViewRow = CaseRow & {
  definition: typeof serviceVersion.$inferSelect.definition;
  number: number;
  registeredOn: string;
  departmentName: string | null;
};

/** A case with its service version, registration number and department, for its page. */
export async function findCaseView(db: Executor, caseId: string): Promise<CaseViewRow | null> {
  const [row] = await db
    .select({ c: caseTable, definition: serviceVersion.definition, number: registryEntry.number, registeredOn: registryEntry.registeredOn, departmentName: department.name })
    .from(caseTable)
    .innerJoin(serviceVersion, eq(serviceVersion.id, caseTable.serviceVersionId))
    .innerJoin(registryEntry, eq(registryEntry.id, caseTable.registryEntryId))
    .leftJoin(department, eq(department.id, caseTable.departmentId))
    .where(eq(caseTable.id, caseId));
  return row ? { ...row.c, definition: row.definition, number: row.number, registeredOn: row.registeredOn, departmentName: row.departmentName } : null;
}

export type ActorInfo = { id: string; name: string; isOfficial: boolean; roles: { role: string; departmentName: string | null }[] };

/** Who acted on a case: name and, for officials, their roles and departments in the case's institution (no contact data). */
export async function findActorsInfo(db: Executor, accountIds: string[], institutionId: string): Promise<Map<string, ActorInfo>> {
  const out = new Map<string, ActorInfo>();
  if (accountIds.length === 0) return out;
  const accounts = await db.select({ id: account.id, name: account.displayName, isOfficial: account.isOfficial }).from(account).where(inArray(account.id, accountIds));
  for (const a of accounts) out.set(a.id, { ...a, roles: [] });
  const roles = await db
    .select({ accountId: membership.accountId, role: membership.role, departmentName: department.name })
    .from(membership)
    .leftJoin(department, eq(department.id, membership.departmentId))
    .where(and(inArray(membership.accountId, accountIds), eq(membership.institutionId, institutionId), isNull(membership.revokedAt)));
  for (const r of roles) out.get(r.accountId)?.roles.push({ role: r.role, departmentName: r.departmentName });
  return out;
}

/** Department names by id (the departments a case was sent to, for its history). */
export async function findDepartmentNames(db: Executor, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.select({ id: department.id, name: department.name }).from(department).where(inArray(department.id, ids));
  return new Map(rows.map((r) => [r.id, r.name]));
}

export type CaseDocumentRow = typeof caseDocument.$inferSelect;

export async function listCaseDocuments(db: Executor, caseId: string): Promise<CaseDocumentRow[]> {
  return db.select().from(caseDocument).where(eq(caseDocument.caseId, caseId)).orderBy(asc(caseDocument.createdAt), asc(caseDocument.filename));
}

export async function findCaseDocument(db: Executor, caseId: string, documentId: string): Promise<CaseDocumentRow | null> {
  const [row] = await db.select().from(caseDocument).where(and(eq(caseDocument.caseId, caseId), eq(caseDocument.id, documentId)));
  return row ?? null;
}

export async function insertCaseDocument(tx: Executor, row: typeof caseDocument.$inferInsert): Promise<void> {
  await tx.insert(caseDocument).values(row);
}

/** Where to write to the applicant: the account's email and language, else the email recorded on the case. */
export async function findApplicantContact(db: Executor, caseId: string): Promise<{ accountId: string | null; email: string | null; locale: 'ro' | 'en'; notifyEmail: boolean } | null> {
  const [row] = await db
    .select({ accountId: account.id, accountEmail: account.email, locale: account.locale, notifyEmail: account.notifyEmail, applicant: caseTable.applicant })
    .from(caseTable)
    .leftJoin(account, eq(account.id, caseTable.applicantAccountId))
    .where(eq(caseTable.id, caseId));
  if (!row) return null;
  if (row.accountId) return { accountId: row.accountId, email: row.accountEmail, locale: row.locale ?? 'ro', notifyEmail: row.notifyEmail ?? true };
  return { accountId: null, email: row.applicant.email ?? null, locale: 'ro', notifyEmail: true };
}

/** The public status check: a case only when its tracking code and registration number both match. */
export async function findCaseByCodeAndNumber(
  db: Executor,
  input: { code: string; number: number; day: string | null },
): Promise<{ status: CaseRow['status']; dueOn: string | null; serviceName: { ro: string; en: string }; number: number; registeredOn: string } | null> {
  const [row] = await db
    .select({ status: caseTable.status, dueOn: caseTable.dueOn, serviceName, number: registryEntry.number, registeredOn: registryEntry.registeredOn })
    .from(caseTable)
    .innerJoin(serviceVersion, eq(serviceVersion.id, caseTable.serviceVersionId))
    .innerJoin(registryEntry, eq(registryEntry.id, caseTable.registryEntryId))
    .where(
      and(
        eq(caseTable.trackingCode, input.code),
        eq(registryEntry.number, input.number),
        input.day ? eq(registryEntry.registeredOn, input.day) : undefined,
      ),
    );
  return row ?? null;
}

export type DeadlineCaseRow = {
  id: string;
  institutionId: string;
  departmentId: string | null;
  assigneeId: string | null;
  dueOn: string;
  status: CaseRow['status'];
  serviceName: { ro: string; en: string };
  number: number;
  registeredOn: string;
};

/**
 * Open cases (clock running) whose last valid day is between `from` and `to`, both included (null: no bound).
 * Cases that expect no answer (no due day) are never among them.
 */
export async function listOpenCasesDue(db: Executor, input: { from: string | null; to: string; openStatuses: readonly CaseRow['status'][] }): Promise<DeadlineCaseRow[]> {
  return db
    .select({
      id: caseTable.id,
      institutionId: caseTable.institutionId,
      departmentId: caseTable.departmentId,
      assigneeId: caseTable.assigneeId,
      // `lte` below excludes the cases without a due day.
      dueOn: sql<string>`${caseTable.dueOn}`,
      status: caseTable.status,
      serviceName,
      number: registryEntry.number,
      registeredOn: registryEntry.registeredOn,
    })
    .from(caseTable)
    .innerJoin(serviceVersion, eq(serviceVersion.id, caseTable.serviceVersionId))
    .innerJoin(registryEntry, eq(registryEntry.id, caseTable.registryEntryId))
    .where(
      and(
        inArray(caseTable.status, [...input.openStatuses]),
        lte(caseTable.dueOn, input.to),
        input.from ? gte(caseTable.dueOn, input.from) : undefined,
      ),
    )
    .orderBy(asc(caseTable.dueOn), asc(caseTable.id));
}

/** Open cases whose term must be counted again from their log (migration 0056), a batch. */
export async function listTermRecounts(db: Executor, limit: number): Promise<string[]> {
  const rows = await db.execute(sql`SELECT case_id FROM case_term_recount ORDER BY case_id LIMIT ${limit}`);
  return (rows as unknown as { rows: { case_id: string }[] }).rows.map((r) => r.case_id);
}

/** Lists for recounting the institution's open cases whose term ends on or after `day` (a closed day added or removed). */
export async function insertTermRecountsFrom(tx: Executor, input: { institutionId: string; day: string; openStatuses: readonly CaseRow['status'][] }): Promise<void> {
  await tx.execute(sql`INSERT INTO case_term_recount (case_id)
    SELECT id FROM "case"
     WHERE institution_id = ${input.institutionId} AND due_on >= ${input.day}
       AND status IN (${sql.join(input.openStatuses.map((s) => sql`${s}`), sql`, `)})
    ON CONFLICT DO NOTHING`);
}

export async function deleteTermRecount(tx: Executor, caseId: string): Promise<void> {
  await tx.execute(sql`DELETE FROM case_term_recount WHERE case_id = ${caseId}`);
}

export async function updateDueOn(tx: Executor, caseId: string, dueOn: string | null): Promise<void> {
  await tx.update(caseTable).set({ dueOn }).where(eq(caseTable.id, caseId));
}

// ---- repeated petitions (OG 27/2002 art. 10) ----

/** Records the earlier petition a repeated one was joined to. */
export async function setJoinedTo(tx: Executor, caseId: string, intoCaseId: string): Promise<void> {
  await tx.update(caseTable).set({ joinedToCaseId: intoCaseId }).where(eq(caseTable.id, caseId));
}

export type PetitionRef = { id: string; number: number; registeredOn: string; status: CaseRow['status']; subject: string | null; departmentId: string | null };

const petitionRef = {
  id: caseTable.id,
  number: registryEntry.number,
  registeredOn: registryEntry.registeredOn,
  status: caseTable.status,
  subject: sql<string | null>`${caseTable.answers}->>'subject'`,
  departmentId: caseTable.departmentId,
};

/** The petitions joined to this one: its answer covers them too. */
export async function listJoinedInto(db: Executor, caseId: string): Promise<PetitionRef[]> {
  return db
    .select(petitionRef)
    .from(caseTable)
    .innerJoin(registryEntry, eq(registryEntry.id, caseTable.registryEntryId))
    .where(eq(caseTable.joinedToCaseId, caseId))
    .orderBy(asc(caseTable.submittedAt));
}

/**
 * The petitions of the same petitioner — the same account, CNP/CUI or e-mail — registered in the institution before
 * `before`, not themselves joined to another, newest first: what a repeated petition can be joined to.
 */
export async function listEarlierPetitionsOf(
  db: Executor,
  input: { institutionId: string; excludeId: string; before: Date; accountId: string | null; cnp: string | null; cui: string | null; email: string | null },
): Promise<PetitionRef[]> {
  const same = [
    input.accountId ? eq(caseTable.applicantAccountId, input.accountId) : undefined,
    input.cnp ? sql`${caseTable.applicant}->>'cnp' = ${input.cnp}` : undefined,
    input.cui ? sql`${caseTable.applicant}->>'cui' = ${input.cui}` : undefined,
    input.email ? sql`lower(${caseTable.applicant}->>'email') = ${input.email.toLowerCase()}` : undefined,
  ].filter((x) => x !== undefined);
  if (same.length === 0) return [];
  return db
    .select(petitionRef)
    .from(caseTable)
    .innerJoin(registryEntry, eq(registryEntry.id, caseTable.registryEntryId))
    .where(
      and(
        eq(caseTable.institutionId, input.institutionId),
        eq(caseTable.kind, 'petition'),
        sql`${caseTable.id} <> ${input.excludeId}`,
        sql`${caseTable.submittedAt} < ${input.before}`,
        isNull(caseTable.joinedToCaseId),
        or(...same),
      ),
    )
    .orderBy(desc(caseTable.submittedAt))
    .limit(20);
}
