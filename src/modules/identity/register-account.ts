import { randomUUID } from 'node:crypto';
import type { AppDeps } from '../../app.ts';
import type { Executor } from '../../db/database.ts';
import { PLATFORM_CHAIN, recordAudit } from '../../platform/audit/audit.ts';
import { hashPassword, verifyPassword } from '../../platform/auth/password.ts';
import { AppError } from '../../platform/http/errors.ts';
import type { BlobStore } from '../../platform/storage/blob-store.ts';
import { issueAccountLink } from './account-tokens.ts';
import type { CompanyDetails, PersonDetails } from './domain/registration.ts';
import {
  findAccountByEmail,
  findAccountIdByCnp,
  findCompanyIdByCui,
  insertAccount,
  insertCompany,
  insertPerson,
  insertRepresentative,
} from './store.ts';
import { insertSession } from './session-store.ts';
import { TEMPLATES } from './templates.ts';
import { enforceLimit } from './rate-limit.ts';

/** A repeated identical submission within this window is the same registration (a double click, a retried POST). */
const REPLAY_WINDOW_MS = 15 * 60_000;

export type Mandate = { bytes: Uint8Array; filename: string };

export type RegisterAccountInput = {
  person: PersonDetails;
  company?: { details: CompanyDetails; mandate: Mandate };
  locale: 'ro' | 'en';
  ip: string | null;
  /** Sign the new account in on this device (the web form); the JSON API signs in separately. */
  signIn?: { userAgent: string | null };
  /** A path of this site the newcomer was heading to (already checked safe): the confirmation link leads back there. */
  next?: string | null;
};

export type RegisteredAccount = { accountId: string; replayed: boolean; sessionToken: string | null };

/**
 * Creates a citizen account (and, for a company, a pending representation under the uploaded mandate),
 * audits it and emails a verification link — all in one transaction.
 */
export async function registerAccount(deps: AppDeps & { blobs: BlobStore }, input: RegisterAccountInput): Promise<RegisteredAccount> {
  // Every attempt counts, refused ones too: "this e-mail / CNP already has an account" must not become a free oracle.
  await enforceLimit(deps.db, [`register-ip:${input.ip ?? 'unknown'}`], { limit: deps.config.limits.registrationsPerHour, windowMinutes: 60 }, deps.now());
  const replay = await findReplayOrRefuse(deps, input);
  if (replay) return replay;

  const passwordHash = await hashPassword(input.person.password);
  // Content-addressed: storing before the transaction can at worst leave an unreferenced blob, never a dangling hash.
  const mandateSha = input.company ? await deps.blobs.put(input.company.mandate.bytes) : null;
  const accountId = randomUUID();
  const now = deps.now();
  const { person: p } = input;
  const displayName = `${p.firstName} ${p.lastName}`;
  try {
    return await deps.db.transaction(async (tx) => {
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
        const c = input.company.details;
        let companyId = await findCompanyIdByCui(tx, c.cui);
        if (!companyId) {
          companyId = randomUUID();
          await insertCompany(tx, { id: companyId, cui: c.cui, name: c.name, tradeRegisterNo: c.tradeRegisterNo, now });
        }
        const representativeId = randomUUID();
        await insertRepresentative(tx, {
          id: representativeId,
          companyId,
          accountId,
          mandateSha256: mandateSha,
          mandateFilename: input.company.mandate.filename.slice(0, 200),
          now,
        });
        await recordAudit(tx, {
          chain: PLATFORM_CHAIN,
          actorId: accountId,
          action: 'company_representative.requested',
          subjectId: accountId,
          entity: 'company_representative',
          entityId: representativeId,
          details: { companyId, cui: c.cui, mandateSha256: mandateSha },
          ip: input.ip,
        });
      }
      const link = await issueAccountLink(tx, deps, accountId, 'verify_email');
      const url = input.next ? `${link}&next=${encodeURIComponent(input.next)}` : link;
      await deps.notifier.enqueue(tx, {
        template: TEMPLATES.verifyEmail,
        to: { accountId, email: p.email, locale: input.locale },
        data: { name: displayName, url },
      });
      const sessionToken = input.signIn ? await openSession(tx, deps, accountId, input) : null;
      return { accountId, replayed: false, sessionToken };
    });
  } catch (err) {
    // Two identical submissions racing: the unique indexes let one through; the other becomes its replay.
    if (!isUniqueViolation(err)) throw err;
    const again = await findReplayOrRefuse(deps, input);
    if (again) return again;
    throw err;
  }
}

function openSession(tx: Executor, deps: AppDeps, accountId: string, input: RegisterAccountInput): Promise<string> {
  return insertSession(tx, {
    accountId,
    mfaPassed: true,
    ip: input.ip,
    userAgent: input.signIn?.userAgent ?? null,
    absoluteHours: deps.config.session.absoluteHours,
    now: deps.now(),
  });
}

/**
 * An existing account with this email or CNP: the same person resubmitting the same form (same CNP and
 * password, moments ago) gets their registration back; anyone else a message that names no one.
 */
async function findReplayOrRefuse(deps: AppDeps, input: RegisterAccountInput): Promise<RegisteredAccount | null> {
  const { person: p } = input;
  const byEmail = await findAccountByEmail(deps.db, p.email);
  const byCnp = await findAccountIdByCnp(deps.db, p.cnp);
  if (!byEmail && !byCnp) return null;
  if (
    byEmail &&
    byCnp === byEmail.id &&
    deps.now().getTime() - byEmail.createdAt.getTime() < REPLAY_WINDOW_MS &&
    byEmail.passwordHash &&
    (await verifyPassword(byEmail.passwordHash, p.password))
  ) {
    const sessionToken = input.signIn ? await openSession(deps.db, deps, byEmail.id, input) : null;
    return { accountId: byEmail.id, replayed: true, sessionToken };
  }
  if (byEmail) throw new AppError('validation', 'conflict', {}, { email: 'identity.email.taken' });
  throw new AppError('validation', 'conflict', {}, { cnp: 'identity.cnp.taken' });
}

function isUniqueViolation(err: unknown): boolean {
  for (let e: unknown = err, i = 0; e && i < 4; e = (e as { cause?: unknown }).cause, i++) {
    if ((e as { code?: string }).code === '23505') return true;
  }
  return false;
}
