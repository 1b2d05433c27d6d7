import type { AppDeps } from '../../app.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { AppError } from '../../platform/http/errors.ts';
import { type SessionExpiry, sessionExpiry } from './domain/session-expiry.ts';
import { identityCache } from './identity-cache.ts';
import { touchLiveSession } from './session-store.ts';

/**
 * "Continuați sesiunea" (WCAG 2.2.1 Timing Adjustable): the person is active now, so the idle timeout starts again from
 * this moment — written at once, not skipped as resolve-actor.ts skips a touch within a minute of the last. Only the
 * actor's own session, the one the request came with. The absolute limit does not move: the answer never goes beyond
 * it, and says when it is what ends the session.
 */
export async function extendSession(deps: Pick<AppDeps, 'db' | 'now' | 'config' | 'database'>, actor: Actor): Promise<SessionExpiry> {
  if (!actor.mfaPassed) throw new AppError('second_factor_required', 'unauthenticated');
  const now = deps.now();
  const row = await touchLiveSession(deps.db, actor.sessionId, now);
  if (!row) throw new AppError('unauthenticated', 'unauthenticated');
  // This process's copy still holds the earlier activity: the next request reads the new one.
  identityCache(deps.database).forgetSession(actor.sessionId);
  return sessionExpiry({ lastSeenAt: row.lastSeenAt, absoluteEndsAt: row.expiresAt, idleMinutes: deps.config.session.idleMinutes, now });
}
