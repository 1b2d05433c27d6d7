import type { Actor, Role } from './actor.ts';

/**
 * Permissions are (action, scope). A role grants an action at a scope; a use case asks whether the actor may
 * act on a target that belongs to an institution / department / account.
 */
export type Scope = 'own' | 'department' | 'institution' | 'all';
export type Target = { institutionId?: string | null; departmentId?: string | null; ownerAccountId?: string | null };

export type Grant = { action: string; scope: Scope };

/** What each official role may do. Areas add their actions here as they are built. */
export const ROLE_GRANTS: Record<Role, Grant[]> = {
  registry_clerk: [],
  inspector: [],
  head_of_department: [],
  director: [],
  secretary_general: [],
  mayor: [],
  deputy_mayor: [],
  archivist: [],
  administrator: [
    { action: 'officials.invite', scope: 'institution' },
    { action: 'officials.manage', scope: 'institution' },
    { action: 'outbox.read', scope: 'institution' },
    { action: 'audit.read', scope: 'institution' },
    { action: 'organisation.manage', scope: 'institution' },
  ],
};

/** Citizens act on their own records only. */
export const CITIZEN_GRANTS: Grant[] = [];

export function can(actor: Actor, action: string, target: Target = {}): boolean {
  if (target.ownerAccountId && target.ownerAccountId === actor.accountId && CITIZEN_GRANTS.some((g) => g.action === action)) return true;
  for (const m of actor.memberships) {
    for (const g of ROLE_GRANTS[m.role] ?? []) {
      if (g.action !== action) continue;
      if (g.scope === 'all') return true;
      if (target.institutionId && target.institutionId !== m.institutionId) continue;
      if (g.scope === 'institution') return true;
      if (g.scope === 'department') {
        if (m.departmentId === null || !target.departmentId || target.departmentId === m.departmentId) return true;
      }
      if (g.scope === 'own' && target.ownerAccountId === actor.accountId) return true;
    }
  }
  return false;
}
