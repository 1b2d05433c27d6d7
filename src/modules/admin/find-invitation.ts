import type { AppDeps } from '../../app.ts';
import type { Role } from '../../platform/auth/actor.ts';
import { hashToken } from '../identity/session-store.ts';
import { loadInstitution } from './load-institution.ts';
import { findInvitationByTokenHash, type InvitationRow } from './store.ts';

export type OpenInvitation = {
  email: string;
  displayName: string;
  role: Role;
  institutionName: string;
  departmentName: string | null;
  expiresAt: Date;
};

export function isOpen(inv: InvitationRow | null, now: Date): inv is InvitationRow {
  return Boolean(inv && !inv.acceptedAt && !inv.revokedAt && inv.expiresAt > now);
}

/** What the invitee sees before joining; null when the link is unknown, used, revoked or expired. */
export async function findOpenInvitation(deps: Pick<AppDeps, 'db' | 'now'>, input: { token: string }): Promise<OpenInvitation | null> {
  if (!input.token || input.token.length > 100) return null;
  const inv = await findInvitationByTokenHash(deps.db, hashToken(input.token));
  if (!isOpen(inv, deps.now())) return null;
  const inst = await loadInstitution(deps.db, inv.institutionId);
  if (!inst) return null;
  return {
    email: inv.email,
    displayName: inv.displayName,
    role: inv.role as Role,
    institutionName: inst.institution.name,
    departmentName: inst.departments.find((d) => d.id === inv.departmentId)?.name ?? null,
    expiresAt: inv.expiresAt,
  };
}
