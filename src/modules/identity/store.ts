import { and, asc, count, desc, eq, gt, gte, inArray, isNotNull, isNull, lte, or, sql } from 'drizzle-orm';
import { auditEntry } from '../../platform/audit/schema.ts';
import type { Executor } from '../../db/database.ts';
import { account, accountToken, company, companyRepresentative, loginThrottle, person, type RepresentationStatus } from './schema.ts';
import { countTry } from './rate-limit.ts';

export type TokenPurpose = 'verify_email' | 'reset_password';

export type AccountForSignIn = {
  id: string;
  email: string;
  passwordHash: string | null;
  displayName: string;
  locale: 'ro' | 'en';
  isOfficial: boolean;
  totpEnabled: boolean;
  disabled: boolean;
  createdAt: Date;
};

export async function findAccountByEmail(db: Executor, email: string): Promise<AccountForSignIn | null> {
  const [row] = await db
    .select({
      id: account.id,
      email: account.email,
      passwordHash: account.passwordHash,
      displayName: account.displayName,
      locale: account.locale,
      isOfficial: account.isOfficial,
      totpEnabled: sql<boolean>`${account.totpEnabledAt} IS NOT NULL`,
      disabled: sql<boolean>`${account.disabledAt} IS NOT NULL`,
      createdAt: account.createdAt,
    })
    .from(account)
    .where(sql`lower(${account.email}) = ${email.trim().toLowerCase()}`);
  return row ?? null;
}

export type CnpDeclarer = { accountId: string; email: string; displayName: string; locale: 'ro' | 'en'; verified: boolean; disabled: boolean };

/** Every account whose person holds this CNP, declared or confirmed (at most one confirmed: migration 0057). */
export async function findCnpDeclarers(db: Executor, cnp: string): Promise<CnpDeclarer[]> {
  return db
    .select({
      accountId: person.accountId,
      email: account.email,
      displayName: account.displayName,
      locale: account.locale,
      verified: sql<boolean>`${person.cnpVerifiedAt} IS NOT NULL`,
      disabled: sql<boolean>`${account.disabledAt} IS NOT NULL`,
    })
    .from(person)
    .innerJoin(account, eq(account.id, person.accountId))
    .where(eq(person.cnp, cnp))
    .orderBy(asc(account.createdAt));
}

export async function insertAccount(
  tx: Executor,
  a: { id: string; email: string; passwordHash: string; displayName: string; phone: string | null; locale: 'ro' | 'en'; now: Date },
): Promise<void> {
  await tx.insert(account).values({
    id: a.id,
    email: a.email,
    passwordHash: a.passwordHash,
    displayName: a.displayName,
    phone: a.phone,
    locale: a.locale,
    createdAt: a.now,
    updatedAt: a.now,
  });
}

export async function insertPerson(tx: Executor, p: { accountId: string; cnp: string; firstName: string; lastName: string }): Promise<void> {
  await tx.insert(person).values(p);
}

export async function findCompanyIdByCui(db: Executor, cui: string): Promise<string | null> {
  const [row] = await db.select({ id: company.id }).from(company).where(eq(company.cui, cui));
  return row?.id ?? null;
}

export async function insertCompany(tx: Executor, c: { id: string; cui: string; name: string; tradeRegisterNo: string | null; now: Date }): Promise<void> {
  await tx.insert(company).values({ id: c.id, cui: c.cui, name: c.name, tradeRegisterNo: c.tradeRegisterNo, createdAt: c.now });
}

export async function insertRepresentative(
  tx: Executor,
  r: { id: string; companyId: string; accountId: string; mandateSha256: string; mandateFilename: string; now: Date },
): Promise<string> {
  // Asking again after a refusal (or a revoked or expired mandate) reopens the same representation with the new mandate.
  const [row] = await tx
    .insert(companyRepresentative)
    .values({ ...r, status: 'pending', createdAt: r.now })
    .onConflictDoUpdate({
      target: [companyRepresentative.companyId, companyRepresentative.accountId],
      set: { status: 'pending', mandateSha256: r.mandateSha256, mandateFilename: r.mandateFilename, createdAt: r.now, decidedBy: null, decidedAt: null, decisionReason: null, validUntil: null, expiryNoticeSentAt: null, revokedAt: null, revokedBy: null, revocationReason: null },
    })
    .returning({ id: companyRepresentative.id });
  return row!.id;
}

export async function listRepresentations(db: Executor, accountId: string) {
  return db
    .select({
      companyId: company.id,
      cui: company.cui,
      name: company.name,
      status: companyRepresentative.status,
      validUntil: companyRepresentative.validUntil,
      createdAt: companyRepresentative.createdAt,
      decisionReason: companyRepresentative.decisionReason,
      renewalRequestedAt: companyRepresentative.renewalRequestedAt,
      renewalRefusalReason: companyRepresentative.renewalRefusalReason,
      representationId: companyRepresentative.id,
      revokedAt: companyRepresentative.revokedAt,
      renouncedByPerson: sql<boolean>`coalesce(${companyRepresentative.revokedBy} = ${companyRepresentative.accountId}, false)`,
      revocationReason: companyRepresentative.revocationReason,
    })
    .from(companyRepresentative)
    .innerJoin(company, eq(company.id, companyRepresentative.companyId))
    .where(eq(companyRepresentative.accountId, accountId))
    .orderBy(company.name);
}

/** Mandates in force on `today`: approved, and without an end date or not past it (the end date is inclusive). */
const inForce = (today: string) =>
  and(eq(companyRepresentative.status, 'active'), or(isNull(companyRepresentative.validUntil), gte(companyRepresentative.validUntil, today)));

/** The account's representation of the company, if it ever asked for one. */
export async function findOwnRepresentation(db: Executor, companyId: string, accountId: string) {
  const [row] = await db
    .select({ id: companyRepresentative.id, status: companyRepresentative.status, validUntil: companyRepresentative.validUntil, renewalRequestedAt: companyRepresentative.renewalRequestedAt })
    .from(companyRepresentative)
    .where(and(eq(companyRepresentative.companyId, companyId), eq(companyRepresentative.accountId, accountId)));
  return row ?? null;
}

/** Puts the next mandate beside the current one, for the registry; false when one already waits. */
export async function insertRenewalRequest(tx: Executor, id: string, r: { mandateSha256: string; mandateFilename: string; now: Date }): Promise<boolean> {
  const rows = await tx
    .update(companyRepresentative)
    .set({ renewalMandateSha256: r.mandateSha256, renewalMandateFilename: r.mandateFilename, renewalRequestedAt: r.now, renewalRefusalReason: null })
    .where(and(eq(companyRepresentative.id, id), isNull(companyRepresentative.renewalRequestedAt)))
    .returning({ id: companyRepresentative.id });
  return rows.length > 0;
}

/** Whether the account represents, or has asked to represent, the company (a revoked, refused or expired mandate does not count). */
export async function hasLiveRepresentation(db: Executor, companyId: string, accountId: string, today: string): Promise<boolean> {
  const [row] = await db
    .select({ id: companyRepresentative.id })
    .from(companyRepresentative)
    .where(and(eq(companyRepresentative.companyId, companyId), eq(companyRepresentative.accountId, accountId), or(eq(companyRepresentative.status, 'pending'), inForce(today))))
    .limit(1);
  return Boolean(row);
}

// ---- single-use emailed tokens ----

export async function insertToken(tx: Executor, t: { id: string; accountId: string; purpose: TokenPurpose; tokenHash: string; expiresAt: Date; now: Date }): Promise<void> {
  await tx.insert(accountToken).values({ id: t.id, accountId: t.accountId, purpose: t.purpose, tokenHash: t.tokenHash, expiresAt: t.expiresAt, createdAt: t.now });
}

/** A newer link replaces the older ones: only the last email sent works. */
export async function retireTokens(tx: Executor, accountId: string, purpose: TokenPurpose, now: Date): Promise<void> {
  await tx
    .update(accountToken)
    .set({ usedAt: now })
    .where(and(eq(accountToken.accountId, accountId), eq(accountToken.purpose, purpose), isNull(accountToken.usedAt)));
}

/** Marks the token used and returns its account, in one statement: two clicks cannot both succeed. */
export async function consumeToken(tx: Executor, tokenHash: string, purpose: TokenPurpose, now: Date): Promise<string | null> {
  const [row] = await tx
    .update(accountToken)
    .set({ usedAt: now })
    .where(and(eq(accountToken.tokenHash, tokenHash), eq(accountToken.purpose, purpose), isNull(accountToken.usedAt), gt(accountToken.expiresAt, now)))
    .returning({ accountId: accountToken.accountId });
  return row?.accountId ?? null;
}

export async function findLiveToken(db: Executor, tokenHash: string, purpose: TokenPurpose, now: Date): Promise<string | null> {
  const [row] = await db
    .select({ accountId: accountToken.accountId })
    .from(accountToken)
    .where(and(eq(accountToken.tokenHash, tokenHash), eq(accountToken.purpose, purpose), isNull(accountToken.usedAt), gt(accountToken.expiresAt, now)));
  return row?.accountId ?? null;
}

// ---- account changes ----

export async function markEmailVerified(tx: Executor, accountId: string, now: Date): Promise<boolean> {
  const rows = await tx
    .update(account)
    .set({ emailVerifiedAt: now, updatedAt: now })
    .where(and(eq(account.id, accountId), isNull(account.emailVerifiedAt)))
    .returning({ id: account.id });
  return rows.length > 0;
}

export async function setPasswordHash(tx: Executor, accountId: string, passwordHash: string, now: Date): Promise<void> {
  await tx.update(account).set({ passwordHash, updatedAt: now }).where(eq(account.id, accountId));
}

export type Profile = {
  accountId: string;
  email: string;
  emailVerified: boolean;
  displayName: string;
  phone: string | null;
  locale: 'ro' | 'en';
  notifyEmail: boolean;
  notifySms: boolean;
  isOfficial: boolean;
  totpEnabled: boolean;
  firstName: string | null;
  lastName: string | null;
  /** The person's CNP, when recorded (once-only prefill; never sent by the profile API). */
  cnp: string | null;
  /** The CNP was proved (identity provider or the counter), not only typed at registration (migration 0053). */
  cnpVerified: boolean;
  address: string | null;
  hasPerson: boolean;
};

export async function findProfile(db: Executor, accountId: string): Promise<Profile | null> {
  const [row] = await db
    .select({
      accountId: account.id,
      email: account.email,
      emailVerified: sql<boolean>`${account.emailVerifiedAt} IS NOT NULL`,
      displayName: account.displayName,
      phone: account.phone,
      locale: account.locale,
      notifyEmail: account.notifyEmail,
      notifySms: account.notifySms,
      isOfficial: account.isOfficial,
      totpEnabled: sql<boolean>`${account.totpEnabledAt} IS NOT NULL`,
      firstName: person.firstName,
      lastName: person.lastName,
      cnp: person.cnp,
      cnpVerified: sql<boolean>`${person.cnpVerifiedAt} IS NOT NULL AND ${person.cnp} IS NOT NULL`,
      address: person.address,
      hasPerson: sql<boolean>`${person.accountId} IS NOT NULL`,
    })
    .from(account)
    .leftJoin(person, eq(person.accountId, account.id))
    .where(eq(account.id, accountId));
  return row ?? null;
}

export async function updateAccountProfile(
  tx: Executor,
  accountId: string,
  change: { displayName?: string; phone?: string | null; notifyEmail?: boolean; notifySms?: boolean; locale?: 'ro' | 'en' },
  now: Date,
): Promise<void> {
  if (Object.keys(change).length === 0) return;
  await tx.update(account).set({ ...change, updatedAt: now }).where(eq(account.id, accountId));
}

export async function updatePersonAddress(tx: Executor, accountId: string, address: string | null): Promise<void> {
  await tx.update(person).set({ address }).where(eq(person.accountId, accountId));
}

// ---- sign-in throttling ----

/** The latest lock still in force among the keys, or null. */
export async function findLock(db: Executor, keys: string[], now: Date): Promise<Date | null> {
  const rows = await db
    .select({ lockedUntil: loginThrottle.lockedUntil })
    .from(loginThrottle)
    .where(and(inArray(loginThrottle.key, keys), gt(loginThrottle.lockedUntil, now)));
  let latest: Date | null = null;
  for (const r of rows) if (r.lockedUntil && (!latest || r.lockedUntil > latest)) latest = r.lockedUntil;
  return latest;
}

/** Counts one more failure (forgetting failures older than `forgetBefore`) and returns the new count. */
export const countFailure = (db: Executor, key: string, now: Date, forgetBefore: Date): Promise<number> => countTry(db, key, now, forgetBefore, 'since-last');

export async function lockKey(db: Executor, key: string, until: Date): Promise<void> {
  await db.update(loginThrottle).set({ lockedUntil: until }).where(eq(loginThrottle.key, key));
}

export async function clearThrottle(db: Executor, keys: string[], prefix?: string): Promise<void> {
  if (keys.length) await db.delete(loginThrottle).where(inArray(loginThrottle.key, keys));
  if (prefix) await db.delete(loginThrottle).where(sql`starts_with(${loginThrottle.key}, ${prefix})`);
}

// ---- representations checked by officials (verify-representation.ts) ----

const representationColumns = {
  id: companyRepresentative.id,
  status: companyRepresentative.status,
  requestedAt: companyRepresentative.createdAt,
  companyId: company.id,
  cui: company.cui,
  companyName: company.name,
  tradeRegisterNo: company.tradeRegisterNo,
  accountId: account.id,
  displayName: account.displayName,
  email: account.email,
  locale: account.locale,
  firstName: person.firstName,
  lastName: person.lastName,
  cnp: person.cnp,
  mandateFilename: companyRepresentative.mandateFilename,
  mandateSha256: companyRepresentative.mandateSha256,
  decidedAt: companyRepresentative.decidedAt,
  decisionReason: companyRepresentative.decisionReason,
  validUntil: companyRepresentative.validUntil,
  renewalMandateSha256: companyRepresentative.renewalMandateSha256,
  renewalMandateFilename: companyRepresentative.renewalMandateFilename,
  renewalRequestedAt: companyRepresentative.renewalRequestedAt,
  revokedAt: companyRepresentative.revokedAt,
  revokedBy: companyRepresentative.revokedBy,
  revocationReason: companyRepresentative.revocationReason,
};


function selectRepresentations(db: Executor) {
  return db
    .select(representationColumns)
    .from(companyRepresentative)
    .innerJoin(company, eq(company.id, companyRepresentative.companyId))
    .innerJoin(account, eq(account.id, companyRepresentative.accountId))
    .leftJoin(person, eq(person.accountId, account.id));
}

/** A representation with its company and its person (the person's columns are null for an account without one). */
export type RepresentationRow = Awaited<ReturnType<typeof selectRepresentations>>[number];

/** What the registry has to check: new representations, and renewals of mandates in force or just ended. */
const toCheck = or(eq(companyRepresentative.status, 'pending'), isNotNull(companyRepresentative.renewalRequestedAt));

export async function listRepresentationRowsToCheck(db: Executor): Promise<RepresentationRow[]> {
  return selectRepresentations(db)
    .where(toCheck)
    .orderBy(asc(sql`coalesce(${companyRepresentative.renewalRequestedAt}, ${companyRepresentative.createdAt})`), asc(companyRepresentative.id));
}

export async function listRepresentationRowsOfCompany(db: Executor, cui: string): Promise<RepresentationRow[]> {
  return selectRepresentations(db).where(eq(company.cui, cui)).orderBy(asc(companyRepresentative.status), asc(account.displayName));
}

export async function countRepresentationsToCheck(db: Executor): Promise<number> {
  const [row] = await db.select({ n: count() }).from(companyRepresentative).where(toCheck);
  return Number(row?.n ?? 0);
}

export async function findRepresentationRow(db: Executor, id: string): Promise<RepresentationRow | null> {
  const [row] = await selectRepresentations(db).where(eq(companyRepresentative.id, id));
  return row ?? null;
}

/** Decides a pending representation; false when it was no longer pending (a colleague decided first). */
export async function decidePendingRepresentation(
  tx: Executor,
  id: string,
  decision: { status: RepresentationStatus; decidedBy: string; decidedAt: Date; decisionReason: string | null; validUntil: string | null },
): Promise<boolean> {
  const rows = await tx
    .update(companyRepresentative)
    .set(decision)
    .where(and(eq(companyRepresentative.id, id), eq(companyRepresentative.status, 'pending')))
    .returning({ id: companyRepresentative.id });
  return rows.length > 0;
}

export type CnpHolder = { accountId: string; cnp: string | null; verified: boolean };

/** The persons holding a CNP — any number declared it, at most one has it confirmed — locked for the confirmation. */
export async function lockCnpHolders(db: Executor, cnp: string): Promise<CnpHolder[]> {
  const rows = await db.select({ accountId: person.accountId, cnp: person.cnp, verifiedAt: person.cnpVerifiedAt }).from(person).where(eq(person.cnp, cnp)).for('update');
  return rows.map((row) => ({ accountId: row.accountId, cnp: row.cnp, verified: row.verifiedAt !== null }));
}

/** A person's CNP and whether it is verified; null for an account without a person (an official's). */
export async function findPersonCnp(db: Executor, accountId: string): Promise<CnpHolder | null> {
  const [row] = await db.select({ accountId: person.accountId, cnp: person.cnp, verifiedAt: person.cnpVerifiedAt }).from(person).where(eq(person.accountId, accountId)).for('update');
  return row ? { accountId: row.accountId, cnp: row.cnp, verified: row.verifiedAt !== null } : null;
}

/** The CNP an account's person record holds, declared or confirmed (null without one): who an official is, for four eyes. */
export async function findCnpOfAccount(db: Executor, accountId: string): Promise<string | null> {
  const [row] = await db.select({ cnp: person.cnp }).from(person).where(eq(person.accountId, accountId));
  return row?.cnp ?? null;
}

/** What ends a representation's waiting request: the registry's decisions and the person's withdrawals. */
const WAIT_ENDED = [
  'company_representative.approved',
  'company_representative.rejected',
  'company_representative.renewed',
  'company_representative.renewal_rejected',
  'company_representative.withdrawn',
  'company_representative.renewal_withdrawn',
];

/**
 * The last decision or withdrawal on a representation, from the audit (a withdrawn request's row is gone): the
 * audit's entity index (migration 0071) finds the representation's few entries, with or without the person's account.
 */
export async function findLastRepresentationEvent(db: Executor, id: string, personAccountId: string | null): Promise<string | null> {
  const [row] = await db
    .select({ action: auditEntry.action })
    .from(auditEntry)
    .where(
      and(
        personAccountId ? eq(auditEntry.subjectId, personAccountId) : undefined,
        eq(auditEntry.entity, 'company_representative'),
        eq(auditEntry.entityId, id),
        inArray(auditEntry.action, WAIT_ENDED),
      ),
    )
    .orderBy(desc(auditEntry.id))
    .limit(1);
  return row?.action ?? null;
}

/** Takes an unverified CNP off the account that declared it (someone else proved it is theirs). */
export async function releaseUnverifiedCnp(db: Executor, accountId: string): Promise<void> {
  await db.update(person).set({ cnp: null }).where(and(eq(person.accountId, accountId), isNull(person.cnpVerifiedAt)));
}

/** Records the person's CNP as verified (`by`: `oidc:<issuer>` or `counter:<official id>`). */
export async function setVerifiedCnp(db: Executor, accountId: string, cnp: string, by: string, at: Date): Promise<void> {
  await db.update(person).set({ cnp, cnpVerifiedAt: at, cnpVerifiedBy: by }).where(eq(person.accountId, accountId));
}

// ---- mandates ending (notify-expiring-mandates.ts) ----

export type ExpiringMandate = { id: string; companyId: string; companyName: string; cui: string; accountId: string; validUntil: string; personName: string };

/** Mandates in force whose last day falls on or before `until` and whose representatives were not told yet, locked. */
export async function lockExpiringMandates(tx: Executor, today: string, until: string): Promise<ExpiringMandate[]> {
  const rows = await tx
    .select({
      id: companyRepresentative.id,
      companyId: company.id,
      companyName: company.name,
      cui: company.cui,
      accountId: companyRepresentative.accountId,
      validUntil: companyRepresentative.validUntil,
      displayName: account.displayName,
      firstName: person.firstName,
      lastName: person.lastName,
    })
    .from(companyRepresentative)
    .innerJoin(company, eq(company.id, companyRepresentative.companyId))
    .innerJoin(account, eq(account.id, companyRepresentative.accountId))
    .leftJoin(person, eq(person.accountId, account.id))
    .where(and(inForce(today), lte(companyRepresentative.validUntil, until), isNull(companyRepresentative.expiryNoticeSentAt)))
    .orderBy(asc(companyRepresentative.validUntil), asc(companyRepresentative.id))
    .for('update', { of: companyRepresentative, skipLocked: true });
  return rows.map((r) => ({
    id: r.id,
    companyId: r.companyId,
    companyName: r.companyName,
    cui: r.cui,
    accountId: r.accountId,
    validUntil: r.validUntil!,
    personName: [r.firstName, r.lastName].filter(Boolean).join(' ') || r.displayName,
  }));
}

export type MandateContact = { accountId: string; email: string; displayName: string; locale: 'ro' | 'en' };

/** The company's representatives whose mandates are in force on `today`, with where to write to them. */
export async function listRepresentativesInForce(db: Executor, companyId: string, today: string): Promise<MandateContact[]> {
  return db
    .select({ accountId: account.id, email: account.email, displayName: account.displayName, locale: account.locale })
    .from(companyRepresentative)
    .innerJoin(account, eq(account.id, companyRepresentative.accountId))
    .where(and(eq(companyRepresentative.companyId, companyId), inForce(today), isNull(account.disabledAt)))
    .orderBy(asc(account.id));
}

export async function markExpiryNoticeSent(tx: Executor, id: string, at: Date): Promise<void> {
  await tx.update(companyRepresentative).set({ expiryNoticeSentAt: at }).where(eq(companyRepresentative.id, id));
}

/**
 * Decides the renewal waiting on a representation; false when none waits any more (a colleague decided first).
 * Approved, the new mandate and its end date replace the current ones (the caller audits the previous document);
 * refused, only the reason is kept and the current mandate stays as it was.
 */
export async function decideRenewal(
  tx: Executor,
  id: string,
  decision: { approved: boolean; decidedBy: string; decidedAt: Date; reason: string | null; validUntil: string | null },
): Promise<boolean> {
  const renewed = decision.approved
    ? {
        mandateSha256: sql`${companyRepresentative.renewalMandateSha256}`,
        mandateFilename: sql`${companyRepresentative.renewalMandateFilename}`,
        validUntil: decision.validUntil,
        decidedBy: decision.decidedBy,
        decidedAt: decision.decidedAt,
        expiryNoticeSentAt: null,
        renewalRefusalReason: null,
      }
    : { renewalRefusalReason: decision.reason };
  const rows = await tx
    .update(companyRepresentative)
    .set({ ...renewed, renewalMandateSha256: null, renewalMandateFilename: null, renewalRequestedAt: null })
    .where(and(eq(companyRepresentative.id, id), isNotNull(companyRepresentative.renewalRequestedAt)))
    .returning({ id: companyRepresentative.id });
  return rows.length > 0;
}

/**
 * Ends a representation in force (or waiting for a renewal) before its date; a renewal waiting is dropped with it.
 * False when it was no longer active (revoked meanwhile, or never approved).
 */
export async function revokeActiveRepresentation(tx: Executor, id: string, r: { by: string; at: Date; reason: string | null }): Promise<boolean> {
  const rows = await tx
    .update(companyRepresentative)
    .set({ status: 'revoked', revokedAt: r.at, revokedBy: r.by, revocationReason: r.reason, renewalMandateSha256: null, renewalMandateFilename: null, renewalRequestedAt: null })
    .where(and(eq(companyRepresentative.id, id), eq(companyRepresentative.status, 'active')))
    .returning({ id: companyRepresentative.id });
  return rows.length > 0;
}

/**
 * Withdraws what the account itself still has waiting for the registry on a representation: a new request (the row
 * goes — the audit keeps that it was asked for and withdrawn; asking again inserts it anew) or the renewal waiting
 * beside a mandate (the current mandate stays as it is). False when nothing waits any more (decided meanwhile).
 */
export async function withdrawWaitingRequest(tx: Executor, id: string, accountId: string, what: 'request' | 'renewal'): Promise<boolean> {
  const own = and(eq(companyRepresentative.id, id), eq(companyRepresentative.accountId, accountId));
  const rows =
    what === 'request'
      ? await tx
          .delete(companyRepresentative)
          .where(and(own, eq(companyRepresentative.status, 'pending')))
          .returning({ id: companyRepresentative.id })
      : await tx
          .update(companyRepresentative)
          .set({ renewalMandateSha256: null, renewalMandateFilename: null, renewalRequestedAt: null })
          .where(and(own, eq(companyRepresentative.status, 'active'), isNotNull(companyRepresentative.renewalRequestedAt)))
          .returning({ id: companyRepresentative.id });
  return rows.length > 0;
}
