import type { AppDeps } from '../../app.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { PLATFORM_CHAIN, recordAudit } from '../../platform/audit/audit.ts';
import { revokeAccountSessions, revokeSession } from './session-store.ts';

/**
 * Ends this session, or every session of the account: `others` keeps the current one (the person stays signed
 * in here), `everywhere` includes it.
 */
export async function signOut(deps: AppDeps, actor: Actor, scope: 'this' | 'others' | 'everywhere'): Promise<number> {
  return deps.db.transaction(async (tx) => {
    const now = deps.now();
    let count = 1;
    if (scope === 'this') await revokeSession(tx, actor.sessionId, now);
    else count = await revokeAccountSessions(tx, actor.accountId, now, scope === 'others' ? actor.sessionId : undefined);
    await recordAudit(tx, {
      chain: PLATFORM_CHAIN,
      actorId: actor.accountId,
      action: scope === 'this' ? 'account.signed_out' : 'account.sessions_revoked',
      subjectId: actor.accountId,
      entity: 'account',
      entityId: actor.accountId,
      details: { scope, count },
      ip: actor.ip,
    });
    return count;
  });
}
