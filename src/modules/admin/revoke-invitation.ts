import type { AppDeps } from '../../app.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { can } from '../../platform/auth/permissions.ts';
import { AppError } from '../../platform/http/errors.ts';
import { loadInstitution } from './load-institution.ts';
import { findInvitation, markInvitationRevoked } from './store.ts';

/** Cancels a pending invitation: its link stops working. Another institution's invitation answers 404. */
export async function revokeInvitation(deps: Pick<AppDeps, 'db' | 'now'>, input: { actor: Actor; invitationId: string }): Promise<{ email: string }> {
  const { actor } = input;
  return deps.db.transaction(async (tx) => {
    const inv = await findInvitation(tx, input.invitationId);
    if (!inv) throw new AppError('not_found', 'not_found');
    const inst = await loadInstitution(tx, inv.institutionId);
    const target = { institutionId: inv.institutionId, departmentId: inv.departmentId, departmentPath: inst?.pathOf(inv.departmentId) ?? null };
    if (!can(actor, 'officials.invite', target)) throw new AppError('not_found', 'not_found');
    if (inv.acceptedAt) throw new AppError('admin.invitation.already_accepted', 'conflict');
    if (!inv.revokedAt) {
      await markInvitationRevoked(tx, inv.id, deps.now());
      await recordAudit(tx, {
        chain: inv.institutionId,
        actorId: actor.accountId,
        action: 'official.invitation_revoked',
        entity: 'invitation',
        entityId: inv.id,
        details: { email: inv.email },
        ip: actor.ip,
      });
    }
    return { email: inv.email };
  });
}
