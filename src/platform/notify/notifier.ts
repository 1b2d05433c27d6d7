import type { Tx } from '../../db/database.ts';

export type Recipient = { accountId?: string | null; email?: string | null; phone?: string | null; locale: 'ro' | 'en' };

/** A file an e-mail carries: a blob already in the blob store (e.g. a case's document), named as the reader sees it. */
export type Attachment = { filename: string; mediaType: string; sha256: string; sizeBytes: number };

/**
 * Sends a templated message. `enqueue` records it in the outbox inside the caller's transaction and
 * queues its delivery, so a message exists exactly when the business change that caused it commits.
 */
export interface Notifier {
  /** `institutionId`: who sends it (and whose administrators may read it); the deployment's own institution when left out. */
  enqueue(
    tx: Tx,
    message: { template: string; to: Recipient; data: Record<string, unknown>; channels?: ('email' | 'sms')[]; institutionId?: string | null; attachments?: Attachment[] },
  ): Promise<string[]>;
}
