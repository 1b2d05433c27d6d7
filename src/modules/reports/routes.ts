import { z } from 'zod';
import type { App, AppDeps } from '../../app.ts';
import { bucharestDay } from '../../platform/calendar/calendar.ts';
import { AppError } from '../../platform/http/errors.ts';
import { LocalText } from '../catalog/domain/form-definition.ts';
import { requireActor } from '../identity/guards.ts';
import { readPeriod } from './domain/period.ts';
import { type FigureLine, getManagementReport, type ManagementReport, type ReportTable } from './get-management-report.ts';

const security = [{ session: [], csrf: [] }];
const ErrorBody = z.object({
  error: z.object({ code: z.string(), message: z.string(), fields: z.record(z.string(), z.string()).optional() }),
  requestId: z.string(),
});

const Query = z.object({
  institutionId: z.string().uuid().optional(),
  from: z.string().max(10).optional().describe('First day of the period (yyyy-mm-dd or dd.mm.yyyy); default: 89 days before `to`'),
  to: z.string().max(10).optional().describe('Last day of the period; default: today'),
});

const Figures = z.object({
  open: z.number().int().describe('Open cases today (backlog)'),
  overdue: z.number().int().describe('Open cases whose legal term ended before today'),
  answered: z.number().int().describe('Cases issued or rejected in the period'),
  meanDays: z.number().nullable().describe('Mean days from registration to the answer'),
  medianDays: z.number().nullable(),
  meanTermDays: z.number().nullable().describe('Mean legal term of the same cases, in days from registration'),
  withinTerm: z.number().int().describe('Answered on or before the last day of the legal term'),
  withinTermShare: z.number().nullable().describe('withinTerm ÷ answered (0–1)'),
});

const Meta = z.object({
  institutionId: z.string(),
  scope: z.union([z.literal('institution'), z.object({ departmentIds: z.array(z.string()) })]),
  period: z.object({ from: z.string(), to: z.string() }),
  today: z.string(),
});

const figures = (l: FigureLine) => ({
  open: l.open,
  overdue: l.overdue,
  answered: l.answered,
  meanDays: l.meanDays,
  medianDays: l.medianDays,
  meanTermDays: l.meanTermDays,
  withinTerm: l.withinTerm,
  withinTermShare: l.withinTermShare,
});

const meta = (r: ManagementReport) => ({ institutionId: r.institutionId, scope: r.scope, period: r.period, today: r.today });

/** JSON API of the management figures: one endpoint per table, with the same period and scope rules as the page. */
export function registerReportsRoutes(app: App, deps: AppDeps): void {
  const report = async (actor: Parameters<typeof getManagementReport>[1], q: z.infer<typeof Query>, table: ReportTable) => {
    const r = readPeriod(q.from, q.to, bucharestDay(deps.now()));
    if (!r.ok) {
      const fields = Object.fromEntries(r.problems.map((p) => [p.field, p.code]));
      throw new AppError(r.problems[0]!.code, 'invalid', {}, fields);
    }
    return getManagementReport(deps, actor, { institutionId: q.institutionId, period: r.period, tables: [table] });
  };

  app.get(
    '/api/v1/reports/departments',
    {
      schema: {
        tags: ['reports'],
        summary: 'Backlog, overdue and time to answer against the legal term, per department (heads: their departments; directors, secretary general, mayor: the institution)',
        security,
        querystring: Query,
        response: {
          200: Meta.extend({ departments: z.array(Figures.extend({ departmentId: z.string().nullable(), code: z.string().nullable(), name: z.string().nullable(), depth: z.number().int() })) }),
          400: ErrorBody,
          403: ErrorBody,
        },
      },
    },
    async (request) => {
      const r = await report(requireActor(request), request.query, 'departments');
      return { ...meta(r), departments: r.departments.map((l) => ({ departmentId: l.id, code: l.code, name: l.name as string | null, depth: l.depth, ...figures(l) })) };
    },
  );

  app.get(
    '/api/v1/reports/services',
    {
      schema: {
        tags: ['reports'],
        summary: 'The same figures per catalogue service (all its versions together), for the cases in the caller’s scope',
        security,
        querystring: Query,
        response: { 200: Meta.extend({ services: z.array(Figures.extend({ serviceId: z.string(), code: z.string(), name: LocalText.nullable() })) }), 400: ErrorBody, 403: ErrorBody },
      },
    },
    async (request) => {
      const r = await report(requireActor(request), request.query, 'services');
      return {
        ...meta(r),
        services: r.services.map((l) => ({ serviceId: l.id!, code: l.code ?? '', name: (l.name as { ro: string; en: string } | null) ?? null, ...figures(l) })),
      };
    },
  );

  app.get(
    '/api/v1/reports/officials',
    {
      schema: {
        tags: ['reports'],
        summary: 'Workload per official: open cases assigned and how many of them are past their legal term',
        security,
        querystring: Query,
        response: {
          200: Meta.extend({
            officials: z.array(z.object({ accountId: z.string(), name: z.string(), departmentId: z.string().nullable(), departmentName: z.string().nullable(), open: z.number().int(), overdue: z.number().int() })),
          }),
          400: ErrorBody,
          403: ErrorBody,
        },
      },
    },
    async (request) => {
      const r = await report(requireActor(request), request.query, 'officials');
      return { ...meta(r), officials: r.officials };
    },
  );
}
