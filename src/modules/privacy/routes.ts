import { z } from 'zod';
import type { App, AppDeps } from '../../app.ts';
import { formatDateTime } from '../../platform/i18n/format.ts';
import { requireActor } from '../identity/guards.ts';
import { EXPORT_FORMAT, exportPersonalData, personalDataJson } from './export-personal-data.ts';
import { listAccessLog } from './list-access-log.ts';
import { describeAction } from './describe-action.ts';

const Scalar = z.union([z.string(), z.number(), z.boolean(), z.null()]);

export const PersonalDataResponse = z.object({
  format: z.literal(EXPORT_FORMAT),
  generatedAt: z.string(),
  accountId: z.string().uuid(),
  sections: z.record(z.string(), z.array(z.record(z.string(), Scalar))),
});

export const AccessLogResponse = z.object({
  page: z.number().int(),
  pageCount: z.number().int(),
  total: z.number().int(),
  entries: z.array(
    z.object({
      at: z.string(),
      atText: z.string(),
      actorName: z.string().nullable(),
      roles: z.array(z.string()),
      action: z.string(),
      description: z.string(),
      entity: z.string(),
      entityId: z.string().nullable(),
    }),
  ),
});

/** The signed-in person's own data and access log; there is no parameter naming a person. */
export function registerPrivacyRoutes(app: App, deps: AppDeps): void {
  app.get(
    '/api/v1/me/data',
    {
      schema: {
        tags: ['privacy'],
        summary: 'All personal data held about the signed-in person (GDPR art. 15/20); the export is audited',
        security: [{ session: [] }],
        response: { 200: PersonalDataResponse },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      return personalDataJson(await exportPersonalData(deps, actor, { download: true })) as z.infer<typeof PersonalDataResponse>;
    },
  );

  app.get(
    '/api/v1/me/access-log',
    {
      schema: {
        tags: ['privacy'],
        summary: 'Who else read or changed the signed-in person’s data, newest first',
        security: [{ session: [] }],
        querystring: z.object({ page: z.coerce.number().int().min(1).max(100_000).default(1) }),
        response: { 200: AccessLogResponse },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const log = await listAccessLog(deps, actor, { page: request.query.page });
      return {
        page: log.page,
        pageCount: log.pageCount,
        total: log.total,
        entries: log.entries.map((e) => ({
          at: e.at.toISOString(),
          atText: formatDateTime(e.at),
          actorName: e.actorName,
          roles: e.roles,
          action: e.action,
          description: describeAction(request.t, e.action, e.entity),
          entity: e.entity,
          entityId: e.entityId,
        })),
      };
    },
  );
}
