import type { Actor } from '../../platform/auth/actor.ts';
import { can } from '../../platform/auth/permissions.ts';
import { AppError } from '../../platform/http/errors.ts';

/** Editing an institution's catalogue needs `catalog.manage` in that institution (its administrators). */
export function assertCanManageCatalog(actor: Actor, institutionId: string): void {
  if (!can(actor, 'catalog.manage', { institutionId })) throw new AppError('forbidden', 'forbidden');
}

/** The institutions whose catalogue the actor may edit, in the order of their memberships. */
export function catalogInstitutionsOf(actor: Actor): string[] {
  const ids: string[] = [];
  for (const m of actor.memberships) {
    if (!ids.includes(m.institutionId) && can(actor, 'catalog.manage', { institutionId: m.institutionId })) ids.push(m.institutionId);
  }
  return ids;
}
