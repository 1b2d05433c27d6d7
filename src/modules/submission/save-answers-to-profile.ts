import type { AppDeps } from '../../app.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { normaliseRoPhone } from '../identity/domain/phone.ts';
import { updateProfile } from '../identity/update-profile.ts';
import { type ProfileOffer, profileOffer } from './domain/prefill.ts';
import { getSubmittedCase } from './get-submitted-case.ts';
import { loadProfileFacts } from './start-draft.ts';

/**
 * What the applicant's own submitted request could give their profile (an address, a phone number it lacks or
 * knows differently), for the next request not to ask it again. Null when nothing; someone else's case answers 404.
 */
export async function findProfileOffer(deps: AppDeps, actor: Actor, caseId: string): Promise<ProfileOffer | null> {
  const c = await getSubmittedCase(deps, actor, caseId);
  // The person's own facts: an address or phone typed for a company's request is still the person's to keep or not.
  return profileOffer(c.definition.form, c.answers, await loadProfileFacts(deps, actor, null), normaliseRoPhone);
}

/**
 * Saves into the profile what `findProfileOffer` offers, read again from the case (never from the page, so a
 * tampered form cannot write anything else), through the profile's own use case (validated, audited).
 */
export async function saveAnswersToProfile(deps: AppDeps, actor: Actor, caseId: string): Promise<{ saved: (keyof ProfileOffer)[] }> {
  const offer = await findProfileOffer(deps, actor, caseId);
  if (!offer) return { saved: [] };
  await updateProfile(deps, actor, offer);
  return { saved: (Object.keys(offer) as (keyof ProfileOffer)[]).filter((k) => offer[k] !== undefined) };
}
