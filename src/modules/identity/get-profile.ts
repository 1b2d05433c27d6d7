import type { AppDeps } from '../../app.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { bucharestDay } from '../../platform/calendar/calendar.ts';
import { notFound } from '../../platform/http/errors.ts';
import { mandateState, mayRenewMandate } from './domain/mandate.ts';
import { identityCache } from './identity-cache.ts';
import { findProfile, listRepresentations, type Profile } from './store.ts';

type Representation = Awaited<ReturnType<typeof listRepresentations>>[number];
/**
 * `status` is the mandate's state today: an approved mandate past its last day is `expired`. `renewable`: its next
 * mandate may be sent now (it ends within MANDATE_RENEWAL_DAYS or has ended, and none is waiting already).
 */
export type OwnProfile = Profile & {
  companies: readonly (Omit<Representation, 'status'> & { status: Representation['status'] | 'expired'; renewable?: boolean })[];
};

/**
 * The signed-in person's own profile (reading one's own data is not audited: only reads of someone else's are),
 * kept in the identity cache until the account changes. Whether each mandate is still in force is decided against
 * today on every call, not cached: a mandate ending at midnight stops on the next request, though nothing changed.
 */
export async function getProfile(deps: AppDeps, actor: Actor): Promise<OwnProfile> {
  const { value } = await identityCache(deps.database).profile(actor.accountId, async (): Promise<OwnProfile | null> => {
    const profile = await findProfile(deps.db, actor.accountId);
    if (!profile) return null;
    // Shared by every request of this account while cached: nobody may change it.
    const companies = Object.freeze((await listRepresentations(deps.db, actor.accountId)).map((c) => Object.freeze(c)));
    return Object.freeze({ ...profile, companies });
  });
  if (!value) throw notFound();
  if (!value.companies.some((c) => c.validUntil !== null)) return value;
  const today = bucharestDay(deps.now());
  // The same object all day for the same cached profile: a page may keep what it rendered from it (RenderedBodies).
  const kept = onDay.get(value);
  if (kept?.day === today) return kept.view;
  const onToday = (c: OwnProfile['companies'][number]) =>
    Object.freeze({ ...c, status: mandateState(c.status, c.validUntil, today), renewable: c.renewalRequestedAt === null && mayRenewMandate(c.status, c.validUntil, today) });
  const view = Object.freeze({ ...value, companies: Object.freeze(value.companies.map(onToday)) });
  onDay.set(value, { day: today, view });
  return view;
}

/** A cached profile's view on a day (its mandates' state that day), kept while the cached profile lives. */
const onDay = new WeakMap<OwnProfile, { day: string; view: OwnProfile }>();
