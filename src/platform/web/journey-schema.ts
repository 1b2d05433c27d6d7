import { jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/** Answers of a one-question-per-page journey, per owner (account or anonymous cookie) and journey. */
export const journeyDraft = pgTable('journey_draft', {
  id: uuid('id').primaryKey(),
  journeyId: text('journey_id').notNull(),
  ownerKey: text('owner_key').notNull(),
  answers: jsonb('answers').$type<Record<string, Record<string, unknown>>>().notNull().default({}),
  submittedAt: timestamp('submitted_at', { withTimezone: true }),
  result: jsonb('result').$type<Record<string, unknown> | null>(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});
