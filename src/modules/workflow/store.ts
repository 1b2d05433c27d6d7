import { and, asc, eq, inArray, isNull, lte, ne, sql, notInArray } from 'drizzle-orm';
import type { Executor } from '../../db/database.ts';
import { serviceVersion } from '../catalog/schema.ts';
import { account, membership } from '../identity/schema.ts';
import { registryEntry } from '../registry/schema.ts';
import type { StepQueue, WorkflowDefinition } from './domain/workflow-definition.ts';
import { caseStep, workflow, workflowRotation, workflowStepReminder } from './schema.ts';
import { CLOSED_STATUSES } from '../cases/domain/case-state.ts';

export type CaseStepRow = typeof caseStep.$inferSelect;

export async function findWorkflow(db: Executor, institutionId: string, serviceCode: string): Promise<{ definition: WorkflowDefinition; updatedAt: Date } | null> {
  const [row] = await db
    .select({ definition: workflow.definition, updatedAt: workflow.updatedAt })
    .from(workflow)
    .where(and(eq(workflow.institutionId, institutionId), eq(workflow.serviceCode, serviceCode)));
  return row ?? null;
}

/** The institution's own workflows (services on the default one have none stored). */
export async function listWorkflows(db: Executor, institutionId: string): Promise<{ serviceCode: string; definition: WorkflowDefinition }[]> {
  return db.select({ serviceCode: workflow.serviceCode, definition: workflow.definition }).from(workflow).where(eq(workflow.institutionId, institutionId)).orderBy(workflow.serviceCode);
}

export async function upsertWorkflow(tx: Executor, input: { institutionId: string; serviceCode: string; definition: WorkflowDefinition; updatedBy: string; at: Date }): Promise<void> {
  await tx
    .insert(workflow)
    .values({ institutionId: input.institutionId, serviceCode: input.serviceCode, definition: input.definition, updatedBy: input.updatedBy, updatedAt: input.at })
    .onConflictDoUpdate({ target: [workflow.institutionId, workflow.serviceCode], set: { definition: input.definition, updatedBy: input.updatedBy, updatedAt: input.at } });
}

export async function deleteWorkflow(tx: Executor, institutionId: string, serviceCode: string): Promise<void> {
  await tx.delete(workflow).where(and(eq(workflow.institutionId, institutionId), eq(workflow.serviceCode, serviceCode)));
}

export async function findCaseStep(db: Executor, caseId: string): Promise<CaseStepRow | null> {
  const [row] = await db.select().from(caseStep).where(eq(caseStep.id, caseId));
  return row ?? null;
}

export type StepProjection = {
  stepKey: string | null;
  stepRole: string | null;
  stepDepartmentId: string | null;
  stepAssigneeId: string | null;
  stepDueOn: string | null;
  stepQueue: StepQueue;
  stepSeq: number;
};

export async function updateCaseStep(tx: Executor, caseId: string, p: StepProjection): Promise<void> {
  await tx.update(caseStep).set(p).where(eq(caseStep.id, caseId));
}

/** Every active official's role and department (null: the whole institution) in an institution: who could take work where. */
export async function listActiveMemberships(db: Executor, institutionId: string): Promise<{ role: string; departmentId: string | null }[]> {
  return db
    .select({ role: membership.role, departmentId: membership.departmentId })
    .from(membership)
    .innerJoin(account, eq(account.id, membership.accountId))
    .where(and(eq(membership.institutionId, institutionId), isNull(membership.revokedAt), isNull(account.disabledAt)));
}

/** Officials holding `role` (any role when null) whose membership covers one of `departmentIds` (or the whole institution). */
export async function findStepHolders(
  db: Executor,
  input: { institutionId: string; role: string | null; departmentIds: string[] | null; accountIds?: string[] },
): Promise<{ accountId: string; name: string; email: string; locale: 'ro' | 'en' }[]> {
  const rows = await db
    .selectDistinct({ accountId: account.id, name: account.displayName, email: account.email, locale: account.locale })
    .from(membership)
    .innerJoin(account, eq(account.id, membership.accountId))
    .where(
      and(
        eq(membership.institutionId, input.institutionId),
        input.role ? eq(membership.role, input.role) : undefined,
        input.departmentIds ? inArray(membership.departmentId, input.departmentIds) : undefined,
        input.accountIds ? inArray(account.id, input.accountIds) : undefined,
        isNull(membership.revokedAt),
        isNull(account.disabledAt),
      ),
    )
    .orderBy(asc(account.displayName), asc(account.id));
  return rows;
}

/** Round robin: locks the rotation row of a service in a department and returns its last assignee. */
export async function lockRotation(tx: Executor, key: { institutionId: string; serviceCode: string; departmentId: string }): Promise<string | null> {
  const [row] = await tx
    .select({ last: workflowRotation.lastAssigneeId })
    .from(workflowRotation)
    .where(and(eq(workflowRotation.institutionId, key.institutionId), eq(workflowRotation.serviceCode, key.serviceCode), eq(workflowRotation.departmentId, key.departmentId)))
    .for('update');
  return row?.last ?? null;
}

export async function saveRotation(tx: Executor, key: { institutionId: string; serviceCode: string; departmentId: string }, assigneeId: string, at: Date): Promise<void> {
  await tx
    .insert(workflowRotation)
    .values({ ...key, lastAssigneeId: assigneeId, updatedAt: at })
    .onConflictDoUpdate({ target: [workflowRotation.institutionId, workflowRotation.serviceCode, workflowRotation.departmentId], set: { lastAssigneeId: assigneeId, updatedAt: at } });
}

export type StepDueRow = {
  id: string;
  institutionId: string;
  departmentId: string | null;
  stepKey: string | null;
  stepRole: string | null;
  stepDepartmentId: string | null;
  stepAssigneeId: string | null;
  stepDueOn: string | null;
  stepSeq: number;
  serviceCode: string;
  serviceName: { ro: string; en: string };
  number: number;
  registeredOn: string;
};

const serviceCode = sql<string>`${serviceVersion.definition}->>'code'`;
const OPEN = notInArray(caseStep.status, [...CLOSED_STATUSES]);

/** Open cases whose current step is due on or before `to` (and on or after `from` when given). */
export async function listStepsDue(db: Executor, input: { from: string | null; to: string }): Promise<StepDueRow[]> {
  return db
    .select({
      id: caseStep.id,
      institutionId: caseStep.institutionId,
      departmentId: caseStep.departmentId,
      stepKey: caseStep.stepKey,
      stepRole: caseStep.stepRole,
      stepDepartmentId: caseStep.stepDepartmentId,
      stepAssigneeId: caseStep.stepAssigneeId,
      stepDueOn: caseStep.stepDueOn,
      stepSeq: caseStep.stepSeq,
      serviceCode,
      serviceName: sql<{ ro: string; en: string }>`${serviceVersion.definition}->'name'`,
      number: registryEntry.number,
      registeredOn: registryEntry.registeredOn,
    })
    .from(caseStep)
    .innerJoin(serviceVersion, eq(serviceVersion.id, caseStep.serviceVersionId))
    .innerJoin(registryEntry, eq(registryEntry.id, caseStep.registryEntryId))
    .where(
      and(
        ne(caseStep.stepQueue, 'closed'),
        OPEN,
        lte(caseStep.stepDueOn, input.to),
        input.from ? sql`${caseStep.stepDueOn} >= ${input.from}` : undefined,
      ),
    )
    .orderBy(asc(caseStep.stepDueOn), asc(caseStep.id));
}

/** The distinct due days, on or after `from`, of the steps the institution's open cases are at. */
export async function listOpenStepDueDays(db: Executor, institutionId: string, from: string): Promise<string[]> {
  const rows = await db
    .selectDistinct({ day: caseStep.stepDueOn })
    .from(caseStep)
    .where(and(eq(caseStep.institutionId, institutionId), ne(caseStep.stepQueue, 'closed'), OPEN, sql`${caseStep.stepDueOn} >= ${from}`))
    .orderBy(asc(caseStep.stepDueOn));
  return rows.flatMap((r) => (r.day ? [r.day] : []));
}

/**
 * Moves the due day of the steps the institution's open cases are at, each from its `from` day to its `to` day, in one
 * statement: a step moved onto a day that moves too is not moved twice. Answers how many steps moved.
 */
export async function moveOpenStepDueDays(tx: Executor, institutionId: string, moves: { from: string; to: string }[]): Promise<number> {
  if (moves.length === 0) return 0;
  const pairs = sql.join(
    moves.map((m) => sql`(${m.from}::date, ${m.to}::date)`),
    sql`, `,
  );
  const result = await tx.execute(sql`UPDATE "case" AS c SET step_due_on = m.to_day
      FROM (VALUES ${pairs}) AS m (from_day, to_day)
     WHERE c.institution_id = ${institutionId} AND c.step_due_on = m.from_day AND c.step_queue <> 'closed'
       AND c.status NOT IN (${sql.join(CLOSED_STATUSES.map((s) => sql`${s}`), sql`, `)})
    RETURNING c.id`);
  return (result as unknown as { rows: unknown[] }).rows.length;
}

/** Cases that have not entered their workflow yet, oldest first (a batch). */
export async function listUnstartedCases(db: Executor, limit: number): Promise<{ id: string; submittedAt: Date }[]> {
  return db.select({ id: caseStep.id, submittedAt: caseStep.submittedAt }).from(caseStep).where(isNull(caseStep.stepKey)).orderBy(asc(caseStep.submittedAt)).limit(limit);
}

/** Records that a step reminder went out; false when it had been sent already. */
export async function claimStepReminder(tx: Executor, input: { caseId: string; stepSeq: number; kind: 'due_soon' | 'overdue'; stepKey: string; at: Date }): Promise<boolean> {
  const rows = await tx
    .insert(workflowStepReminder)
    .values({ caseId: input.caseId, stepSeq: input.stepSeq, kind: input.kind, stepKey: input.stepKey, sentAt: input.at })
    .onConflictDoNothing()
    .returning({ caseId: workflowStepReminder.caseId });
  return rows.length > 0;
}

export async function findAccountName(db: Executor, accountId: string): Promise<string | null> {
  const [row] = await db.select({ name: account.displayName }).from(account).where(eq(account.id, accountId));
  return row?.name ?? null;
}

/** Services of the institution whose own workflow has a step in the department `code`. */
export async function listWorkflowsUsingDepartment(db: Executor, institutionId: string, departmentCode: string): Promise<string[]> {
  const rows = await db
    .select({ code: workflow.serviceCode })
    .from(workflow)
    .where(and(eq(workflow.institutionId, institutionId), sql`${workflow.definition}->'steps' @> ${JSON.stringify([{ departmentCode }])}::jsonb`))
    .orderBy(asc(workflow.serviceCode));
  return rows.map((r) => r.code);
}

/** Open cases that are in the department or whose current step is there. */
export async function countOpenCasesIn(db: Executor, departmentId: string): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(caseStep)
    .where(and(sql`(${caseStep.departmentId} = ${departmentId} OR ${caseStep.stepDepartmentId} = ${departmentId})`, notInArray(caseStep.status, [...CLOSED_STATUSES])));
  return row?.n ?? 0;
}
