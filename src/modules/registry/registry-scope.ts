import type { AppDeps } from '../../app.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { can } from '../../platform/auth/permissions.ts';
import { AppError } from '../../platform/http/errors.ts';
import type { BlobStore } from '../../platform/storage/blob-store.ts';

/** What the registry's use cases need besides the app: where scans are kept. */
export type RegistryDeps = AppDeps & { blobs: BlobStore };

/**
 * The institution whose register the actor works on: the one asked for, or the first of their memberships that
 * grants `action`. Someone without the grant there is refused (403): the register is not theirs to see.
 */
export function registryInstitution(actor: Actor, action: string, requested?: string | null): string {
  if (requested) {
    if (!can(actor, action, { institutionId: requested })) throw new AppError('forbidden', 'forbidden');
    return requested;
  }
  for (const m of actor.memberships) if (can(actor, action, { institutionId: m.institutionId })) return m.institutionId;
  throw new AppError('forbidden', 'forbidden');
}

export function assertCan(actor: Actor, action: string, institutionId: string): void {
  if (!can(actor, action, { institutionId })) throw new AppError('forbidden', 'forbidden');
}
