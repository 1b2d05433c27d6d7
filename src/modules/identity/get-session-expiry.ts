import type { AppDeps } from '../../app.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { AppError } from '../../platform/http/errors.ts';
import { type SessionExpiry, sessionExpiry } from './domain/session-expiry.ts';
import { findLiveSession } from './session-store.ts';

/**
 * When the actor's own session ends if they do nothing more, without counting the question as activity (the warning's
 * script asks it by itself): read from the database, so activity in another tab, served by another process, is seen.
 */
export async function getSessionExpiry(deps: Pick<AppDeps, 'db' | 'now' | 'config'>, actor: Actor): Promise<SessionExpiry> {
  if (!actor.mfaPassed) throw new AppError('second_factor_required', 'unauthenticated');
  const row = await findLiveSession(deps.db, actor.sessionId);
  if (!row) throw new AppError('unauthenticated', 'unauthenticated');
  return sessionExpiry({ lastSeenAt: row.lastSeenAt, absoluteEndsAt: row.expiresAt, idleMinutes: deps.config.session.idleMinutes, now: deps.now() });
}
