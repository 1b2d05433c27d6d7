import { and, asc, desc, eq, inArray, isNull, or, type SQL, sql, notInArray } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Executor } from '../../db/database.ts';
import { service, serviceVersion } from '../catalog/schema.ts';
import { account } from '../identity/schema.ts';
import { registryEntry } from '../registry/schema.ts';
import { caseStep } from '../workflow/schema.ts';
import type { CaseStatus } from '../cases/domain/case-state.ts';
import type { InboxQuery, InboxSearch } from './domain/inboxes.ts';
import { CLOSED_STATUSES } from '../cases/domain/case-state.ts';

/** One membership's share of the unassigned work: its role (or steps without a role) over its departments. */
export type PoolScope = { role: string; departmentIds: string[] | null };

export type InboxFilter = {
  institutionId: string;
  accountId: string;
  pools: PoolScope[];
  /** Done: the departments whose closed cases the official sees (null: the whole institution). */
  doneDepartments: string[] | null;
  today: string;
  dueSoonUntil: string;
  search: InboxSearch | null;
  serviceCode: string | null;
  /** The cases whose answer waits for this official's signature behind the case (an inbox with `signatures`). */
  signatureCaseIds: string[];
};

const OPEN = notInArray(caseStep.status, [...CLOSED_STATUSES]);
// Written exactly as in the partial index case_done_idx, so the planner can use it.
const CLOSED = sql`${caseStep.status} IN ('issued', 'rejected', 'withdrawn', 'archived')`;
const NONE = sql`false`;

function queues(list: readonly string[] | 'all'): SQL | undefined {
  return list === 'all' ? undefined : inArray(caseStep.stepQueue, [...list] as ('route' | 'assign' | 'work' | 'sign' | 'issue' | 'closed')[]);
}

function poolOf(pools: PoolScope[]): SQL {
  const parts = pools.map((p) =>
    and(
      or(eq(caseStep.stepRole, p.role), isNull(caseStep.stepRole)),
      p.departmentIds === null ? undefined : or(isNull(caseStep.stepDepartmentId), p.departmentIds.length ? inArray(caseStep.stepDepartmentId, p.departmentIds) : NONE),
    ),
  );
  return parts.length ? (or(...parts) ?? NONE) : NONE;
}

function searchOf(f: InboxFilter): SQL | undefined {
  const s = f.search;
  if (!s) return undefined;
  const parts: SQL[] = [];
  if (s.registry) {
    parts.push(
      sql`${caseStep.registryEntryId} IN (SELECT id FROM registry_entry WHERE institution_id = ${f.institutionId} AND number = ${s.registry.number}${s.registry.day ? sql` AND registered_on = ${s.registry.day}` : sql``})`,
    );
  }
  if (s.cnp) parts.push(sql`${caseStep.applicant}->>'cnp' = ${s.cnp}`);
  if (s.cui) parts.push(sql`(${caseStep.applicant}->>'cui' = ${s.cui} OR ${caseStep.applicant}->>'cui' = ${`RO${s.cui}`})`);
  if (s.trackingCode) parts.push(eq(caseStep.trackingCode, s.trackingCode));
  if (s.name) parts.push(sql`${caseStep.searchName} LIKE ${`%${s.name.replace(/[\\%_]/g, (c) => `\\${c}`)}%`}`);
  return or(...parts);
}

function whereOf(query: InboxQuery, f: InboxFilter): SQL | undefined {
  const common = and(
    eq(caseStep.institutionId, f.institutionId),
    searchOf(f),
    f.serviceCode ? sql`${caseStep.serviceVersionId} IN (SELECT v.id FROM service_version v JOIN service s ON s.id = v.service_id WHERE s.institution_id = ${f.institutionId} AND s.code = ${f.serviceCode})` : undefined,
  );
  if (query.kind === 'done') {
    return and(common, CLOSED, f.doneDepartments === null ? undefined : f.doneDepartments.length ? inArray(caseStep.departmentId, f.doneDepartments) : NONE);
  }
  const mine = and(eq(caseStep.stepAssigneeId, f.accountId), queues(query.mine));
  const pool = and(isNull(caseStep.stepAssigneeId), queues(query.pool), poolOf(f.pools));
  // Either clock counts: the step's due day (the office's own) and the case's legal term (what the law and the
  // applicant hold the institution to) — a case past its legal term is overdue whatever its step's day says.
  const overdue = sql`(${caseStep.stepDueOn} < ${f.today} OR ${caseStep.dueOn} < ${f.today})`;
  const due =
    query.due === 'soon'
      ? sql`(NOT ${overdue} IS TRUE AND (${caseStep.stepDueOn} <= ${f.dueSoonUntil} OR ${caseStep.dueOn} <= ${f.dueSoonUntil}))`
      : query.due === 'overdue'
        ? overdue
        : undefined;
  const signing = query.signatures && f.signatureCaseIds.length ? inArray(caseStep.id, f.signatureCaseIds) : undefined;
  return and(common, OPEN, sql`${caseStep.stepQueue} <> 'closed'`, or(mine, pool, signing), due);
}

export type InboxRow = {
  id: string;
  trackingCode: string;
  status: CaseStatus;
  applicantName: string;
  submittedAt: Date;
  updatedAt: Date;
  serviceName: { ro: string; en: string };
  serviceCode: string;
  number: number;
  registeredOn: string;
  stepKey: string | null;
  stepDueOn: string | null;
  /** The case's legal term for its answer (null: none, e.g. a notice). */
  dueOn: string | null;
  stepSeq: number;
  stepQueue: string;
  assigneeName: string | null;
};

/** The order of an inbox: open work by the nearer of its step's due day and its legal term; done cases most recently closed first. */
function orderOf(query: InboxQuery): SQL[] {
  return query.kind === 'done'
    ? [desc(caseStep.updatedAt), desc(caseStep.id)]
    : [sql`LEAST(${caseStep.stepDueOn}, ${caseStep.dueOn}) ASC NULLS LAST`, asc(caseStep.submittedAt), asc(caseStep.id)];
}

/**
 * One page of an inbox (orderOf). The page's cases are chosen, ordered and cut in a subquery on the case table alone,
 * and only those ~25 are joined to their registry entry, service and assignee: the order (the nearer of two days) is
 * no index's, so the matching cases — a thousand in a big department's pool — are sorted, and joining each of them
 * before the cut cost a registry-entry lookup apiece (`npm run bench -- inbox`, docs/benchmarks.md).
 */
export async function listInbox(db: Executor, query: InboxQuery, f: InboxFilter, page: { limit: number; offset: number }): Promise<InboxRow[]> {
  const assignee = alias(account, 'assignee');
  const pageIds = db
    .select({ id: caseStep.id })
    .from(caseStep)
    .where(whereOf(query, f))
    .orderBy(...orderOf(query))
    .limit(page.limit)
    .offset(page.offset);
  const rows = await db
    .select({
      id: caseStep.id,
      trackingCode: caseStep.trackingCode,
      status: sql<CaseStatus>`${caseStep.status}`,
      applicantName: sql<string>`${caseStep.applicant}->>'name'`,
      submittedAt: caseStep.submittedAt,
      updatedAt: caseStep.updatedAt,
      serviceName: sql<{ ro: string; en: string }>`${serviceVersion.definition}->'name'`,
      serviceCode: sql<string>`${serviceVersion.definition}->>'code'`,
      number: registryEntry.number,
      registeredOn: registryEntry.registeredOn,
      stepKey: caseStep.stepKey,
      stepDueOn: caseStep.stepDueOn,
      dueOn: caseStep.dueOn,
      stepSeq: caseStep.stepSeq,
      stepQueue: caseStep.stepQueue,
      assigneeName: assignee.displayName,
    })
    .from(caseStep)
    .innerJoin(serviceVersion, eq(serviceVersion.id, caseStep.serviceVersionId))
    .innerJoin(registryEntry, eq(registryEntry.id, caseStep.registryEntryId))
    .leftJoin(assignee, eq(assignee.id, caseStep.stepAssigneeId))
    .where(inArray(caseStep.id, pageIds))
    .orderBy(...orderOf(query));
  return rows;
}

/** How many cases an inbox holds, counted up to `cap` (a navigation badge need not scan a million rows). */
export async function countInbox(db: Executor, query: InboxQuery, f: InboxFilter, cap: number): Promise<number> {
  const sub = db
    .select({ one: sql`1` })
    .from(caseStep)
    .where(whereOf(query, f))
    .limit(cap)
    .as('capped');
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(sub);
  return Number(row?.n ?? 0);
}

/**
 * The institution's services an inbox can be filtered by: each code once, with the name of its latest version (a
 * withdrawn service still has cases in the inboxes).
 */
export async function listInboxServices(db: Executor, institutionId: string): Promise<{ code: string; name: { ro: string; en: string } }[]> {
  return db
    .selectDistinctOn([service.code], { code: service.code, name: sql<{ ro: string; en: string }>`${serviceVersion.definition}->'name'` })
    .from(service)
    .innerJoin(serviceVersion, eq(serviceVersion.serviceId, service.id))
    .where(eq(service.institutionId, institutionId))
    .orderBy(service.code, desc(serviceVersion.version));
}
