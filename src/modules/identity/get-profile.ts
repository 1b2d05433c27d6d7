import type { AppDeps } from '../../app.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { notFound } from '../../platform/http/errors.ts';
import { identityCache } from './identity-cache.ts';
import { findProfile, listRepresentations, type Profile } from './store.ts';

export type OwnProfile = Profile & { companies: Awaited<ReturnType<typeof listRepresentations>> };

/**
 * The signed-in person's own profile (reading one's own data is not audited: only reads of someone else's are),
 * kept in the identity cache until the account changes.
 */
export async function getProfile(deps: AppDeps, actor: Actor): Promise<OwnProfile> {
  const { value } = await identityCache(deps.database).profile(actor.accountId, async (): Promise<OwnProfile | null> => {
    const profile = await findProfile(deps.db, actor.accountId);
    if (!profile) return null;
    // Shared by every request of this account while cached: nobody may change it.
    const companies = Object.freeze((await listRepresentations(deps.db, actor.accountId)).map((c) => Object.freeze(c)));
    return Object.freeze({ ...profile, companies: companies as OwnProfile['companies'] });
  });
  if (!value) throw notFound();
  return value;
}
