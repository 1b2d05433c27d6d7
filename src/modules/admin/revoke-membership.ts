import type { AppDeps } from '../../app.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { can } from '../../platform/auth/permissions.ts';
import { AppError } from '../../platform/http/errors.ts';
import { revokeAccountSessions } from '../identity/session-store.ts';
import { loadInstitution } from './load-institution.ts';
import { countActiveMemberships, findMembership, markMembershipRevoked } from './store.ts';

/**
 * Takes a role away from an official. Someone left with no role at all is signed out everywhere. An administrator
 * cannot revoke their own membership (the institution would risk having no administrator left).
 */
export async function revokeMembership(deps: Pick<AppDeps, 'db' | 'now'>, input: { actor: Actor; membershipId: string }): Promise<{ displayName: string; role: string }> {
  const { actor } = input;
  const now = deps.now();
  return deps.db.transaction(async (tx) => {
    const m = await findMembership(tx, input.membershipId);
    if (!m || m.revokedAt) throw new AppError('not_found', 'not_found');
    const inst = await loadInstitution(tx, m.institutionId);
    const target = { institutionId: m.institutionId, departmentId: m.departmentId, departmentPath: inst?.pathOf(m.departmentId) ?? null };
    if (!can(actor, 'officials.manage', target)) throw new AppError('not_found', 'not_found');
    if (m.accountId === actor.accountId) throw new AppError('admin.membership.own', 'conflict');
    if (!(await markMembershipRevoked(tx, m.id, now))) throw new AppError('not_found', 'not_found');
    const left = await countActiveMemberships(tx, m.accountId);
    const signedOut = left === 0 ? await revokeAccountSessions(tx, m.accountId, now) : 0;
    await recordAudit(tx, {
      chain: m.institutionId,
      actorId: actor.accountId,
      action: 'official.membership_revoked',
      subjectId: m.accountId,
      entity: 'membership',
      entityId: m.id,
      details: { role: m.role, departmentId: m.departmentId, sessionsRevoked: signedOut },
      ip: actor.ip,
    });
    return { displayName: m.displayName, role: m.role };
  });
}
