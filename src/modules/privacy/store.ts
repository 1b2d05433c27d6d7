import { and, asc, count, desc, eq, isNotNull, ne, or, sql } from 'drizzle-orm';
import type { Executor } from '../../db/database.ts';
import { auditEntry } from '../../platform/audit/schema.ts';
import { outboxMessage } from '../../platform/notify/schema.ts';
import { account, company, companyRepresentative, membership, oidcIdentity, person, session } from '../identity/schema.ts';

/*
 * The privacy area's reads (and one write) on tables that belong to identity, notify and audit. Their own
 * stores would be the right owners of these queries; they live here until those areas expose them.
 * Nothing here selects a password hash, a TOTP secret or a session token.
 */

export async function findAccountData(db: Executor, accountId: string) {
  const [row] = await db
    .select({
      email: account.email,
      emailVerifiedAt: account.emailVerifiedAt,
      displayName: account.displayName,
      phone: account.phone,
      locale: account.locale,
      notifyEmail: account.notifyEmail,
      notifySms: account.notifySms,
      hasPassword: sql<boolean>`${account.passwordHash} IS NOT NULL`,
      twoFactorEnabledAt: account.totpEnabledAt,
      isOfficial: account.isOfficial,
      createdAt: account.createdAt,
      updatedAt: account.updatedAt,
      deletionRequestedAt: account.deletionRequestedAt,
    })
    .from(account)
    .where(eq(account.id, accountId));
  return row ?? null;
}

export async function findPersonData(db: Executor, accountId: string) {
  const [row] = await db
    .select({ firstName: person.firstName, lastName: person.lastName, cnp: person.cnp, address: person.address })
    .from(person)
    .where(eq(person.accountId, accountId));
  return row ?? null;
}

export function listIdentityProviderLinks(db: Executor, accountId: string) {
  return db
    .select({ issuer: oidcIdentity.issuer, subject: oidcIdentity.subject, linkedAt: oidcIdentity.createdAt })
    .from(oidcIdentity)
    .where(eq(oidcIdentity.accountId, accountId))
    .orderBy(asc(oidcIdentity.createdAt));
}

export function listCompanyRepresentations(db: Executor, accountId: string) {
  return db
    .select({
      companyName: company.name,
      cui: company.cui,
      role: companyRepresentative.role,
      status: companyRepresentative.status,
      validUntil: companyRepresentative.validUntil,
      mandateFilename: companyRepresentative.mandateFilename,
      createdAt: companyRepresentative.createdAt,
    })
    .from(companyRepresentative)
    .innerJoin(company, eq(company.id, companyRepresentative.companyId))
    .where(eq(companyRepresentative.accountId, accountId))
    .orderBy(asc(companyRepresentative.createdAt));
}

export function listSessionHistory(db: Executor, accountId: string) {
  return db
    .select({
      createdAt: session.createdAt,
      lastSeenAt: session.lastSeenAt,
      expiresAt: session.expiresAt,
      revokedAt: session.revokedAt,
      ip: session.ip,
      userAgent: session.userAgent,
    })
    .from(session)
    .where(eq(session.accountId, accountId))
    .orderBy(desc(session.createdAt));
}

/** Messages to this account, and to its current email address or phone sent before the account was known. */
export async function listMessagesTo(db: Executor, accountId: string) {
  const acc = await findAccountData(db, accountId);
  const byAddress = acc
    ? or(
        and(eq(outboxMessage.channel, 'email'), sql`lower(${outboxMessage.recipient}) = lower(${acc.email})`),
        acc.phone ? and(eq(outboxMessage.channel, 'sms'), eq(outboxMessage.recipient, acc.phone)) : undefined,
      )
    : undefined;
  return db
    .select({
      createdAt: outboxMessage.createdAt,
      channel: outboxMessage.channel,
      recipient: outboxMessage.recipient,
      subject: outboxMessage.subject,
      body: outboxMessage.bodyText,
      status: outboxMessage.status,
      sentAt: outboxMessage.sentAt,
    })
    .from(outboxMessage)
    .where(or(eq(outboxMessage.accountId, accountId), byAddress))
    .orderBy(desc(outboxMessage.createdAt));
}

/** Every audit entry about this person, whoever acted, newest first. */
export function listAuditAbout(db: Executor, accountId: string) {
  return db
    .select({
      at: auditEntry.at,
      action: auditEntry.action,
      entity: auditEntry.entity,
      entityId: auditEntry.entityId,
      actorName: account.displayName,
      byThemselves: sql<boolean>`${auditEntry.actorId} IS NOT DISTINCT FROM ${accountId}::uuid`,
      ip: auditEntry.ip,
    })
    .from(auditEntry)
    .leftJoin(account, eq(account.id, auditEntry.actorId))
    .where(eq(auditEntry.subjectId, accountId))
    .orderBy(desc(auditEntry.at), desc(auditEntry.id));
}

const byOthers = (accountId: string) =>
  and(eq(auditEntry.subjectId, accountId), isNotNull(auditEntry.actorId), ne(auditEntry.actorId, accountId));

/** Who else acted on or read this person's data: one page, newest first, with the actor's current roles. */
export async function listAccessesByOthers(db: Executor, accountId: string, page: { limit: number; offset: number }) {
  const [total] = await db.select({ n: count() }).from(auditEntry).where(byOthers(accountId));
  const rows = await db
    .select({
      at: auditEntry.at,
      action: auditEntry.action,
      entity: auditEntry.entity,
      entityId: auditEntry.entityId,
      actorName: account.displayName,
      actorIsOfficial: account.isOfficial,
      roles: sql<string | null>`(SELECT string_agg(DISTINCT ${membership.role}, ',') FROM ${membership} WHERE ${membership.accountId} = ${auditEntry.actorId} AND ${membership.revokedAt} IS NULL)`,
    })
    .from(auditEntry)
    .leftJoin(account, eq(account.id, auditEntry.actorId))
    .where(byOthers(accountId))
    .orderBy(desc(auditEntry.at), desc(auditEntry.id))
    .limit(page.limit)
    .offset(page.offset);
  return { total: Number(total?.n ?? 0), rows };
}

export async function findDeletionFacts(db: Executor, accountId: string) {
  const [row] = await db
    .select({ email: account.email, displayName: account.displayName, locale: account.locale, passwordHash: account.passwordHash, deletionRequestedAt: account.deletionRequestedAt })
    .from(account)
    .where(eq(account.id, accountId));
  return row ?? null;
}

/** Keeps the first request's date when the person asks again. */
export async function markDeletionRequested(db: Executor, accountId: string, now: Date): Promise<Date> {
  const [row] = await db
    .update(account)
    .set({ deletionRequestedAt: sql`coalesce(${account.deletionRequestedAt}, ${now.toISOString()}::timestamptz)`, updatedAt: now })
    .where(eq(account.id, accountId))
    .returning({ at: account.deletionRequestedAt });
  return row?.at ?? now;
}
