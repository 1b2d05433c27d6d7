import { z } from 'zod';
import type { App } from '../../app.ts';
import { EventStreams } from '../../platform/http/event-stream.ts';
import { findOwnCase } from '../cases/get-case-for-applicant.ts';
import { findCaseForOfficial } from '../cases/get-case-for-official.ts';
import { requireActor } from '../identity/guards.ts';
import type { TrackingDeps } from './module.ts';

const CaseParams = z.object({ caseId: z.string().max(100) });

/** The stream of a case page: the page's own path and this suffix (`data-live-events` on the page points to it). */
export const liveEventsPath = (casePagePath: string) => `${casePagePath}/evenimente`;

/**
 * Live updates of the case pages while they are open: the applicant sees an official's message or a new status
 * without reloading, the official sees the applicant's answer arrive. Each stream is authorized like its page
 * (someone else's case: 404, as for the page) and only says "changed"; the page then reads itself again.
 */
export function registerLiveCaseEvents(app: App, deps: TrackingDeps): void {
  const streams = new EventStreams(deps.database.notifications, 'pd_case_changed');
  app.addHook('preClose', async () => streams.close());
  const route = { schema: { hide: true, params: CaseParams }, config: { passiveSession: true } };

  app.get('/cont/cereri/:caseId/evenimente', route, async (request, reply) => {
    const actor = requireActor(request);
    const row = await findOwnCase(deps.db, actor, request.params.caseId, deps.now());
    return streams.open(request, reply, row.id, actor.accountId);
  });

  app.get('/birou/dosare/:caseId/evenimente', route, async (request, reply) => {
    const actor = requireActor(request);
    const row = await findCaseForOfficial(deps.db, actor, request.params.caseId, 'cases.read');
    return streams.open(request, reply, row.id, actor.accountId);
  });
}
