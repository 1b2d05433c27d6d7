import { randomUUID } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import type { Executor } from '../../db/database.ts';
import { journeyDraft } from './journey-schema.ts';

export type DraftRow = typeof journeyDraft.$inferSelect;
export type StepAnswers = Record<string, Record<string, unknown>>;

export async function findDraft(db: Executor, journeyId: string, ownerKey: string, options: { lock?: boolean } = {}): Promise<DraftRow | null> {
  const query = db
    .select()
    .from(journeyDraft)
    .where(and(eq(journeyDraft.journeyId, journeyId), eq(journeyDraft.ownerKey, ownerKey)));
  const [row] = options.lock ? await query.for('update') : await query;
  return row ?? null;
}

/** Saves the answers of one step; a draft that was already submitted starts over. */
export async function saveStepAnswers(db: Executor, journeyId: string, ownerKey: string, answers: StepAnswers, now: Date): Promise<void> {
  await db
    .insert(journeyDraft)
    .values({ id: randomUUID(), journeyId, ownerKey, answers, createdAt: now, updatedAt: now })
    .onConflictDoUpdate({
      target: [journeyDraft.journeyId, journeyDraft.ownerKey],
      set: { answers, submittedAt: null, result: null, updatedAt: now },
    });
}

/** Clears the answers and keeps the outcome for the confirmation page. */
export async function markSubmitted(db: Executor, id: string, result: Record<string, unknown>, now: Date): Promise<void> {
  await db.update(journeyDraft).set({ answers: {}, submittedAt: now, result, updatedAt: now }).where(eq(journeyDraft.id, id));
}

/** Removes drafts untouched since `before` (anonymous visitors rarely come back). */
export async function deleteStaleDrafts(db: Executor, before: Date): Promise<number> {
  const rows = await db.delete(journeyDraft).where(sql`${journeyDraft.updatedAt} < ${before.toISOString()}`).returning({ id: journeyDraft.id });
  return rows.length;
}
