import type { AppDeps } from '../../app.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import { can } from '../../platform/auth/permissions.ts';
import { AppError } from '../../platform/http/errors.ts';
import { findAccountByEmail } from './oidc-store.ts';
import { samePerson } from './domain/same-person.ts';
import { findCnpOfAccount, findProfile } from './store.ts';
import { validateCnp } from './domain/registration.ts';
import { verifyPersonCnp } from './verify-person-cnp.ts';

export type ConfirmIdentityInput = { email?: unknown; cnp?: unknown; idDocument?: unknown; checked?: unknown };

const text = (v: unknown) => (typeof v === 'string' ? v.trim() : '');

/**
 * At the counter, an official confirms the identity of a person's account: the person shows their identity document,
 * the official types its CNP and series/number. The CNP on the document becomes the account's verified CNP (a CNP
 * typed at registration is only declared; another account holding it unproved loses it). Audited on the person's
 * record with the document's reference, so the person sees who confirmed it and when. An official cannot confirm their
 * own identity (a colleague does): not on their own account, nor on another account holding — or about to hold — the
 * CNP of their own account's person record.
 */
export async function confirmIdentity(deps: Pick<AppDeps, 'db' | 'now'>, actor: Actor, input: ConfirmIdentityInput): Promise<{ name: string; email: string; replaced: boolean }> {
  const institutionId = actor.memberships.map((m) => m.institutionId).find((id) => can(actor, 'identity.verify', { institutionId: id }));
  if (!institutionId) throw new AppError('forbidden', 'forbidden');
  const fields: Record<string, string> = {};
  const email = text(input.email).toLowerCase();
  if (!email) fields.email = 'identity.confirm.email_required';
  const cnp = validateCnp(input.cnp);
  if (typeof cnp !== 'string') fields.cnp = cnp.error;
  const idDocument = text(input.idDocument).toUpperCase().replace(/\s+/g, ' ');
  if (!/^[A-Z]{2} ?\d{6,9}$/.test(idDocument)) fields.idDocument = 'identity.confirm.id_document_format';
  if (input.checked !== 'da' && input.checked !== true) fields.checked = 'identity.confirm.not_checked';
  if (Object.keys(fields).length) throw new AppError('validation', 'invalid', {}, fields);
  const at = deps.now();
  return deps.db.transaction(async (tx) => {
    const account = await findAccountByEmail(tx, email);
    const profile = account ? await findProfile(tx, account.id) : null;
    if (!account || !profile?.hasPerson) throw new AppError('validation', 'invalid', {}, { email: 'identity.confirm.no_account' });
    // Four eyes: an official's own identity is confirmed by a colleague, never by themselves — nor on a second account.
    const own = samePerson({ accountId: actor.accountId, cnps: [await findCnpOfAccount(tx, actor.accountId)] }, { accountId: account.id, cnps: [cnp as string, profile.cnp] });
    if (own === 'account') throw new AppError('identity.confirm.own_account', 'forbidden', {}, { email: 'identity.confirm.own_account' });
    if (own === 'cnp') throw new AppError('identity.confirm.own_cnp', 'forbidden', {}, { cnp: 'identity.confirm.own_cnp' });
    const outcome = await verifyPersonCnp(tx, { accountId: account.id, cnp: cnp as string, by: `counter:${actor.accountId}`, actorId: actor.accountId, ip: actor.ip, at });
    if (outcome === 'held_by_verified') throw new AppError('validation', 'invalid', {}, { cnp: 'identity.confirm.cnp_verified_elsewhere' });
    await recordAudit(tx, {
      chain: institutionId,
      actorId: actor.accountId,
      action: 'person.identity_checked',
      subjectId: account.id,
      entity: 'account',
      entityId: account.id,
      details: { idDocument, outcome },
      ip: actor.ip,
    });
    return { name: profile.displayName, email: profile.email, replaced: profile.cnp !== null && profile.cnp !== cnp };
  });
}
