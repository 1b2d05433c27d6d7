import type { AppDeps } from '../../app.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { can } from '../../platform/auth/permissions.ts';
import { AppError } from '../../platform/http/errors.ts';

/**
 * Who reads the outbox: an official with `outbox.read` (administrators), or a developer on the
 * unauthenticated /dev pages, which exist only outside production.
 */
export type OutboxViewer = { kind: 'official'; actor: Actor } | { kind: 'developer' };

/** Throws unless the viewer may read the outbox; messages belong to the platform, not to one institution. */
export function assertMayReadOutbox(deps: Pick<AppDeps, 'config'>, viewer: OutboxViewer): void {
  if (viewer.kind === 'developer') {
    if (deps.config.env === 'production') throw new AppError('not_found', 'not_found');
    return;
  }
  if (!can(viewer.actor, 'outbox.read')) throw new AppError('forbidden', 'forbidden');
}

/** In production an administrator sees message links with their secrets hidden (they are the recipient's). */
export function revealsSecrets(deps: Pick<AppDeps, 'config'>, viewer: OutboxViewer): boolean {
  return viewer.kind === 'developer' || deps.config.env !== 'production';
}
