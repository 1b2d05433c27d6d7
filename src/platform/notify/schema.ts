import { integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

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
