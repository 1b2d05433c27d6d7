import type { AppDeps } from '../../app.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { AppError } from '../../platform/http/errors.ts';
import { matchesSearch } from '../catalog/domain/service-definition.ts';
import { findPublishedByCode, listPublished, type PublishedService } from '../catalog/store.ts';
import { assertCan } from '../registry/registry-scope.ts';

const byName = new Intl.Collator('ro');

/**
 * The published services a clerk can file at the counter, in alphabetical order of their Romanian names (how the
 * clerk looks for them), optionally filtered by a search (diacritics ignored).
 */
export async function listCounterServices(deps: Pick<AppDeps, 'db'>, input: { actor: Actor; institutionId: string; query?: string }): Promise<PublishedService[]> {
  assertCan(input.actor, 'assisted.submit', input.institutionId);
  const all = (await listPublished(deps.db, input.institutionId)).sort((a, b) => byName.compare(a.definition.name.ro, b.definition.name.ro));
  return input.query ? all.filter((s) => matchesSearch(s.definition, input.query!)) : all;
}

/** One published service of the institution by code; 404 when it is not (or no longer) published. */
export async function getCounterService(deps: Pick<AppDeps, 'db'>, input: { actor: Actor; institutionId: string; code: string }): Promise<PublishedService> {
  assertCan(input.actor, 'assisted.submit', input.institutionId);
  const s = await findPublishedByCode(deps.db, input.institutionId, input.code);
  if (!s) throw new AppError('assisted.service_not_found', 'not_found');
  return s;
}
