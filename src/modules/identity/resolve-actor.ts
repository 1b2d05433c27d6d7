import type { FastifyRequest } from 'fastify';
import { type AppDeps, SESSION_COOKIE } from '../../app.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { findLiveSession, listMemberships, revokeSession, touchSession } from './session-store.ts';

/** Writing last_seen on every request would cost a write per page; a minute's precision is enough for the idle timeout. */
const TOUCH_EVERY_MS = 60_000;

/**
 * Finds the live session behind the cookie. A session past its idle or absolute timeout is revoked
 * here, so the next request is anonymous.
 */
export async function resolveActor(request: FastifyRequest, deps: AppDeps): Promise<{ actor: Actor; sessionToken: string } | null> {
  const token = request.cookies[SESSION_COOKIE];
  if (!token || token.length > 100) return null;
  const row = await findLiveSession(deps.db, token);
  if (!row) return null;
  const now = deps.now();
  const idleLimit = row.lastSeenAt.getTime() + deps.config.session.idleMinutes * 60_000;
  if (row.disabled || now.getTime() > idleLimit || now > row.expiresAt) {
    await revokeSession(deps.db, row.sessionId, now);
    return null;
  }
  if (now.getTime() - row.lastSeenAt.getTime() > TOUCH_EVERY_MS) await touchSession(deps.db, row.sessionId, now);
  const memberships = row.isOfficial ? await listMemberships(deps.db, row.accountId) : [];
  return {
    sessionToken: token,
    actor: {
      accountId: row.accountId,
      sessionId: row.sessionId,
      email: row.email,
      displayName: row.displayName,
      locale: row.locale,
      isOfficial: row.isOfficial,
      emailVerified: row.emailVerified,
      totpEnabled: row.totpEnabled,
      mfaPassed: row.mfaPassed,
      memberships,
      ip: request.ip,
    },
  };
}
