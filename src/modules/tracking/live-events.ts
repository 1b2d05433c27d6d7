import { z } from 'zod';
import type { Actor } from '../../platform/auth/actor.ts';
import { departmentsInScope } from '../../platform/auth/permissions.ts';
import { AppError } from '../../platform/http/errors.ts';
import { departmentsUnder, institutionsWhere, loadInstitution } from '../admin/load-institution.ts';
import type { App } from '../../app.ts';
import { DEFAULT_STREAM_LIMITS, EventStreams } from '../../platform/http/event-stream.ts';
import { findOwnCase } from '../cases/get-case-for-applicant.ts';
import { findCaseForOfficial } from '../cases/get-case-for-official.ts';
import { requireActor } from '../identity/guards.ts';
import type { TrackingDeps } from './module.ts';

const CaseParams = z.object({ caseId: z.string().max(100) });

/** The stream of a case page: the page's own path and this suffix (`data-live-events` on the page points to it). */
export const liveEventsPath = (casePagePath: string) => `${casePagePath}/evenimente`;
/** The stream of the official's inbox pages. */
export const INBOX_EVENTS_PATH = '/birou/evenimente';

/**
 * The keys the migration 0047 trigger notifies that concern the actor's inboxes: `i:<institution>:*` where they read
 * every case, else `i:<institution>:<department>` for their departments and every department below them.
 */
async function inboxKeys(deps: TrackingDeps, actor: Actor): Promise<string[]> {
  const keys: string[] = [];
  for (const institutionId of institutionsWhere(actor, 'cases.read')) {
    const scope = departmentsInScope(actor, 'cases.read', institutionId);
    if (scope === 'institution') {
      keys.push(`i:${institutionId}:*`);
      continue;
    }
    const inst = await loadInstitution(deps.db, institutionId);
    for (const d of inst ? departmentsUnder(inst, scope) : []) keys.push(`i:${institutionId}:${d}`);
  }
  return keys;
}

/**
 * Live updates of the case pages while they are open: the applicant sees an official's message or a new status
 * without reloading, the official sees the applicant's answer arrive. Each stream is authorized like its page
 * (someone else's case: 404, as for the page) and only says "changed"; the page then reads itself again.
 */
export function registerLiveCaseEvents(app: App, deps: TrackingDeps): void {
  const streams = new EventStreams(deps.database.notifications, 'pd_case_changed', { ...DEFAULT_STREAM_LIMITS, maxStreamMs: deps.config.liveStreamMs });
  app.addHook('preClose', async () => streams.close());
  const route = { schema: { hide: true, params: CaseParams }, config: { passiveSession: true } };

  app.get('/cont/cereri/:caseId/evenimente', route, async (request, reply) => {
    const actor = requireActor(request);
    const row = await findOwnCase(deps.db, actor, request.params.caseId, deps.now());
    return streams.open(request, reply, row.id, actor.accountId);
  });

  // The official's inboxes: any case of the departments they may read (all of them, institution-wide) changed.
  app.get(INBOX_EVENTS_PATH, { schema: { hide: true }, config: { passiveSession: true } }, async (request, reply) => {
    const actor = requireActor(request);
    const keys = await inboxKeys(deps, actor);
    if (keys.length === 0) throw new AppError('forbidden', 'forbidden');
    return streams.open(request, reply, keys, actor.accountId);
  });

  app.get('/birou/dosare/:caseId/evenimente', route, async (request, reply) => {
    const actor = requireActor(request);
    const row = await findCaseForOfficial(deps.db, actor, request.params.caseId, 'cases.read');
    return streams.open(request, reply, row.id, actor.accountId);
  });
}
