import { z } from 'zod';
import type { App, AppDeps } from '../../app.ts';
import { AppError } from '../../platform/http/errors.ts';
import { requireActor } from '../identity/guards.ts';
import { addDepartment, DEPARTMENT_KINDS } from './add-department.ts';
import { blockerItems } from './blocker-texts.ts';
import { changeDepartment, closeDepartment, getDepartment } from './change-department.ts';
import { listInstitutionDepartments } from './list-departments.ts';
import type { DepartmentRow } from './store.ts';

const Department = z.object({
  id: z.uuid(),
  code: z.string(),
  name: z.string(),
  kind: z.enum(DEPARTMENT_KINDS),
  parentId: z.uuid().nullable(),
  closedAt: z.string().nullable().describe('ISO 8601; a closed department is kept because past cases name it, but nothing new goes to it'),
});
const Blockers = z.object({
  children: z.array(z.string()).describe('Names of open departments under it'),
  officials: z.number().int(),
  invitations: z.number().int().describe('Invitations into it not accepted, revoked nor expired'),
  services: z.array(z.string()).describe('Codes of services whose published version or draft sends requests to it'),
  workflows: z.array(z.string()).describe('Codes of services whose own workflow has a step there'),
  openCases: z.number().int(),
  openDocuments: z.number().int().describe('Registered documents without a case routed to it and not resolved'),
});
const Params = z.object({ institutionId: z.uuid() });
const DeptParams = z.object({ institutionId: z.uuid(), departmentId: z.uuid() });
const Change = z.object({
  kind: z.enum(DEPARTMENT_KINDS),
  name: z.string().max(400),
  parentId: z.uuid().nullable().describe('null: directly under the institution’s management'),
  decision: z.string().max(400).describe('The local council decision, e.g. "HCL nr. 45/2026" (audited)'),
});
const ErrorBody = z.object({ error: z.object({ code: z.string(), message: z.string(), fields: z.record(z.string(), z.string()).optional() }), requestId: z.string() });
const security = [{ session: [], csrf: [] }];
const out = (d: DepartmentRow) => ({ id: d.id, code: d.code, name: d.name, kind: d.kind, parentId: d.parentId, closedAt: d.closedAt?.toISOString() ?? null });

/** JSON API of the organisation chart: the same changes as /admin/organizatie, for an administrator of the institution. */
export function registerOrganisationRoutes(app: App, deps: AppDeps): void {
  app.get(
    '/api/v1/institutions/:institutionId/departments',
    { schema: { tags: ['organisation'], summary: 'The institution’s departments, closed ones included (`closedAt`)', params: Params, security, response: { 200: z.object({ departments: z.array(Department) }), 401: ErrorBody, 403: ErrorBody } } },
    async (request) => {
      return { departments: (await listInstitutionDepartments(deps, { actor: requireActor(request), institutionId: request.params.institutionId })).map(out) };
    },
  );

  app.post(
    '/api/v1/institutions/:institutionId/departments',
    {
      schema: {
        tags: ['organisation'],
        summary: 'Adds a department, as the local council decided; 400 with `fields` per wrong field (the code is taken, the parent is not one of the institution’s open departments…)',
        params: Params,
        security,
        body: Change.extend({ code: z.string().max(40).describe('2–20 characters: capital letters, digits, hyphens; never changes') }),
        response: { 201: Department, 400: ErrorBody, 401: ErrorBody, 403: ErrorBody },
      },
    },
    async (request, reply) => {
      const b = request.body;
      const row = await addDepartment(deps, { actor: requireActor(request), institutionId: request.params.institutionId, form: { ...b, parentId: b.parentId ?? '' } });
      return reply.code(201).send(out(row));
    },
  );

  app.get(
    '/api/v1/institutions/:institutionId/departments/:departmentId',
    {
      schema: {
        tags: ['organisation'],
        summary: 'An open department and what keeps it open (all zero and empty: it can be closed)',
        params: DeptParams,
        security,
        response: { 200: z.object({ department: Department, blockers: Blockers }), 401: ErrorBody, 403: ErrorBody, 404: ErrorBody },
      },
    },
    async (request) => {
      const { department, blockers } = await getDepartment(deps, { actor: requireActor(request), ...request.params });
      return { department: out(department), blockers };
    },
  );

  app.put(
    '/api/v1/institutions/:institutionId/departments/:departmentId',
    {
      schema: {
        tags: ['organisation'],
        summary:
          'Renames, re-kinds or moves an open department (its code never changes); answers `changed`, the fields that changed (empty: nothing was written). 409 `organisation.department_parent_moved`: the new parent was moved under this department meanwhile',
        params: DeptParams,
        security,
        body: Change,
        response: { 200: z.object({ department: Department, changed: z.array(z.enum(['name', 'kind', 'parentId'])) }), 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody },
      },
    },
    async (request) => {
      const b = request.body;
      const r = await changeDepartment(deps, { actor: requireActor(request), ...request.params, form: { ...b, parentId: b.parentId ?? '' } });
      return { department: out(r.department), changed: r.changed };
    },
  );

  app.post(
    '/api/v1/institutions/:institutionId/departments/:departmentId/close',
    {
      schema: {
        tags: ['organisation'],
        summary: 'Closes a department nothing goes through any more; 409 `organisation.department_in_use` (the message says what is left; GET the department for the figures) otherwise',
        params: DeptParams,
        security,
        body: z.object({ decision: z.string().max(400) }),
        response: { 200: Department, 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody },
      },
    },
    async (request) => {
      const r = await closeDepartment(deps, { actor: requireActor(request), ...request.params, decision: request.body.decision });
      if ('blockers' in r) throw new AppError('organisation.department_in_use', 'conflict', { what: blockerItems(request.t, r.blockers).map((i) => i.text).join(' ') });
      return out(r.department);
    },
  );
}
