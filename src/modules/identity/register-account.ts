import { randomUUID } from 'node:crypto';
import type { AppDeps } from '../../app.ts';
import type { Executor } from '../../db/database.ts';
import { PLATFORM_CHAIN, recordAudit } from '../../platform/audit/audit.ts';
import { hashPassword } from '../../platform/auth/password.ts';
import type { BlobStore } from '../../platform/storage/blob-store.ts';
import { issueAccountLink } from './account-tokens.ts';
import type { Mandate } from './check-mandate.ts';
import type { CompanyDetails, PersonDetails } from './domain/registration.ts';
import { recordRepresentationRequest } from './request-representation.ts';
import { type AccountForSignIn, findAccountByEmail, findAccountIdByCnp, findProfile, insertAccount, insertPerson } from './store.ts';
import { TEMPLATES } from './templates.ts';
import { countTry, enforceLimit } from './rate-limit.ts';
import { addressBucket } from '../../platform/ids/address-bucket.ts';

/** A repeated submission (same e-mail and CNP) within this window is the same registration (a double click, a retried POST). */
const REPLAY_WINDOW_MS = 15 * 60_000;
/** "Someone tried to register with your address / CNP" e-mails to one address an hour, at most (then silently none). */
const ATTEMPT_MAILS_PER_ADDRESS_PER_HOUR = 3;

export type RegisterAccountInput = {
  person: PersonDetails;
  company?: { details: CompanyDetails; mandate: Mandate };
  locale: 'ro' | 'en';
  ip: string | null;
  /** A path of this site the newcomer was heading to (already checked safe): the confirmation link leads back there. */
  next?: string | null;
};

/**
 * Creates a citizen account (and, for a company, a pending representation under the uploaded mandate), audits it
 * and emails a verification link — all in one transaction — or, when the e-mail or the CNP already has an account,
 * creates nothing and tells the owners by e-mail (see `tellOwners`).
 *
 * It returns nothing on purpose: the caller answers "check your e-mail" in every case, so the registration form is
 * no way to learn whether an address or a CNP has an account. Only the mailbox learns it. The new account is not
 * signed in: a session handed to newcomers only would give the answer away; the confirmation link leads on.
 */
export async function registerAccount(deps: AppDeps & { blobs: BlobStore }, input: RegisterAccountInput): Promise<void> {
  // Every attempt counts, whatever its outcome: even probing through one's own mailbox stays slow.
  await enforceLimit(deps.db, [`register-ip:${addressBucket(input.ip)}`], { limit: deps.config.limits.registrationsPerHour, windowMinutes: 60 }, deps.now());
  // Hashed before anything is looked up: every outcome pays this cost, by far the largest part of the answer's time.
  const passwordHash = await hashPassword(input.person.password);
  const existing = await findExisting(deps, input);
  if (existing) return tellOwners(deps, input, existing);

  // Content-addressed: storing before the transaction can at worst leave an unreferenced blob, never a dangling hash.
  const mandateSha = input.company ? await deps.blobs.put(input.company.mandate.bytes) : null;
  const accountId = randomUUID();
  const now = deps.now();
  const { person: p } = input;
  const displayName = `${p.firstName} ${p.lastName}`;
  try {
    await deps.db.transaction(async (tx) => {
      await insertAccount(tx, { id: accountId, email: p.email, passwordHash, displayName, phone: p.phone, locale: input.locale, now });
      await insertPerson(tx, { accountId, cnp: p.cnp, firstName: p.firstName, lastName: p.lastName });
      await recordAudit(tx, {
        chain: PLATFORM_CHAIN,
        actorId: accountId,
        action: 'account.registered',
        subjectId: accountId,
        entity: 'account',
        entityId: accountId,
        details: { kind: input.company ? 'company_representative' : 'person' },
        ip: input.ip,
      });
      if (input.company && mandateSha) {
        await recordRepresentationRequest(tx, {
          accountId,
          company: input.company.details,
          mandateSha256: mandateSha,
          mandateFilename: input.company.mandate.filename,
          ip: input.ip,
          now,
        });
      }
      const link = await issueAccountLink(tx, deps, accountId, 'verify_email');
      const url = input.next ? `${link}&next=${encodeURIComponent(input.next)}` : link;
      await deps.notifier.enqueue(tx, {
        template: TEMPLATES.verifyEmail,
        to: { accountId, email: p.email, locale: input.locale },
        data: { name: displayName, url },
      });
    });
  } catch (err) {
    // Two submissions racing (a double click): the unique indexes let one through; the other is answered like any
    // registration whose e-mail or CNP has an account by now.
    if (!isUniqueViolation(err)) throw err;
    const again = await findExisting(deps, input);
    if (!again) throw err;
    return tellOwners(deps, input, again);
  }
}

type Existing = { byEmail: AccountForSignIn | null; cnpOwner: string | null; replay: boolean };

async function findExisting(deps: AppDeps, input: RegisterAccountInput): Promise<Existing | null> {
  const { person: p } = input;
  const byEmail = await findAccountByEmail(deps.db, p.email);
  const cnpOwner = await findAccountIdByCnp(deps.db, p.cnp);
  if (!byEmail && !cnpOwner) return null;
  // The same e-mail and CNP as an account created moments ago: the same form sent twice. Its confirmation e-mail
  // is on its way; a second message would only confuse.
  const replay = Boolean(byEmail && cnpOwner === byEmail.id && deps.now().getTime() - byEmail.createdAt.getTime() < REPLAY_WINDOW_MS);
  return { byEmail, cnpOwner, replay };
}

/**
 * No second account; the owners learn by e-mail what happened, and the person who filled the form is guided there:
 * - the e-mail has an account: its owner (perhaps someone who forgot they registered) gets "you already have an
 *   account", with the links to sign in and to choose a new password;
 * - the CNP has an account under another e-mail: a CNP is one person, who has one account, so none is created. Its
 *   owner is told someone tried to register with their CNP (and to contact the city hall if it was not them); the
 *   address typed in the form is told that CNP already has an account under another address — sign in with that
 *   one, or come to the city hall with an identity document to regain it. That tells the owner of the typed
 *   mailbox nothing that the missing confirmation e-mail would not tell them anyway, and it guides a person who
 *   changed their address. It never names the other address.
 * Each address gets at most a few of these an hour, silently, so the form cannot be used to flood a mailbox.
 */
async function tellOwners(deps: AppDeps, input: RegisterAccountInput, existing: Existing): Promise<void> {
  if (existing.replay) return;
  const { person: p } = input;
  const { byEmail, cnpOwner } = existing;
  const now = deps.now();
  const links = { signInUrl: `${deps.config.baseUrl}/autentificare`, resetUrl: `${deps.config.baseUrl}/parola-uitata` };
  const mayMail = async (tx: Executor, email: string) =>
    (await countTry(tx, `register-mail:${email.toLowerCase()}`, now, new Date(now.getTime() - 3600_000))) <= ATTEMPT_MAILS_PER_ADDRESS_PER_HOUR;
  await deps.db.transaction(async (tx) => {
    const refused = async (accountId: string, because: 'email' | 'cnp') =>
      recordAudit(tx, {
        chain: PLATFORM_CHAIN,
        actorId: null,
        action: 'account.registration_refused',
        subjectId: accountId,
        entity: 'account',
        entityId: accountId,
        details: { because },
        ip: input.ip,
      });
    if (byEmail) {
      await refused(byEmail.id, 'email');
      // A disabled account's owner cannot sign in; the city hall that disabled it is the way back.
      if (!byEmail.disabled && (await mayMail(tx, byEmail.email))) {
        await deps.notifier.enqueue(tx, {
          template: TEMPLATES.accountExists,
          to: { accountId: byEmail.id, email: byEmail.email, locale: byEmail.locale },
          data: { name: byEmail.displayName, ...links },
        });
      }
    }
    if (cnpOwner && cnpOwner !== byEmail?.id) {
      await refused(cnpOwner, 'cnp');
      const owner = await findProfile(tx, cnpOwner);
      if (owner && (await mayMail(tx, owner.email))) {
        await deps.notifier.enqueue(tx, {
          template: TEMPLATES.cnpAttempt,
          to: { accountId: cnpOwner, email: owner.email, locale: owner.locale },
          data: { name: owner.displayName, ...links },
        });
      }
      if (!byEmail && (await mayMail(tx, p.email))) {
        await deps.notifier.enqueue(tx, {
          template: TEMPLATES.cnpTaken,
          to: { email: p.email, locale: input.locale },
          data: { name: `${p.firstName} ${p.lastName}`, signInUrl: links.signInUrl, contactUrl: `${deps.config.baseUrl}/contact` },
        });
      }
    }
  });
}

function isUniqueViolation(err: unknown): boolean {
  for (let e: unknown = err, i = 0; e && i < 4; e = (e as { cause?: unknown }).cause, i++) {
    if ((e as { code?: string }).code === '23505') return true;
  }
  return false;
}
