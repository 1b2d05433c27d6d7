import type { AppDeps } from '../../app.ts';
import type { Tx } from '../../db/database.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { insertSession, markSessionMfaPassed, revokeSession } from './session-store.ts';

/**
 * The session is fully signed in from now on: it passes the second factor and gets a new token (the old one
 * is revoked), so a token seen before the second factor — e.g. fixed by an attacker — is worth nothing after it.
 */
export async function rotateSessionPassingSecondFactor(tx: Tx, deps: Pick<AppDeps, 'config' | 'now'>, actor: Actor, userAgent: string | null): Promise<string> {
  const now = deps.now();
  await markSessionMfaPassed(tx, actor.sessionId);
  await revokeSession(tx, actor.sessionId, now);
  return insertSession(tx, {
    accountId: actor.accountId,
    mfaPassed: true,
    ip: actor.ip,
    userAgent,
    absoluteHours: deps.config.session.absoluteHours,
    now,
  });
}
