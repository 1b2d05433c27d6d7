import { and, eq, isNotNull, sql } from 'drizzle-orm';
import type { Executor } from '../../db/database.ts';
import { account, oidcIdentity, person } from './schema.ts';

/** The few facts about an account that decide how a sign-in through an identity provider ends. */
export type OidcAccount = {
  id: string;
  emailVerified: boolean;
  isOfficial: boolean;
  totpEnabled: boolean;
  disabled: boolean;
};

const accountFacts = {
  id: account.id,
  emailVerified: sql<boolean>`${account.emailVerifiedAt} IS NOT NULL`,
  isOfficial: account.isOfficial,
  totpEnabled: sql<boolean>`${account.totpEnabledAt} IS NOT NULL`,
  disabled: sql<boolean>`${account.disabledAt} IS NOT NULL`,
};

export async function findAccountByOidcIdentity(db: Executor, issuer: string, subject: string): Promise<OidcAccount | null> {
  const [row] = await db
    .select(accountFacts)
    .from(oidcIdentity)
    .innerJoin(account, eq(account.id, oidcIdentity.accountId))
    .where(and(eq(oidcIdentity.issuer, issuer), eq(oidcIdentity.subject, subject)));
  return row ?? null;
}

export async function findAccountById(db: Executor, id: string): Promise<OidcAccount | null> {
  const [row] = await db.select(accountFacts).from(account).where(eq(account.id, id));
  return row ?? null;
}

export async function findAccountByEmail(db: Executor, email: string): Promise<OidcAccount | null> {
  const [row] = await db
    .select(accountFacts)
    .from(account)
    .where(sql`lower(${account.email}) = lower(${email})`);
  return row ?? null;
}

/** Links an identity to an account; false when that (issuer, subject) is already linked (a concurrent first sign-in). */
export async function insertOidcIdentity(
  db: Executor,
  row: { id: string; accountId: string; issuer: string; subject: string; now: Date },
): Promise<boolean> {
  const inserted = await db
    .insert(oidcIdentity)
    .values({ id: row.id, accountId: row.accountId, issuer: row.issuer, subject: row.subject, createdAt: row.now })
    .onConflictDoNothing()
    .returning({ id: oidcIdentity.id });
  return inserted.length > 0;
}

/** A person's account created from what the identity provider asserted: no password, the provider signs them in. */
export async function insertOidcPersonAccount(
  db: Executor,
  row: {
    id: string;
    email: string;
    emailVerifiedAt: Date | null;
    displayName: string;
    locale: 'ro' | 'en';
    firstName: string;
    lastName: string;
    cnp: string | null;
    now: Date;
  },
): Promise<void> {
  await db.insert(account).values({
    id: row.id,
    email: row.email,
    emailVerifiedAt: row.emailVerifiedAt,
    passwordHash: null,
    displayName: row.displayName,
    locale: row.locale,
    createdAt: row.now,
    updatedAt: row.now,
  });
  await db.insert(person).values({ accountId: row.id, cnp: row.cnp, firstName: row.firstName, lastName: row.lastName });
}

/** Another account holds this CNP confirmed (one only declaring it does not count: migration 0057). */
export async function isCnpConfirmed(db: Executor, cnp: string): Promise<boolean> {
  const [row] = await db.select({ id: person.accountId }).from(person).where(and(eq(person.cnp, cnp), isNotNull(person.cnpVerifiedAt)));
  return Boolean(row);
}
