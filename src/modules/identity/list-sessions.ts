import type { AppDeps } from '../../app.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { listLiveSessions } from './session-store.ts';

export async function listSessions(deps: AppDeps, actor: Actor) {
  const rows = await listLiveSessions(deps.db, actor.accountId, deps.now(), deps.config.session.idleMinutes);
  return rows.map((r) => ({ ...r, current: r.id === actor.sessionId }));
}
