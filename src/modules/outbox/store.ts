import { and, count, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Executor } from '../../db/database.ts';
import { outboxAttachment, outboxMessage } from '../../platform/notify/schema.ts';

export type OutboxRow = typeof outboxMessage.$inferSelect;
/** `institutions`: only messages these institutions sent ('all': every message). */
export type RecipientFilter = { recipient?: string | null; match: 'exact' | 'contains'; institutions: string[] | 'all' };

/**
 * Takes one queued message for a delivery attempt: counts the attempt and holds a lease, so a second job for
 * the same message (a retry racing a sweep) finds nothing to do. Null when the message is sent, failed,
 * missing or held by another attempt.
 */
export async function claimForDelivery(db: Executor, id: string, leaseSeconds: number): Promise<OutboxRow | null> {
  const [row] = await db
    .update(outboxMessage)
    .set({
      attempts: sql`${outboxMessage.attempts} + 1`,
      updatedAt: sql`now()`,
      lockedUntil: sql`now() + make_interval(secs => ${leaseSeconds})`,
    })
    .where(
      and(
        eq(outboxMessage.id, id),
        eq(outboxMessage.status, 'queued'),
        sql`(${outboxMessage.lockedUntil} IS NULL OR ${outboxMessage.lockedUntil} < now())`,
      ),
    )
    .returning();
  return row ?? null;
}

export type OutboxAttachmentRow = typeof outboxAttachment.$inferSelect;

/** The files a message carries, in order. */
export async function listAttachments(db: Executor, messageId: string): Promise<OutboxAttachmentRow[]> {
  return db.select().from(outboxAttachment).where(eq(outboxAttachment.messageId, messageId)).orderBy(outboxAttachment.position);
}

export async function markSent(db: Executor, id: string, providerId: string): Promise<void> {
  await db
    .update(outboxMessage)
    .set({ status: 'sent', providerId, sentAt: sql`now()`, updatedAt: sql`now()`, lockedUntil: null })
    .where(eq(outboxMessage.id, id));
}

export async function markFailed(db: Executor, id: string, error: string): Promise<void> {
  await db
    .update(outboxMessage)
    .set({ status: 'failed', lastError: error, updatedAt: sql`now()`, lockedUntil: null })
    .where(eq(outboxMessage.id, id));
}

/** Records a transient failure and releases the lease so the retry can claim the message. */
export async function releaseAfterError(db: Executor, id: string, error: string): Promise<void> {
  await db.update(outboxMessage).set({ lastError: error, updatedAt: sql`now()`, lockedUntil: null }).where(eq(outboxMessage.id, id));
}

/**
 * Queued messages nobody has queued or tried for `olderThanSeconds`, marked as re-queued now (so the next
 * sweep leaves them alone for as long). SKIP LOCKED lets two sweeping processes share the work.
 */
export async function takeStaleQueued(tx: Executor, olderThanSeconds: number, limit: number): Promise<string[]> {
  const rows = await tx.execute(sql`
    UPDATE outbox_message SET updated_at = now()
    WHERE id IN (
      SELECT id FROM outbox_message
      WHERE status = 'queued'
        AND updated_at < now() - make_interval(secs => ${olderThanSeconds})
        AND (locked_until IS NULL OR locked_until < now())
      ORDER BY updated_at
      LIMIT ${limit}
      FOR UPDATE SKIP LOCKED
    )
    RETURNING id`);
  return (rows as unknown as { rows: { id: string }[] }).rows.map((r) => r.id);
}

export async function findMessage(db: Executor, id: string): Promise<OutboxRow | null> {
  const [row] = await db.select().from(outboxMessage).where(eq(outboxMessage.id, id));
  return row ?? null;
}

function recipientCondition(filter: RecipientFilter) {
  const scope = filter.institutions === 'all' ? undefined : filter.institutions.length ? inArray(outboxMessage.institutionId, filter.institutions) : sql`false`;
  const value = filter.recipient?.trim().toLowerCase();
  if (!value) return scope;
  if (filter.match === 'exact') return and(scope, sql`lower(${outboxMessage.recipient}) = ${value}`);
  const escaped = value.replace(/[\\%_]/g, (c) => `\\${c}`);
  return and(scope, sql`lower(${outboxMessage.recipient}) LIKE ${`%${escaped}%`}`);
}

/** Newest first. */
export async function listMessages(db: Executor, filter: RecipientFilter, page: { limit: number; offset: number }): Promise<OutboxRow[]> {
  return db
    .select()
    .from(outboxMessage)
    .where(recipientCondition(filter))
    .orderBy(desc(outboxMessage.createdAt), desc(outboxMessage.id))
    .limit(page.limit)
    .offset(page.offset);
}

export async function countMessages(db: Executor, filter: RecipientFilter): Promise<number> {
  const [row] = await db.select({ n: count() }).from(outboxMessage).where(recipientCondition(filter));
  return Number(row?.n ?? 0);
}
