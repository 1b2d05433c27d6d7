import { type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../../db/database.ts';
import type { Period } from './domain/period.ts';
import { CLOSED_STATUSES } from '../cases/domain/case-state.ts';

/*
 * The management figures, each one set-based query grouped in the database (never a loop over cases). Open cases are
 * read through case_open_report_idx (migration 0035: partial on open statuses, so the closed cases that make up most
 * of the table are never read); answered cases through case_action_answer_idx (issue and rejection actions by day).
 * The open-status predicate below is written exactly as the index's.
 */

/** Whose cases: an institution, and within it some departments (null: all, and cases without a department). */
export type ReportScope = { institutionId: string; departmentIds: string[] | null };

export type OpenFigures = { key: string | null; open: number; overdue: number };

export type AnswerFigures = {
  key: string | null;
  answered: number;
  /** Days from the registration day to the answer's day. */
  meanDays: number | null;
  medianDays: number | null;
  /** Answered on or before the last day of the legal term (as extended on the case). */
  withinTerm: number;
  /** The legal term the same cases had, in days from registration. */
  meanTermDays: number | null;
};

export type Workload = { accountId: string; name: string; departmentId: string | null; open: number; overdue: number };

export type ServiceName = { id: string; code: string; name: { ro: string; en: string } | null };

type Rows<T> = { rows: T[] };
const rowsOf = async <T>(db: Executor, query: SQL): Promise<T[]> => ((await db.execute(query)) as unknown as Rows<T>).rows;

const inDepartments = (column: SQL, scope: ReportScope) => (scope.departmentIds === null ? sql`` : sql` AND ${column} IN ${scope.departmentIds}`);
/** The registration day: the Bucharest calendar day of submission, as the `submitted` action's day is computed. */
const REGISTERED_ON = sql.raw(`(c.submitted_at AT TIME ZONE 'Europe/Bucharest')::date`);
const OPEN = sql.raw(`c.status NOT IN (${CLOSED_STATUSES.map((s) => `'${s}'`).join(', ')})`);

const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

async function openBy(db: Executor, scope: ReportScope, today: string, by: 'department' | 'service'): Promise<OpenFigures[]> {
  if (scope.departmentIds?.length === 0) return [];
  const key = by === 'department' ? sql.raw('c.department_id') : sql.raw('v.service_id');
  const join = by === 'service' ? sql.raw('JOIN service_version v ON v.id = c.service_version_id') : sql``;
  const rows = await rowsOf<{ key: string | null; open: number; overdue: number }>(
    db,
    sql`SELECT ${key} AS key, count(*)::int AS open, (count(*) FILTER (WHERE c.due_on < ${today}))::int AS overdue
        FROM "case" c ${join}
        WHERE c.institution_id = ${scope.institutionId} AND ${OPEN}${inDepartments(sql.raw('c.department_id'), scope)}
        GROUP BY ${key}`,
  );
  return rows.map((r) => ({ key: r.key, open: Number(r.open), overdue: Number(r.overdue) }));
}

/** Open cases (backlog) and, among them, those past their legal term, by the case's department. */
export const countOpenByDepartment = (db: Executor, scope: ReportScope, today: string) => openBy(db, scope, today, 'department');

/** The same, by catalogue service (all versions of a service together). */
export const countOpenByService = (db: Executor, scope: ReportScope, today: string) => openBy(db, scope, today, 'service');

async function answersBy(db: Executor, scope: ReportScope, period: Period, by: 'department' | 'service'): Promise<AnswerFigures[]> {
  if (scope.departmentIds?.length === 0) return [];
  const key = by === 'department' ? sql.raw('c.department_id') : sql.raw('v.service_id');
  const join = by === 'service' ? sql.raw('JOIN service_version v ON v.id = c.service_version_id') : sql``;
  const rows = await rowsOf<{ key: string | null; answered: number; mean: unknown; median: unknown; within: number; term: unknown }>(
    db,
    sql`WITH answered AS (
          SELECT a.case_id, min(a.day) AS day FROM case_action a
          WHERE a.type IN ('issued', 'rejected') AND a.day BETWEEN ${period.from} AND ${period.to}
          GROUP BY a.case_id
        )
        SELECT ${key} AS key, count(*)::int AS answered,
          avg(x.day - ${REGISTERED_ON})::float8 AS mean,
          percentile_cont(0.5) WITHIN GROUP (ORDER BY x.day - ${REGISTERED_ON}) AS median,
          (count(*) FILTER (WHERE c.due_on IS NULL OR x.day <= c.due_on))::int AS within,
          avg(c.due_on - ${REGISTERED_ON})::float8 AS term
        FROM answered x
        JOIN "case" c ON c.id = x.case_id
        ${join}
        WHERE c.institution_id = ${scope.institutionId}${inDepartments(sql.raw('c.department_id'), scope)}
        GROUP BY ${key}`,
  );
  return rows.map((r) => ({ key: r.key, answered: Number(r.answered), meanDays: num(r.mean), medianDays: num(r.median), withinTerm: Number(r.within), meanTermDays: num(r.term) }));
}

/** Cases answered (issued or rejected) in the period: time from registration to answer, and how many within the term. */
export const answerTimesByDepartment = (db: Executor, scope: ReportScope, period: Period) => answersBy(db, scope, period, 'department');

export const answerTimesByService = (db: Executor, scope: ReportScope, period: Period) => answersBy(db, scope, period, 'service');

/**
 * Open cases assigned to each official (the case's assignee) and how many of them are overdue, per department; the
 * inspectors and heads of the departments in scope appear with 0 when nothing is assigned to them.
 */
export async function workloadByOfficial(db: Executor, scope: ReportScope, today: string): Promise<Workload[]> {
  if (scope.departmentIds?.length === 0) return [];
  const rows = await rowsOf<{ account_id: string; department_id: string | null; name: string; open: number; overdue: number }>(
    db,
    sql`WITH load AS (
          SELECT c.assignee_id AS account_id, c.department_id, count(*)::int AS open, (count(*) FILTER (WHERE c.due_on < ${today}))::int AS overdue
          FROM "case" c
          WHERE c.institution_id = ${scope.institutionId} AND ${OPEN} AND c.assignee_id IS NOT NULL${inDepartments(sql.raw('c.department_id'), scope)}
          GROUP BY c.assignee_id, c.department_id
        ), members AS (
          SELECT DISTINCT m.account_id, m.department_id FROM membership m
          WHERE m.institution_id = ${scope.institutionId} AND m.revoked_at IS NULL AND m.department_id IS NOT NULL
            AND m.role IN ('inspector', 'head_of_department')${inDepartments(sql.raw('m.department_id'), scope)}
        )
        SELECT coalesce(l.account_id, m.account_id) AS account_id, coalesce(l.department_id, m.department_id) AS department_id,
          a.display_name AS name, coalesce(l.open, 0)::int AS open, coalesce(l.overdue, 0)::int AS overdue
        FROM load l FULL JOIN members m ON m.account_id = l.account_id AND m.department_id = l.department_id
        JOIN account a ON a.id = coalesce(l.account_id, m.account_id)
        ORDER BY 4 DESC, 5 DESC, a.display_name, 1`,
  );
  return rows.map((r) => ({ accountId: r.account_id, name: r.name, departmentId: r.department_id, open: Number(r.open), overdue: Number(r.overdue) }));
}

/** Services by id: their code and the name of their published version (else their latest version). */
export async function findServiceNames(db: Executor, serviceIds: string[]): Promise<ServiceName[]> {
  if (serviceIds.length === 0) return [];
  return rowsOf<ServiceName>(
    db,
    sql`SELECT s.id, s.code,
          coalesce(p.definition->'name', (SELECT v.definition->'name' FROM service_version v WHERE v.service_id = s.id ORDER BY v.version DESC LIMIT 1)) AS name
        FROM service s LEFT JOIN service_version p ON p.id = s.published_version_id
        WHERE s.id IN ${serviceIds}`,
  );
}
