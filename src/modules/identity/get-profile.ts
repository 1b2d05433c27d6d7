import type { AppDeps } from '../../app.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { notFound } from '../../platform/http/errors.ts';
import { findProfile, listRepresentations, type Profile } from './store.ts';

export type OwnProfile = Profile & { companies: Awaited<ReturnType<typeof listRepresentations>> };

/** The signed-in person's own profile (reading one's own data is not audited: only reads of someone else's are). */
export async function getProfile(deps: AppDeps, actor: Actor): Promise<OwnProfile> {
  const profile = await findProfile(deps.db, actor.accountId);
  if (!profile) throw notFound();
  return { ...profile, companies: await listRepresentations(deps.db, actor.accountId) };
}
