import type { FastifyRequest } from 'fastify';
import { type AppDeps, SESSION_COOKIE } from '../../app.ts';
import type { Actor, Membership } from '../../platform/auth/actor.ts';
import { identityCache } from './identity-cache.ts';
import { findLiveSession, hashToken, listMemberships, revokeSession, type SessionRow, touchSession } from './session-store.ts';
import { endTimedOutSession } from './unsent-form-store.ts';

/** Writing last_seen on every request would cost a write per page; a minute's precision is enough for the idle timeout. */
const TOUCH_EVERY_MS = 60_000;

type LiveSession = SessionRow & { memberships: Membership[] };

async function loadSession(deps: AppDeps, sessionId: string): Promise<LiveSession | null> {
  const row = await findLiveSession(deps.db, sessionId);
  if (!row) return null;
  const memberships = row.isOfficial ? await listMemberships(deps.db, row.accountId) : [];
  // Shared by every request of this session while cached: nobody may change them.
  return { ...row, memberships: Object.freeze(memberships.map((m) => Object.freeze(m))) as Membership[] };
}

/**
 * Finds the live session behind the cookie: from the identity cache when this process has read it since it last
 * changed, else from the database. A session past its idle or absolute timeout is revoked here, so the next
 * request is anonymous.
 */
export async function resolveActor(request: FastifyRequest, deps: AppDeps): Promise<{ actor: Actor; sessionToken: string } | null> {
  const token = request.cookies[SESSION_COOKIE];
  if (!token || token.length > 100) return null;
  const sessionId = hashToken(token);
  const cache = identityCache(deps.database);
  let { value: row, cached } = await cache.session(sessionId, () => loadSession(deps, sessionId));
  if (!row) return null;
  const now = deps.now();
  const expired = (r: LiveSession) => r.disabled || now.getTime() > r.lastSeenAt.getTime() + deps.config.session.idleMinutes * 60_000 || now > r.expiresAt;
  if (expired(row) && cached) {
    // Another process may have seen this session more recently than the copy in memory.
    cache.forgetSession(sessionId);
    ({ value: row } = await cache.session(sessionId, () => loadSession(deps, sessionId)));
    if (!row) return null;
  }
  if (expired(row)) {
    // Its time limit, not a sign-out: a page sent now is kept for the next sign-in (keep-unsent-form.ts).
    if (row.disabled) await revokeSession(deps.db, row.sessionId, now);
    else await endTimedOutSession(deps.db, row.sessionId, now);
    return null;
  }
  if (now.getTime() - row.lastSeenAt.getTime() > TOUCH_EVERY_MS && !request.routeOptions.config?.passiveSession) {
    await touchSession(deps.db, row.sessionId, now);
    row.lastSeenAt = now;
  }
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
      memberships: row.memberships,
      ip: request.ip,
    },
  };
}
