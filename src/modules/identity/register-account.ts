import { randomUUID } from 'node:crypto';
import type { AppDeps } from '../../app.ts';
import type { Executor, Tx } from '../../db/database.ts';
import { PLATFORM_CHAIN, recordAudit } from '../../platform/audit/audit.ts';
import { hashPassword } from '../../platform/auth/password.ts';
import type { BlobStore } from '../../platform/storage/blob-store.ts';
import { issueAccountLink } from './account-tokens.ts';
import type { Mandate } from './check-mandate.ts';
import type { CompanyDetails, PersonDetails } from './domain/registration.ts';
import { recordRepresentationRequest } from './request-representation.ts';
import { type AccountForSignIn, findAccountByEmail, findCnpDeclarers, insertAccount, insertPerson } from './store.ts';
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
 * and emails a verification link — all in one transaction — or, when the e-mail already has an account, creates
 * nothing and tells its owner by e-mail (see `tellOwner`).
 *
 * The CNP typed here is only declared (migration 0053): any number of accounts may declare one, so someone who typed
 * another person's CNP first does not lock that person out of their own. Whoever else holds the CNP is told by
 * e-mail (see `tellOtherDeclarers`); ROeID or the registry confirms it for one account and takes it off the others,
 * and until then the services that need a confirmed identity refuse them all.
 *
 * It returns nothing on purpose: the caller answers "check your e-mail" in every case, and the typed mailbox gets the
 * same confirmation link whoever else holds the CNP, so neither the form nor the mailbox is a way to learn whether an
 * address or a CNP has an account. The new account is not signed in: a session handed to newcomers only would give
 * the answer away; the confirmation link leads on.
 */
export async function registerAccount(deps: AppDeps & { blobs: BlobStore }, input: RegisterAccountInput): Promise<void> {
  // Every attempt counts, whatever its outcome: even probing through one's own mailbox stays slow.
  await enforceLimit(deps.db, [`register-ip:${addressBucket(input.ip)}`], { limit: deps.config.limits.registrationsPerHour, windowMinutes: 60 }, deps.now());
  // Hashed before anything is looked up: every outcome pays this cost, by far the largest part of the answer's time.
  const passwordHash = await hashPassword(input.person.password);
  const existing = await findAccountByEmail(deps.db, input.person.email);
  if (existing) return tellOwner(deps, input, existing);

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
      await tellOtherDeclarers(tx, deps, input, accountId);
    });
  } catch (err) {
    // Two submissions racing (a double click): the unique index on the e-mail lets one through; the other is
    // answered like any registration whose e-mail has an account by now.
    if (!isUniqueViolation(err)) throw err;
    const again = await findAccountByEmail(deps.db, p.email);
    if (!again) throw err;
    return tellOwner(deps, input, again);
  }
}

const mayMail = async (tx: Executor, email: string, now: Date) =>
  (await countTry(tx, `register-mail:${email.toLowerCase()}`, now, new Date(now.getTime() - 3600_000))) <= ATTEMPT_MAILS_PER_ADDRESS_PER_HOUR;

/**
 * No second account for an address: its owner (perhaps someone who forgot they registered) gets "you already have an
 * account", with the links to sign in and to choose a new password — unless this is the same form sent again moments
 * after it created the account (same e-mail and CNP): its confirmation e-mail is on its way, a second would confuse.
 */
async function tellOwner(deps: AppDeps, input: RegisterAccountInput, byEmail: AccountForSignIn): Promise<void> {
  const now = deps.now();
  const replay =
    now.getTime() - byEmail.createdAt.getTime() < REPLAY_WINDOW_MS && (await findCnpDeclarers(deps.db, input.person.cnp)).some((d) => d.accountId === byEmail.id);
  if (replay) return;
  const links = { signInUrl: `${deps.config.baseUrl}/autentificare`, resetUrl: `${deps.config.baseUrl}/parola-uitata` };
  await deps.db.transaction(async (tx) => {
    await recordAudit(tx, {
      chain: PLATFORM_CHAIN,
      actorId: null,
      action: 'account.registration_refused',
      subjectId: byEmail.id,
      entity: 'account',
      entityId: byEmail.id,
      details: { because: 'email' },
      ip: input.ip,
    });
    // A disabled account's owner cannot sign in; the city hall that disabled it is the way back.
    if (!byEmail.disabled && (await mayMail(tx, byEmail.email, now))) {
      await deps.notifier.enqueue(tx, {
        template: TEMPLATES.accountExists,
        to: { accountId: byEmail.id, email: byEmail.email, locale: byEmail.locale },
        data: { name: byEmail.displayName, ...links },
      });
    }
  });
}

/**
 * The other accounts holding the new account's CNP learn it on their access log and by e-mail (a few an hour): the
 * one with it confirmed, that another account declared it and cannot use it; the ones that only declared it, that
 * confirming their identity settles whose it is. Nothing reaches the newcomer: their mailbox gets the same
 * confirmation link as for a CNP no one holds.
 */
async function tellOtherDeclarers(tx: Tx, deps: AppDeps, input: RegisterAccountInput, accountId: string): Promise<void> {
  const now = deps.now();
  const others = (await findCnpDeclarers(tx, input.person.cnp)).filter((d) => d.accountId !== accountId);
  for (const other of others) {
    await recordAudit(tx, {
      chain: PLATFORM_CHAIN,
      actorId: null,
      action: 'person.cnp_declared_elsewhere',
      subjectId: other.accountId,
      entity: 'account',
      entityId: other.accountId,
      details: { confirmed: other.verified },
      ip: input.ip,
    });
    if (other.disabled || !(await mayMail(tx, other.email, now))) continue;
    await deps.notifier.enqueue(tx, {
      template: other.verified ? TEMPLATES.cnpDeclaredConfirmed : TEMPLATES.cnpDeclared,
      to: { accountId: other.accountId, email: other.email, locale: other.locale },
      data: { name: other.displayName, signInUrl: `${deps.config.baseUrl}/autentificare`, contactUrl: `${deps.config.baseUrl}/contact` },
    });
  }
}

function isUniqueViolation(err: unknown): boolean {
  for (let e: unknown = err, i = 0; e && i < 4; e = (e as { cause?: unknown }).cause, i++) {
    if ((e as { code?: string }).code === '23505') return true;
  }
  return false;
}
