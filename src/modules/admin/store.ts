import { and, asc, count, desc, eq, gt, isNull, sql } from 'drizzle-orm';
import type { Executor } from '../../db/database.ts';
import { account, invitation, membership } from '../identity/schema.ts';
import { department } from '../organisation/schema.ts';

/** The SQL of the admin area: officials' memberships and invitations, and the official accounts they create. */

export type OfficialRow = {
  membershipId: string;
  accountId: string;
  displayName: string;
  email: string;
  role: string;
  departmentId: string | null;
  departmentName: string | null;
  totpEnabled: boolean;
  since: Date;
};

export async function listActiveMemberships(db: Executor, institutionId: string): Promise<OfficialRow[]> {
  return db
    .select({
      membershipId: membership.id,
      accountId: account.id,
      displayName: account.displayName,
      email: account.email,
      role: membership.role,
      departmentId: membership.departmentId,
      departmentName: department.name,
      totpEnabled: sql<boolean>`${account.totpEnabledAt} IS NOT NULL`,
      since: membership.createdAt,
    })
    .from(membership)
    .innerJoin(account, eq(account.id, membership.accountId))
    .leftJoin(department, eq(department.id, membership.departmentId))
    .where(and(eq(membership.institutionId, institutionId), isNull(membership.revokedAt)))
    .orderBy(asc(account.displayName), asc(membership.role));
}

export type InvitationRow = typeof invitation.$inferSelect;

export async function listPendingInvitations(db: Executor, institutionId: string, now: Date): Promise<(InvitationRow & { departmentName: string | null })[]> {
  const rows = await db
    .select({ inv: invitation, departmentName: department.name })
    .from(invitation)
    .leftJoin(department, eq(department.id, invitation.departmentId))
    .where(and(eq(invitation.institutionId, institutionId), isNull(invitation.acceptedAt), isNull(invitation.revokedAt), gt(invitation.expiresAt, now)))
    .orderBy(desc(invitation.createdAt));
  return rows.map((r) => ({ ...r.inv, departmentName: r.departmentName }));
}

export async function emailHasAccount(db: Executor, email: string): Promise<boolean> {
  const rows = await db.select({ id: account.id }).from(account).where(sql`lower(${account.email}) = ${email.toLowerCase()}`);
  return rows.length > 0;
}

/** An invitation sent again replaces the earlier ones still pending for the same address. */
export async function revokePendingInvitationsFor(tx: Executor, institutionId: string, email: string, now: Date): Promise<number> {
  const rows = await tx
    .update(invitation)
    .set({ revokedAt: now })
    .where(
      and(
        eq(invitation.institutionId, institutionId),
        sql`lower(${invitation.email}) = ${email.toLowerCase()}`,
        isNull(invitation.acceptedAt),
        isNull(invitation.revokedAt),
      ),
    )
    .returning({ id: invitation.id });
  return rows.length;
}

export async function insertInvitation(tx: Executor, row: typeof invitation.$inferInsert): Promise<void> {
  await tx.insert(invitation).values(row);
}

export async function findInvitation(db: Executor, id: string): Promise<InvitationRow | null> {
  const [row] = await db.select().from(invitation).where(eq(invitation.id, id));
  return row ?? null;
}

/** Locks the row: two people opening the same link cannot both accept it. */
export async function findInvitationByTokenHash(tx: Executor, tokenHash: string, lock = false): Promise<InvitationRow | null> {
  const q = tx.select().from(invitation).where(eq(invitation.tokenHash, tokenHash));
  const [row] = lock ? await q.for('update') : await q;
  return row ?? null;
}

export async function markInvitationAccepted(tx: Executor, id: string, now: Date): Promise<boolean> {
  const rows = await tx
    .update(invitation)
    .set({ acceptedAt: now })
    .where(and(eq(invitation.id, id), isNull(invitation.acceptedAt), isNull(invitation.revokedAt)))
    .returning({ id: invitation.id });
  return rows.length === 1;
}

export async function markInvitationRevoked(tx: Executor, id: string, now: Date): Promise<boolean> {
  const rows = await tx
    .update(invitation)
    .set({ revokedAt: now })
    .where(and(eq(invitation.id, id), isNull(invitation.acceptedAt), isNull(invitation.revokedAt)))
    .returning({ id: invitation.id });
  return rows.length === 1;
}

/** The email is proven by the invitation link, so the account starts verified. */
export async function insertOfficialAccount(
  tx: Executor,
  row: { id: string; email: string; displayName: string; passwordHash: string | null; locale: 'ro' | 'en'; now: Date },
): Promise<void> {
  await tx.insert(account).values({
    id: row.id,
    email: row.email,
    emailVerifiedAt: row.now,
    passwordHash: row.passwordHash,
    displayName: row.displayName,
    locale: row.locale,
    isOfficial: true,
    createdAt: row.now,
    updatedAt: row.now,
  });
}

/** The account of an active administrator (a membership with the admin role, not revoked) with this address. */
export async function findAdministratorByEmail(db: Executor, email: string): Promise<{ accountId: string } | null> {
  const [row] = await db
    .select({ accountId: account.id })
    .from(account)
    .innerJoin(membership, eq(membership.accountId, account.id))
    .where(and(sql`lower(${account.email}) = ${email.toLowerCase()}`, eq(membership.role, 'administrator'), isNull(membership.revokedAt)))
    .limit(1);
  return row ?? null;
}

export async function insertMembership(tx: Executor, row: typeof membership.$inferInsert): Promise<void> {
  await tx.insert(membership).values(row);
}

export type MembershipRow = typeof membership.$inferSelect & { displayName: string };

export async function findMembership(db: Executor, id: string): Promise<MembershipRow | null> {
  const [row] = await db
    .select({ m: membership, displayName: account.displayName })
    .from(membership)
    .innerJoin(account, eq(account.id, membership.accountId))
    .where(eq(membership.id, id));
  return row ? { ...row.m, displayName: row.displayName } : null;
}

export async function markMembershipRevoked(tx: Executor, id: string, now: Date): Promise<boolean> {
  const rows = await tx
    .update(membership)
    .set({ revokedAt: now })
    .where(and(eq(membership.id, id), isNull(membership.revokedAt)))
    .returning({ id: membership.id });
  return rows.length === 1;
}

export async function countActiveMemberships(db: Executor, accountId: string): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(membership)
    .where(and(eq(membership.accountId, accountId), isNull(membership.revokedAt)));
  return Number(row?.n ?? 0);
}

/** Officials of a department and invitations into it still waiting: a department with either cannot be closed. */
export async function countDepartmentStaff(db: Executor, departmentId: string, now: Date): Promise<{ officials: number; invitations: number }> {
  const [m] = await db.select({ n: count() }).from(membership).where(and(eq(membership.departmentId, departmentId), isNull(membership.revokedAt)));
  const [i] = await db
    .select({ n: count() })
    .from(invitation)
    .where(and(eq(invitation.departmentId, departmentId), isNull(invitation.acceptedAt), isNull(invitation.revokedAt), gt(invitation.expiresAt, now)));
  return { officials: m?.n ?? 0, invitations: i?.n ?? 0 };
}
