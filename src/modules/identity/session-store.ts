import { hash } from 'node:crypto';
import { and, desc, eq, gt, isNull, ne, sql } from 'drizzle-orm';
import type { Executor } from '../../db/database.ts';
import type { Membership, Role } from '../../platform/auth/actor.ts';
import { randomToken } from '../../platform/http/csrf.ts';
import { account, membership, session } from './schema.ts';

export const hashToken = (token: string) => hash('sha256', token, 'hex');

export async function insertSession(
  tx: Executor,
  input: { accountId: string; mfaPassed: boolean; ip: string | null; userAgent: string | null; absoluteHours: number; now: Date },
): Promise<string> {
  const token = randomToken(32);
  await tx.insert(session).values({
    id: hashToken(token),
    accountId: input.accountId,
    mfaPassed: input.mfaPassed,
    ip: input.ip,
    userAgent: input.userAgent?.slice(0, 300) ?? null,
    createdAt: input.now,
    lastSeenAt: input.now,
    expiresAt: new Date(input.now.getTime() + input.absoluteHours * 3600_000),
  });
  return token;
}

export type SessionRow = {
  sessionId: string;
  accountId: string;
  mfaPassed: boolean;
  lastSeenAt: Date;
  expiresAt: Date;
  email: string;
  displayName: string;
  locale: 'ro' | 'en';
  isOfficial: boolean;
  emailVerified: boolean;
  totpEnabled: boolean;
  disabled: boolean;
};

/** The session whose id is `sessionId` (the SHA-256 of its token), unless revoked, with its account. */
export async function findLiveSession(db: Executor, sessionId: string): Promise<SessionRow | null> {
  const [row] = await db
    .select({
      sessionId: session.id,
      accountId: session.accountId,
      mfaPassed: session.mfaPassed,
      lastSeenAt: session.lastSeenAt,
      expiresAt: session.expiresAt,
      email: account.email,
      displayName: account.displayName,
      locale: account.locale,
      isOfficial: account.isOfficial,
      emailVerified: sql<boolean>`${account.emailVerifiedAt} IS NOT NULL`,
      totpEnabled: sql<boolean>`${account.totpEnabledAt} IS NOT NULL`,
      disabled: sql<boolean>`${account.disabledAt} IS NOT NULL`,
    })
    .from(session)
    .innerJoin(account, eq(account.id, session.accountId))
    .where(and(eq(session.id, sessionId), isNull(session.revokedAt)));
  return row ?? null;
}

export async function touchSession(db: Executor, sessionId: string, now: Date): Promise<void> {
  await db.update(session).set({ lastSeenAt: now }).where(eq(session.id, sessionId));
}

/**
 * Marks a live session active at `now` whatever the touch throttle of resolve-actor.ts (the person asked to stay signed
 * in); answers its new last activity and its absolute limit, or null when it was revoked meanwhile.
 */
export async function touchLiveSession(db: Executor, sessionId: string, now: Date): Promise<{ lastSeenAt: Date; expiresAt: Date } | null> {
  const [row] = await db
    .update(session)
    .set({ lastSeenAt: now })
    .where(and(eq(session.id, sessionId), isNull(session.revokedAt)))
    .returning({ lastSeenAt: session.lastSeenAt, expiresAt: session.expiresAt });
  return row ?? null;
}

export async function markSessionMfaPassed(db: Executor, sessionId: string): Promise<void> {
  await db.update(session).set({ mfaPassed: true }).where(eq(session.id, sessionId));
}

export async function revokeSession(db: Executor, sessionId: string, now: Date): Promise<void> {
  await db.update(session).set({ revokedAt: now }).where(eq(session.id, sessionId));
}

/** Signs the account out everywhere, except optionally the current session. */
export async function revokeAccountSessions(db: Executor, accountId: string, now: Date, exceptSessionId?: string): Promise<number> {
  const rows = await db
    .update(session)
    .set({ revokedAt: now })
    .where(and(eq(session.accountId, accountId), isNull(session.revokedAt), exceptSessionId ? ne(session.id, exceptSessionId) : undefined))
    .returning({ id: session.id });
  return rows.length;
}

export async function listMemberships(db: Executor, accountId: string): Promise<Membership[]> {
  const rows = await db
    .select({ institutionId: membership.institutionId, departmentId: membership.departmentId, role: membership.role })
    .from(membership)
    .where(and(eq(membership.accountId, accountId), isNull(membership.revokedAt)));
  return rows.map((r) => ({ ...r, role: r.role as Role }));
}

export type SessionSummary = { id: string; createdAt: Date; lastSeenAt: Date; userAgent: string | null; ip: string | null };

/** Sessions still usable: not revoked, within the absolute lifetime and the idle timeout. Newest activity first. */
export async function listLiveSessions(db: Executor, accountId: string, now: Date, idleMinutes: number): Promise<SessionSummary[]> {
  const idleSince = new Date(now.getTime() - idleMinutes * 60_000);
  return db
    .select({ id: session.id, createdAt: session.createdAt, lastSeenAt: session.lastSeenAt, userAgent: session.userAgent, ip: session.ip })
    .from(session)
    .where(and(eq(session.accountId, accountId), isNull(session.revokedAt), gt(session.expiresAt, now), gt(session.lastSeenAt, idleSince)))
    .orderBy(desc(session.lastSeenAt));
}
