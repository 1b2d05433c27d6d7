import type { AppDeps } from '../../app.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { can } from '../../platform/auth/permissions.ts';
import { AppError } from '../../platform/http/errors.ts';

/**
 * Who reads the outbox: an official with `outbox.read` (administrators), or a developer on the
 * unauthenticated /dev pages, which exist only outside production.
 */
export type OutboxViewer = { kind: 'official'; actor: Actor } | { kind: 'developer' };

/**
 * The institutions whose messages the viewer reads: each message belongs to the institution that sent it (account
 * e-mails to the deployment's own institution), so an administrator of one institution never reads another's
 * citizens' e-mails. The developer's view (development only) reads everything.
 */
export function outboxInstitutionsOf(viewer: OutboxViewer): string[] | 'all' {
  if (viewer.kind === 'developer') return 'all';
  return [...new Set(viewer.actor.memberships.map((m) => m.institutionId))].filter((id) => can(viewer.actor, 'outbox.read', { institutionId: id }));
}

/** Throws unless the viewer may read the outbox (of at least one institution). */
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
