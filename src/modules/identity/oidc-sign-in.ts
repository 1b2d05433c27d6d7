import { randomUUID } from 'node:crypto';
import type { AppDeps } from '../../app.ts';
import type { Tx } from '../../db/database.ts';
import { PLATFORM_CHAIN, recordAudit } from '../../platform/audit/audit.ts';
import { AppError } from '../../platform/http/errors.ts';
import type { OidcClaims } from './oidc-claims.ts';
import {
  findAccountByEmail,
  findAccountById,
  findAccountByOidcIdentity,
  insertOidcIdentity,
  insertOidcPersonAccount,
  isCnpConfirmed,
  type OidcAccount,
} from './oidc-store.ts';
import { insertSession } from './session-store.ts';
import { findPersonCnp } from './store.ts';
import { verifyPersonCnp } from './verify-person-cnp.ts';

export type OidcSignInResult = {
  accountId: string;
  sessionToken: string;
  /** How the identity met an account: already linked, linked now by verified email, or a new account. */
  outcome: 'existing' | 'linked' | 'created';
  /** What the person must still do: nothing, give their TOTP code, or set up two-factor (officials). */
  next: 'done' | 'second_factor' | 'set_up_second_factor';
};

/**
 * Signs a person in from the claims an identity provider asserted. The provider's (issuer, subject) finds a
 * linked account; else the account of the citizen who started the sign-in while signed in (`linkTo`) is linked to
 * it, whatever e-mail the provider knows them by; else an account whose email both sides have verified is linked to
 * it; else a new person account is created. The provider counts as the authentication for citizens; officials still give their
 * own second factor, whatever the provider asserts. Whichever way it meets an account, a provider's CNP never replaces
 * one the account holds as confirmed: the sign-in is refused (audited), and the person is told to go to the registry.
 */
export async function signInWithOidc(
  deps: AppDeps,
  input: { issuer: string; claims: OidcClaims; locale: 'ro' | 'en'; ip: string | null; userAgent: string | null; linkTo?: string | null },
): Promise<OidcSignInResult> {
  const { issuer, claims } = input;
  const now = deps.now();
  const result = await deps.db.transaction(async (tx): Promise<OidcSignInResult | { refused: string }> => {
    let outcome: OidcSignInResult['outcome'] = 'existing';
    let found = await findAccountByOidcIdentity(tx, issuer, claims.subject);
    const signedIn = !found && input.linkTo ? await findAccountById(tx, input.linkTo) : null;
    if (signedIn && !signedIn.isOfficial) {
      // A session left open is not a way to take over the account, nor to replace its person.
      if (await confirmedForAnother(tx, signedIn.id, claims)) return refuse(tx, input, signedIn.id, 'oidc.other_person', 'signed_in');
      found = await link(tx, signedIn, input, now, 'signed_in');
      outcome = 'linked';
    } else if (!found) {
      const byEmail = claims.email ? await findAccountByEmail(tx, claims.email) : null;
      if (byEmail) {
        // Linking on an unverified address on either side would let someone claim another person's account.
        if (!claims.emailVerified || !byEmail.emailVerified) throw new AppError('oidc.email_in_use', 'conflict');
        // A shared or inherited mailbox is not proof of being the person whose identity the account confirmed.
        if (await confirmedForAnother(tx, byEmail.id, claims)) return refuse(tx, input, byEmail.id, 'oidc.email_other_person', 'verified_email');
        found = await link(tx, byEmail, input, now, 'verified_email');
        outcome = 'linked';
      } else {
        found = await createAccount(tx, input, now);
        outcome = 'created';
      }
    }
    if (found.disabled) throw new AppError('oidc.account_disabled', 'forbidden');
    // Linked earlier, and the registry has since confirmed another CNP from the person's identity card: the registry's
    // word stands until it corrects it.
    if (outcome === 'existing' && (await confirmedForAnother(tx, found.id, claims))) return refuse(tx, input, found.id, 'oidc.other_person', 'linked');
    // The provider vouches for the CNP (ROeID: eIDAS level substantial): the person's identity is verified.
    if (claims.cnp) await verifyPersonCnp(tx, { accountId: found.id, cnp: claims.cnp, by: `oidc:${issuer}`, actorId: found.id, ip: input.ip, at: now });
    const mfaPassed = !found.isOfficial;
    const sessionToken = await insertSession(tx, {
      accountId: found.id,
      mfaPassed,
      ip: input.ip,
      userAgent: input.userAgent,
      absoluteHours: deps.config.session.absoluteHours,
      now,
    });
    await audit(tx, input, found.id, 'account.signed_in', { method: 'oidc', issuer, mfaPassed });
    return {
      accountId: found.id,
      sessionToken,
      outcome,
      next: mfaPassed ? 'done' : found.totpEnabled ? 'second_factor' : 'set_up_second_factor',
    };
  });
  // Thrown after the commit, so the refusal stays on the account's record.
  if ('refused' in result) throw new AppError(result.refused, 'conflict');
  return result;
}

type Input = Parameters<typeof signInWithOidc>[1];

/** The account's identity is confirmed (by ROeID or the registry) for another CNP than the one the provider asserts. */
async function confirmedForAnother(tx: Tx, accountId: string, claims: OidcClaims): Promise<boolean> {
  if (!claims.cnp) return false;
  const own = await findPersonCnp(tx, accountId);
  return Boolean(own?.verified && own.cnp !== null && own.cnp !== claims.cnp);
}

/**
 * A confirmed identity is never replaced by a sign-in: the provider's identity is not linked and nothing in the account
 * changes; the attempt goes on the account's record (the person sees it in their access log; the registry, asked to
 * sort it out, finds it). Neither CNP is written there: the account holder would read the other person's.
 */
async function refuse(tx: Tx, input: Input, accountId: string, code: string, by: 'signed_in' | 'verified_email' | 'linked') {
  await recordAudit(tx, {
    chain: PLATFORM_CHAIN,
    actorId: by === 'verified_email' ? null : accountId,
    action: 'account.oidc_refused_other_person',
    subjectId: accountId,
    entity: 'account',
    entityId: accountId,
    details: { issuer: input.issuer, subject: input.claims.subject, by },
    ip: input.ip,
  });
  return { refused: code };
}

async function link(tx: Tx, target: OidcAccount, input: Input, now: Date, by: 'verified_email' | 'signed_in'): Promise<OidcAccount> {
  const linked = await insertOidcIdentity(tx, { id: randomUUID(), accountId: target.id, issuer: input.issuer, subject: input.claims.subject, now });
  if (!linked) throw new AppError('conflict', 'conflict');
  await audit(tx, input, target.id, 'account.oidc_linked', { issuer: input.issuer, by });
  return target;
}

async function createAccount(tx: Tx, input: Input, now: Date): Promise<OidcAccount> {
  const { claims } = input;
  if (!claims.email) throw new AppError('oidc.email_missing', 'invalid');
  const id = randomUUID();
  const firstName = claims.givenName ?? '';
  const lastName = claims.familyName ?? '';
  const displayName = [firstName, lastName].filter(Boolean).join(' ') || claims.name || claims.email;
  const cnp = claims.cnp && !(await isCnpConfirmed(tx, claims.cnp)) ? claims.cnp : null;
  await insertOidcPersonAccount(tx, {
    id,
    email: claims.email,
    emailVerifiedAt: claims.emailVerified ? now : null,
    displayName,
    locale: input.locale,
    firstName,
    lastName,
    cnp,
    now,
  });
  if (!(await insertOidcIdentity(tx, { id: randomUUID(), accountId: id, issuer: input.issuer, subject: claims.subject, now }))) {
    throw new AppError('conflict', 'conflict');
  }
  await audit(tx, input, id, 'account.registered', { method: 'oidc', issuer: input.issuer, emailVerified: claims.emailVerified, cnp: Boolean(cnp) });
  return { id, emailVerified: claims.emailVerified, isOfficial: false, totpEnabled: false, disabled: false };
}

function audit(tx: Tx, input: Input, accountId: string, action: string, details: Record<string, unknown>) {
  return recordAudit(tx, {
    chain: PLATFORM_CHAIN,
    actorId: accountId,
    action,
    subjectId: accountId,
    entity: 'account',
    entityId: accountId,
    details,
    ip: input.ip,
  });
}
