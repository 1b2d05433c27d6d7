import type { AppDeps } from '../../app.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { can, departmentsInScope } from '../../platform/auth/permissions.ts';
import { bucharestDay } from '../../platform/calendar/calendar.ts';
import { AppError } from '../../platform/http/errors.ts';
import { institutionsWhere, loadInstitution } from '../admin/load-institution.ts';
import type { Period } from './domain/period.ts';
import {
  type AnswerFigures,
  answerTimesByDepartment,
  answerTimesByService,
  countOpenByDepartment,
  countOpenByService,
  findServiceNames,
  type OpenFigures,
  type ReportScope,
  type Workload,
  workloadByOfficial,
} from './store.ts';

export const REPORT_TABLES = ['departments', 'services', 'officials'] as const;
export type ReportTable = (typeof REPORT_TABLES)[number];

/** One line of the department or service table. */
export type FigureLine = {
  /** Department or service id; null for cases without a department. */
  id: string | null;
  name: string | { ro: string; en: string } | null;
  code: string | null;
  /** Sub-departments are indented under their parent. */
  depth: number;
  open: number;
  overdue: number;
  answered: number;
  meanDays: number | null;
  medianDays: number | null;
  withinTerm: number;
  /** withinTerm ÷ answered, 0–1 (null when nothing was answered). */
  withinTermShare: number | null;
  meanTermDays: number | null;
};

export type OfficialLine = Workload & { departmentName: string | null };

export type ManagementReport = {
  institutionId: string;
  institutionName: string;
  /** 'institution', or the departments the report covers (with their sub-departments). */
  scope: 'institution' | { departmentIds: string[] };
  period: Period;
  today: string;
  departments: FigureLine[];
  services: FigureLine[];
  officials: OfficialLine[];
};

/** The institution whose figures are asked for: the one named (if the actor may read its reports), else their first. */
function institutionOf(actor: Actor, asked?: string | null): string {
  const ids = institutionsWhere(actor, 'reports.read');
  if (asked) {
    if (!ids.includes(asked)) throw new AppError('forbidden', 'forbidden');
    return asked;
  }
  if (ids.length === 0) throw new AppError('forbidden', 'forbidden');
  return ids[0]!;
}

function lineOf(
  base: Pick<FigureLine, 'id' | 'name' | 'code' | 'depth'>,
  open: OpenFigures | undefined,
  answers: AnswerFigures | undefined,
): FigureLine {
  const answered = answers?.answered ?? 0;
  const withinTerm = answers?.withinTerm ?? 0;
  return {
    ...base,
    open: open?.open ?? 0,
    overdue: open?.overdue ?? 0,
    answered,
    meanDays: answers?.meanDays ?? null,
    medianDays: answers?.medianDays ?? null,
    withinTerm,
    withinTermShare: answered > 0 ? withinTerm / answered : null,
    meanTermDays: answers?.meanTermDays ?? null,
  };
}

const byKey = <T extends { key: string | null }>(rows: T[]) => new Map(rows.map((r) => [r.key, r]));

/**
 * The management view: per department and per service, the backlog (open cases), the overdue among them (last day
 * of the legal term before today, clock not stopped) and, for the cases answered in the period, the mean and median
 * days from registration to the answer against the legal term; per official, the open cases assigned and how many
 * are overdue. Heads of department see their department and its sub-departments; directors, the secretary general
 * and the mayor the whole institution ('reports.read'). Figures only, no applicant's data: nothing to audit.
 */
export async function getManagementReport(
  deps: Pick<AppDeps, 'db' | 'now'>,
  actor: Actor,
  input: { institutionId?: string | null; period: Period; tables?: readonly ReportTable[] },
): Promise<ManagementReport> {
  const institutionId = institutionOf(actor, input.institutionId);
  if (!can(actor, 'reports.read', { institutionId })) throw new AppError('forbidden', 'forbidden');
  const inst = await loadInstitution(deps.db, institutionId);
  if (!inst) throw new AppError('not_found', 'not_found');
  const granted = departmentsInScope(actor, 'reports.read', institutionId);
  const inScope =
    granted === 'institution' ? null : inst.departments.filter((d) => inst.pathOf(d.id).some((id) => granted.includes(id))).map((d) => d.id);
  const scope: ReportScope = { institutionId, departmentIds: inScope };
  const today = bucharestDay(deps.now());

  const wants = (t: ReportTable) => !input.tables || input.tables.includes(t);
  const [openDept, answersDept, openSvc, answersSvc, workload] = await deps.db.transaction(async (tx) => [
    wants('departments') ? await countOpenByDepartment(tx, scope, today) : [],
    wants('departments') ? await answerTimesByDepartment(tx, scope, input.period) : [],
    wants('services') ? await countOpenByService(tx, scope, today) : [],
    wants('services') ? await answerTimesByService(tx, scope, input.period) : [],
    wants('officials') ? await workloadByOfficial(tx, scope, today) : [],
  ] as const);

  // Departments in tree order (parents before children), each with its own cases.
  const openD = byKey(openDept);
  const answersD = byKey(answersDept);
  const visible = new Set(inScope ?? inst.departments.map((d) => d.id));
  const children = new Map<string | null, typeof inst.departments>();
  for (const d of inst.departments) {
    const parent = d.parentId && visible.has(d.parentId) ? d.parentId : null;
    if (visible.has(d.id)) children.set(parent, [...(children.get(parent) ?? []), d]);
  }
  const departments: FigureLine[] = [];
  const walk = (parent: string | null, depth: number) => {
    for (const d of (children.get(parent) ?? []).sort((a, b) => a.name.localeCompare(b.name, 'ro'))) {
      departments.push(lineOf({ id: d.id, name: d.name, code: d.code, depth }, openD.get(d.id), answersD.get(d.id)));
      walk(d.id, depth + 1);
    }
  };
  if (wants('departments')) walk(null, 0);
  if (inScope === null && (openD.has(null) || answersD.has(null))) departments.push(lineOf({ id: null, name: null, code: null, depth: 0 }, openD.get(null), answersD.get(null)));

  // Services with any figure in scope, by name.
  const openS = byKey(openSvc);
  const answersS = byKey(answersSvc);
  const serviceIds = [...new Set([...openS.keys(), ...answersS.keys()])].filter((k): k is string => k !== null);
  const names = await findServiceNames(deps.db, serviceIds);
  const services = names
    .map((s) => lineOf({ id: s.id, name: s.name, code: s.code, depth: 0 }, openS.get(s.id), answersS.get(s.id)))
    .sort((a, b) => (a.code ?? '').localeCompare(b.code ?? ''));

  const deptName = new Map(inst.departments.map((d) => [d.id, d.name]));
  const officials = workload.map((w) => ({ ...w, departmentName: w.departmentId ? (deptName.get(w.departmentId) ?? null) : null }));

  return {
    institutionId,
    institutionName: inst.institution.name,
    scope: inScope === null ? 'institution' : { departmentIds: inScope },
    period: input.period,
    today,
    departments,
    services,
    officials,
  };
}
