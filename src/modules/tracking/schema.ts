import { date, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { caseTable } from '../cases/schema.ts';

/** Which deadline emails the daily job has sent: one per case, kind and due date (an extension arms a new one). */
export const caseReminder = pgTable(
  'case_reminder',
  {
    caseId: uuid('case_id')
      .notNull()
      .references(() => caseTable.id),
    kind: text('kind').$type<'due_soon' | 'overdue'>().notNull(),
    dueOn: date('due_on').notNull(),
    sentAt: timestamp('sent_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.caseId, t.kind, t.dueOn] })],
);
