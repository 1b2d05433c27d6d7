import type { T } from '../../platform/i18n/i18n.ts';
import { treeLabel } from '../organisation/domain/department-tree.ts';
import type { FigureLine, ManagementReport, OfficialLine, ReportTable } from './get-management-report.ts';

/*
 * The three tables of the management view, as typed cells shared by the page (GOV.UK table, numeric columns right
 * aligned) and the CSV download, so both always show the same figures under the same headings.
 */

export type Cell = { kind: 'text'; value: string } | { kind: 'int' | 'decimal' | 'percent'; value: number | null };
export type ReportTableData = { id: ReportTable; head: string[]; numeric: number[]; rows: Cell[][] };

const text = (value: string): Cell => ({ kind: 'text', value });
const int = (value: number): Cell => ({ kind: 'int', value });
const decimal = (value: number | null): Cell => ({ kind: 'decimal', value });
const percent = (value: number | null): Cell => ({ kind: 'percent', value: value === null ? null : value * 100 });

const FIGURE_HEAD = ['open', 'overdue', 'answered', 'mean_days', 'median_days', 'mean_term', 'within_term'] as const;

function figureCells(l: FigureLine): Cell[] {
  return [int(l.open), int(l.overdue), int(l.answered), decimal(l.meanDays), decimal(l.medianDays), decimal(l.meanTermDays), percent(l.withinTermShare)];
}

const localName = (t: T, name: FigureLine['name']) => (name === null ? '' : typeof name === 'string' ? name : name[t.locale]);

export function departmentsTable(t: T, report: ManagementReport): ReportTableData {
  return {
    id: 'departments',
    head: [t('reports.column.department'), ...FIGURE_HEAD.map((h) => t(`reports.column.${h}`))],
    numeric: FIGURE_HEAD.map((_, i) => i + 1),
    rows: report.departments.map((l) => [text(l.id === null ? t('reports.no_department') : treeLabel(l.depth, localName(t, l.name))), ...figureCells(l)]),
  };
}

export function servicesTable(t: T, report: ManagementReport): ReportTableData {
  return {
    id: 'services',
    head: [t('reports.column.service'), t('reports.column.code'), ...FIGURE_HEAD.map((h) => t(`reports.column.${h}`))],
    numeric: FIGURE_HEAD.map((_, i) => i + 2),
    rows: report.services.map((l) => [text(localName(t, l.name) || (l.code ?? '')), text(l.code ?? ''), ...figureCells(l)]),
  };
}

export function officialsTable(t: T, report: ManagementReport): ReportTableData {
  return {
    id: 'officials',
    head: [t('reports.column.official'), t('reports.column.department'), t('reports.column.assigned_open'), t('reports.column.assigned_overdue')],
    numeric: [2, 3],
    rows: report.officials.map((o: OfficialLine) => [text(o.name), text(o.departmentName ?? t('reports.no_department')), int(o.open), int(o.overdue)]),
  };
}

export const TABLE_BUILDERS: Record<ReportTable, (t: T, report: ManagementReport) => ReportTableData> = {
  departments: departmentsTable,
  services: servicesTable,
  officials: officialsTable,
};

/** A cell as shown: Romanian decimal comma, one decimal; "—" for a figure that does not exist (nothing answered). */
export function formatCell(t: T, cell: Cell, options: { grouping: boolean; empty: string }): string {
  if (cell.kind === 'text') return cell.value;
  if (cell.value === null) return options.empty;
  const locale = t.locale === 'ro' ? 'ro-RO' : 'en-GB';
  const digits = cell.kind === 'int' ? 0 : 1;
  return new Intl.NumberFormat(locale, { maximumFractionDigits: digits, minimumFractionDigits: digits, useGrouping: options.grouping }).format(cell.value);
}
