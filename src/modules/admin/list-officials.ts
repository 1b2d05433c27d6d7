import type { AppDeps } from '../../app.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { can } from '../../platform/auth/permissions.ts';
import { AppError } from '../../platform/http/errors.ts';
import { loadInstitution } from './load-institution.ts';
import { type InvitationRow, listActiveMemberships, listPendingInvitations, type OfficialRow } from './store.ts';

export type OfficialsList = {
  institutionId: string;
  institutionName: string;
  officials: OfficialRow[];
  /** Pending invitations; only for those who may invite. */
  invitations: (InvitationRow & { departmentName: string | null })[];
  canInvite: boolean;
  canManage: boolean;
};

/**
 * The officials of an institution that the actor may see: administrators, the mayor and the secretary see all,
 * heads of department and directors those of their department and the ones below it. Audited: it shows
 * names and email addresses.
 */
export async function listOfficials(deps: Pick<AppDeps, 'db' | 'now'>, input: { actor: Actor; institutionId: string }): Promise<OfficialsList> {
  const { actor, institutionId } = input;
  if (!can(actor, 'officials.read', { institutionId })) throw new AppError('forbidden', 'forbidden');
  return deps.db.transaction(async (tx) => {
    const inst = await loadInstitution(tx, institutionId);
    if (!inst) throw new AppError('not_found', 'not_found');
    const all = await listActiveMemberships(tx, institutionId);
    const officials = all.filter((o) => can(actor, 'officials.read', { institutionId, departmentId: o.departmentId, departmentPath: inst.pathOf(o.departmentId) }));
    const canInvite = can(actor, 'officials.invite', { institutionId });
    const invitations = canInvite ? await listPendingInvitations(tx, institutionId, deps.now()) : [];
    await recordAudit(tx, {
      chain: institutionId,
      actorId: actor.accountId,
      action: 'officials.viewed',
      entity: 'institution',
      entityId: institutionId,
      details: { officials: officials.length, invitations: invitations.length },
      ip: actor.ip,
    });
    return {
      institutionId,
      institutionName: inst.institution.name,
      officials,
      invitations,
      canInvite,
      canManage: can(actor, 'officials.manage', { institutionId }),
    };
  });
}
