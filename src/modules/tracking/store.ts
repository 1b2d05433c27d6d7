import { and, eq, inArray, isNull, } from 'drizzle-orm';
import type { Executor } from '../../db/database.ts';
import { account, membership } from '../identity/schema.ts';
import { caseReminder } from './schema.ts';

// ---- deadline reminders ----

/** Records that a reminder went out; false when it had already been sent (the job then sends nothing). */
export async function claimReminder(tx: Executor, input: { caseId: string; kind: 'due_soon' | 'overdue'; dueOn: string; at: Date }): Promise<boolean> {
  const rows = await tx
    .insert(caseReminder)
    .values({ caseId: input.caseId, kind: input.kind, dueOn: input.dueOn, sentAt: input.at })
    .onConflictDoNothing()
    .returning({ caseId: caseReminder.caseId });
  return rows.length > 0;
}

export async function listReminders(db: Executor, caseId: string): Promise<(typeof caseReminder.$inferSelect)[]> {
  return db.select().from(caseReminder).where(eq(caseReminder.caseId, caseId));
}

export type StaffContact = { accountId: string; email: string; locale: 'ro' | 'en' };

/** An official's address for work emails (disabled accounts get none). */
export async function findStaffContacts(db: Executor, accountIds: string[]): Promise<StaffContact[]> {
  if (accountIds.length === 0) return [];
  return db
    .select({ accountId: account.id, email: account.email, locale: account.locale })
    .from(account)
    .where(and(inArray(account.id, accountIds), isNull(account.disabledAt)));
}

/** The officials holding `role` in a department (or institution-wide when departmentId is null), memberships in force. */
export async function findHolders(db: Executor, input: { institutionId: string; departmentId: string | null; role: string }): Promise<StaffContact[]> {
  return db
    .select({ accountId: account.id, email: account.email, locale: account.locale })
    .from(membership)
    .innerJoin(account, eq(account.id, membership.accountId))
    .where(
      and(
        eq(membership.institutionId, input.institutionId),
        input.departmentId ? eq(membership.departmentId, input.departmentId) : isNull(membership.departmentId),
        eq(membership.role, input.role),
        isNull(membership.revokedAt),
        isNull(account.disabledAt),
      ),
    );
}
