import { and, desc, eq, gt, lt, sql } from 'drizzle-orm';
import { boolean, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import type { Executor } from '../../db/database.ts';

/** A form's fields as the browser sent them: one value, or several for a repeated name (checkboxes). */
export type FormFields = Record<string, string | string[]>;
/** A page that sent files: by file input, the names of the files chosen in it (never their content). */
export type ChosenFiles = Record<string, string[]>;

export const unsentForm = pgTable('unsent_form', {
  id: uuid('id').primaryKey(),
  accountId: uuid('account_id').notNull(),
  action: text('action').notNull(),
  back: text('back'),
  fields: jsonb('fields').$type<FormFields>().notNull(),
  /** null for a plain form, else the files its multipart body had (to be chosen again; migration 0074). */
  files: jsonb('files').$type<ChosenFiles>(),
  secretsLeftOut: boolean('secrets_left_out').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
});

/** A kept page. */
export type UnsentFormRow = typeof unsentForm.$inferSelect;

/** Ends a session at its idle or absolute limit, saying so (a page sent after it may be kept; after a sign-out not). */
export async function endTimedOutSession(db: Executor, sessionId: string, now: Date): Promise<void> {
  await db.execute(sql`UPDATE session SET revoked_at = ${now.toISOString()}, timed_out = true WHERE id = ${sessionId} AND revoked_at IS NULL`);
}

/** The account of a session that ended by its time limit since `since`, unless the account is disabled. */
export async function findTimedOutSessionAccount(db: Executor, sessionId: string, since: Date): Promise<string | null> {
  const rows = await db.execute(sql`
    SELECT s.account_id FROM session s JOIN account a ON a.id = s.account_id
     WHERE s.id = ${sessionId} AND s.timed_out AND s.revoked_at >= ${since.toISOString()} AND a.disabled_at IS NULL`);
  return (rows as unknown as { rows: { account_id: string }[] }).rows[0]?.account_id ?? null;
}

/** Keeps a page; the account's expired ones are dropped and only its `keep` most recent are left. */
export async function insertUnsentForm(db: Executor, row: UnsentFormRow, keep: number): Promise<void> {
  await db.delete(unsentForm).where(and(eq(unsentForm.accountId, row.accountId), lt(unsentForm.expiresAt, row.createdAt)));
  await db.insert(unsentForm).values(row);
  const older = await db.select({ id: unsentForm.id }).from(unsentForm).where(eq(unsentForm.accountId, row.accountId)).orderBy(desc(unsentForm.createdAt)).offset(keep);
  for (const o of older) await db.delete(unsentForm).where(eq(unsentForm.id, o.id));
}

/** The account's kept page, while it has not expired. */
export async function findUnsentForm(db: Executor, accountId: string, id: string, now: Date): Promise<UnsentFormRow | null> {
  const [row] = await db.select().from(unsentForm).where(and(eq(unsentForm.id, id), eq(unsentForm.accountId, accountId), gt(unsentForm.expiresAt, now)));
  return row ?? null;
}
