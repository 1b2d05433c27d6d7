import { integer, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/** Every email and SMS, whatever the mode: the developers' outbox and the delivery log. */
export const outboxMessage = pgTable('outbox_message', {
  id: uuid('id').primaryKey(),
  channel: text('channel').$type<'email' | 'sms'>().notNull(),
  recipient: text('recipient').notNull(),
  accountId: uuid('account_id'),
  /** The institution that sent it; who may read it in the administrators' outbox (0041). */
  institutionId: uuid('institution_id'),
  template: text('template').notNull(),
  locale: text('locale').notNull(),
  subject: text('subject'),
  bodyText: text('body_text').notNull(),
  bodyHtml: text('body_html'),
  status: text('status').$type<'queued' | 'sent' | 'failed'>().notNull().default('queued'),
  attempts: integer('attempts').notNull().default(0),
  lastError: text('last_error'),
  providerId: text('provider_id'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  sentAt: timestamp('sent_at', { withTimezone: true }),
  /** Last time the message was queued or a delivery was attempted (0004). */
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  /** While set in the future, one delivery attempt holds the message (0004). */
  lockedUntil: timestamp('locked_until', { withTimezone: true }),
});

/** Files an e-mail carries, by their SHA-256 in the blob store, in order (0063). */
export const outboxAttachment = pgTable(
  'outbox_attachment',
  {
    messageId: uuid('message_id').notNull(),
    position: integer('position').notNull(),
    filename: text('filename').notNull(),
    mediaType: text('media_type').notNull(),
    sha256: text('sha256').notNull(),
    sizeBytes: integer('size_bytes').notNull(),
  },
  (t) => [primaryKey({ columns: [t.messageId, t.position] })],
);
