import { date, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { account } from '../identity/schema.ts';
import { department, institution } from '../organisation/schema.ts';
import type { WorkflowDefinition } from './domain/workflow-definition.ts';

/** A service's own workflow; services without a row follow DEFAULT_WORKFLOW. */
export const workflow = pgTable(
  'workflow',
  {
    institutionId: uuid('institution_id')
      .notNull()
      .references(() => institution.id),
    serviceCode: text('service_code').notNull(),
    definition: jsonb('definition').$type<WorkflowDefinition>().notNull(),
    updatedBy: uuid('updated_by').references(() => account.id),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.institutionId, t.serviceCode] })],
);

/** Round robin: the last person given a case of a service in a department. */
export const workflowRotation = pgTable(
  'workflow_rotation',
  {
    institutionId: uuid('institution_id').notNull(),
    serviceCode: text('service_code').notNull(),
    departmentId: uuid('department_id').notNull(),
    lastAssigneeId: uuid('last_assignee_id').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.institutionId, t.serviceCode, t.departmentId] })],
);

/** Step reminders and escalations sent, once per case, step entry and kind. */
export const workflowStepReminder = pgTable(
  'workflow_step_reminder',
  {
    caseId: uuid('case_id').notNull(),
    stepSeq: integer('step_seq').notNull(),
    kind: text('kind').$type<'due_soon' | 'overdue'>().notNull(),
    stepKey: text('step_key').notNull(),
    sentAt: timestamp('sent_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.caseId, t.stepSeq, t.kind] })],
);

/**
 * The workflow's view of the `case` table: the columns the workflow and inbox queries read, and the workflow's own
 * columns (added by migration 0020): the current step, a projection of the
 * case's action log kept in the same transaction. The case area's schema.ts describes the table's other columns;
 * only the workflow and inbox stores read or write these.
 */
export const caseStep = pgTable('case', {
  id: uuid('id').primaryKey(),
  institutionId: uuid('institution_id').notNull(),
  serviceVersionId: uuid('service_version_id').notNull(),
  registryEntryId: uuid('registry_entry_id').notNull(),
  trackingCode: text('tracking_code').notNull(),
  applicant: jsonb('applicant').$type<{ name: string; cnp?: string | null; cui?: string | null }>().notNull(),
  departmentId: uuid('department_id'),
  submittedAt: timestamp('submitted_at', { withTimezone: true }).notNull(),
  status: text('status').notNull(),
  /** The case's legal term (kept by the cases area): the inbox shows it and counts it as overdue. */
  dueOn: date('due_on'),
  stepKey: text('step_key'),
  stepRole: text('step_role'),
  stepDepartmentId: uuid('step_department_id').references(() => department.id),
  stepAssigneeId: uuid('step_assignee_id').references(() => account.id),
  stepDueOn: date('step_due_on'),
  stepQueue: text('step_queue').$type<'route' | 'assign' | 'work' | 'sign' | 'issue' | 'closed'>().notNull(),
  stepSeq: integer('step_seq').notNull(),
  searchName: text('search_name'),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
});
