import { z } from 'zod';
import type { App } from '../../app.ts';
import { ErrorBody } from '../../platform/http/api-schema.ts';
import { requireActor } from '../identity/guards.ts';
import { RESOLUTION_NOTE_MAX, RESOLUTION_WAYS } from './domain/entry-resolution.ts';
import { forwardEntry } from './forward-entry.ts';
import { getRoutedEntry } from './get-routed-entry.ts';
import { listRoutedEntries } from './list-routed-entries.ts';
import type { RegistryDeps } from './registry-scope.ts';
import { resolveEntry } from './resolve-entry.ts';
import { Entry, EntryPage, toEntry } from './routes.ts';

const security = [{ session: [], csrf: [] }];
const Id = z.object({ id: z.string().max(100) });

const RoutedEntry = Entry.extend({
  handles: z.boolean().describe('The caller may record how it was resolved (an official of its department)'),
  mayForward: z.boolean().describe('The caller may send it to another department (its department, or the registry)'),
  scans: z.array(z.object({ id: z.string().uuid(), filename: z.string(), mediaType: z.string(), sizeBytes: z.number().int(), sha256: z.string() })),
});

/**
 * JSON API of the documents routed to a department that opened no case: the department's list, one document,
 * recording how it was resolved, forwarding it. The same use cases as /birou/documente.
 */
export function registerRoutedRoutes(app: App, deps: RegistryDeps): void {
  app.get(
    '/api/v1/registry/routed',
    {
      schema: {
        tags: ['registry'],
        summary: 'Documents routed to the caller’s departments without a case: `open` (oldest first) or `resolved`',
        querystring: z.object({ state: z.enum(['open', 'resolved']).optional(), page: z.coerce.number().int().min(1).max(100_000).optional() }),
        security,
        response: {
          200: EntryPage,
          400: ErrorBody,
          401: ErrorBody,
          403: ErrorBody,
        },
      },
    },
    async (request) => {
      const r = await listRoutedEntries(deps, requireActor(request), { state: request.query.state ?? 'open', page: request.query.page ?? 1 });
      return { entries: r.lines.map(toEntry), total: r.total, page: r.page, pageCount: r.pageCount };
    },
  );

  app.get(
    '/api/v1/registry/routed/:id',
    {
      schema: {
        tags: ['registry'],
        summary: 'One routed document with its scans (the read is audited); 404 for a document that is not the caller’s to see',
        params: Id,
        security,
        response: { 200: RoutedEntry, 401: ErrorBody, 404: ErrorBody },
      },
    },
    async (request) => {
      const view = await getRoutedEntry(deps, requireActor(request), request.params.id);
      return {
        ...toEntry(view.line),
        handles: view.handles,
        mayForward: view.mayForward,
        scans: view.documents.map((d) => ({ id: d.id, filename: d.filename, mediaType: d.mediaType, sizeBytes: d.sizeBytes, sha256: d.sha256 })),
      };
    },
  );

  app.put(
    '/api/v1/registry/routed/:id/resolution',
    {
      schema: {
        tags: ['registry'],
        summary: 'Record (or correct) how a routed document was resolved: the register’s “modul de rezolvare” and its day',
        description: `\`way\`: ${RESOLUTION_WAYS.join(', ')} (\`solved\` needs a \`note\` saying what was done); \`note\` up to ${RESOLUTION_NOTE_MAX} characters; \`fileCode\` the nomenclator file it was filed in (e.g. III-5). Only an official of its department may; others get 403, or 404 if they may not see it.`,
        params: Id,
        body: z.object({ way: z.enum(RESOLUTION_WAYS), note: z.string().max(RESOLUTION_NOTE_MAX * 2).optional(), fileCode: z.string().max(40).optional() }),
        security,
        response: { 200: z.object({ resolvedOn: z.string().describe('YYYY-MM-DD') }), 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody },
      },
    },
    async (request) => resolveEntry(deps, requireActor(request), { entryId: request.params.id, ...request.body }),
  );

  app.post(
    '/api/v1/registry/routed/:id/forward',
    {
      schema: {
        tags: ['registry'],
        summary: 'Send a routed document that is not resolved to another department of the institution',
        description: '`staffed` false: nobody works in that department, so the document reaches nobody until someone is added or it is sent elsewhere. A resolved document answers 409 `registry.forward.resolved`.',
        params: Id,
        body: z.object({ departmentId: z.string().uuid() }),
        security,
        response: { 200: z.object({ departmentName: z.string(), staffed: z.boolean() }), 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody },
      },
    },
    async (request) => forwardEntry(deps, requireActor(request), { entryId: request.params.id, departmentId: request.body.departmentId }),
  );
}
