import type { AppDeps } from '../../app.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { listAccessesByOthers } from './store.ts';

export const ACCESS_LOG_PAGE_SIZE = 20;

export type AccessLogEntry = {
  at: Date;
  actorName: string | null;
  actorIsOfficial: boolean;
  roles: string[];
  action: string;
  entity: string;
  entityId: string | null;
};

/**
 * Who else read or changed the signed-in person's data (audit entries about them by another actor, e.g. an
 * official's `*.viewed` read): their own actions are not listed. Always the caller's own log.
 */
export async function listAccessLog(
  deps: AppDeps,
  actor: Actor,
  input: { page: number },
): Promise<{ entries: AccessLogEntry[]; page: number; pageCount: number; total: number }> {
  const page = Math.max(1, Math.floor(input.page));
  const { total, rows } = await listAccessesByOthers(deps.db, actor.accountId, {
    limit: ACCESS_LOG_PAGE_SIZE,
    offset: (page - 1) * ACCESS_LOG_PAGE_SIZE,
  });
  return {
    total,
    page,
    pageCount: Math.max(1, Math.ceil(total / ACCESS_LOG_PAGE_SIZE)),
    entries: rows.map((r) => ({
      at: r.at,
      actorName: r.actorName,
      actorIsOfficial: r.actorIsOfficial ?? false,
      roles: r.roles ? r.roles.split(',').sort() : [],
      action: r.action,
      entity: r.entity,
      entityId: r.entityId,
    })),
  };
}
