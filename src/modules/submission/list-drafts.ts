import type { AppDeps } from '../../app.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { listOpenDrafts } from './store.ts';

/** The person's requests started and not submitted yet (`/cont/cereri-incepute`). */
export async function listDrafts(deps: AppDeps, actor: Actor) {
  const rows = await listOpenDrafts(deps.db, actor.accountId);
  return rows.map((r) => ({ id: r.id, createdAt: r.createdAt, updatedAt: r.updatedAt, code: r.code, name: r.definition.name, institutionSlug: r.institutionSlug }));
}
