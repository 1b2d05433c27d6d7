import { and, eq, isNull, lt, sql } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import type { Executor } from '../../db/database.ts';
import { account, recoveryCode } from './schema.ts';
import { totpUsedStep } from './two-factor-schema.ts';

/** The SQL of two-factor authentication: the account's TOTP columns, recovery codes and the replay guard. */

export type TwoFactorAccount = {
  id: string;
  email: string;
  displayName: string;
  isOfficial: boolean;
  totpSecret: string | null;
  totpEnabledAt: Date | null;
};

export async function findTwoFactorAccount(db: Executor, accountId: string): Promise<TwoFactorAccount | null> {
  const [row] = await db
    .select({
      id: account.id,
      email: account.email,
      displayName: account.displayName,
      isOfficial: account.isOfficial,
      totpSecret: account.totpSecret,
      totpEnabledAt: account.totpEnabledAt,
    })
    .from(account)
    .where(eq(account.id, accountId));
  return row ?? null;
}

/** Stores the secret being set up; never replaces the secret of an account whose two-factor is on. */
export async function storePendingTotpSecret(tx: Executor, accountId: string, sealed: string, now: Date): Promise<boolean> {
  const rows = await tx
    .update(account)
    .set({ totpSecret: sealed, updatedAt: now })
    .where(and(eq(account.id, accountId), isNull(account.totpEnabledAt)))
    .returning({ id: account.id });
  return rows.length === 1;
}

export async function enableTotp(tx: Executor, accountId: string, now: Date): Promise<boolean> {
  const rows = await tx
    .update(account)
    .set({ totpEnabledAt: now, updatedAt: now })
    .where(and(eq(account.id, accountId), isNull(account.totpEnabledAt)))
    .returning({ id: account.id });
  return rows.length === 1;
}

export async function disableTotp(tx: Executor, accountId: string, now: Date): Promise<void> {
  await tx.update(account).set({ totpSecret: null, totpEnabledAt: null, updatedAt: now }).where(eq(account.id, accountId));
  await tx.delete(recoveryCode).where(eq(recoveryCode.accountId, accountId));
  await tx.delete(totpUsedStep).where(eq(totpUsedStep.accountId, accountId));
}

/**
 * Records that a code of time step `step` was used. Atomic: of two requests with the same code only one
 * gets true, and a step not newer than the last accepted one is refused.
 */
export async function claimTotpStep(tx: Executor, accountId: string, step: number, now: Date): Promise<boolean> {
  const rows = await tx
    .insert(totpUsedStep)
    .values({ accountId, lastStep: step, usedAt: now })
    .onConflictDoUpdate({
      target: totpUsedStep.accountId,
      set: { lastStep: step, usedAt: now },
      setWhere: lt(totpUsedStep.lastStep, step),
    })
    .returning({ accountId: totpUsedStep.accountId });
  return rows.length === 1;
}

export async function replaceRecoveryCodes(tx: Executor, accountId: string, hashes: string[]): Promise<void> {
  await tx.delete(recoveryCode).where(eq(recoveryCode.accountId, accountId));
  await tx.insert(recoveryCode).values(hashes.map((codeHash) => ({ id: randomUUID(), accountId, codeHash })));
}

/** Marks a recovery code used; false when it does not exist or was used already. */
export async function consumeRecoveryCode(tx: Executor, accountId: string, codeHash: string, now: Date): Promise<boolean> {
  const rows = await tx
    .update(recoveryCode)
    .set({ usedAt: now })
    .where(and(eq(recoveryCode.accountId, accountId), eq(recoveryCode.codeHash, codeHash), isNull(recoveryCode.usedAt)))
    .returning({ id: recoveryCode.id });
  return rows.length > 0;
}

export async function countUnusedRecoveryCodes(db: Executor, accountId: string): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(recoveryCode)
    .where(and(eq(recoveryCode.accountId, accountId), isNull(recoveryCode.usedAt)));
  return Number(row?.n ?? 0);
}
