import { date, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { serviceVersion } from '../catalog/schema.ts';
import { account, company } from '../identity/schema.ts';
import { department, institution } from '../organisation/schema.ts';
import { registryEntry } from '../registry/schema.ts';
import type { ActionType, CaseAction, CaseStatus } from './domain/case-state.ts';

/** Who applied, as registered: from the account, or typed by a clerk at the counter (assisted channel). */
export type Applicant = {
  kind: 'person' | 'company';
  name: string;
  cnp?: string | null;
  cui?: string | null;
  email?: string | null;
  phone?: string | null;
  address?: string | null;
  /** Assisted channel: the identity document the clerk checked (type and series/number). */
  idDocument?: string | null;
};

/**
 * A document the city hall obtains from its issuer instead of asking the applicant for it (OUG 41/2016), with the
 * applicant's consent: the id of the service's required document, when and by which account the consent was given.
 */
export type FetchedDocument = { documentId: string; consentAt: string; accountId: string | null };

export const caseTable = pgTable('case', {
  id: uuid('id').primaryKey(),
  institutionId: uuid('institution_id')
    .notNull()
    .references(() => institution.id),
  serviceVersionId: uuid('service_version_id')
    .notNull()
    .references(() => serviceVersion.id),
  kind: text('kind').$type<'request' | 'petition' | 'information'>().notNull(),
  trackingCode: text('tracking_code').notNull().unique(),
  registryEntryId: uuid('registry_entry_id')
    .notNull()
    .references(() => registryEntry.id),
  applicantAccountId: uuid('applicant_account_id').references(() => account.id),
  companyId: uuid('company_id').references(() => company.id),
  applicant: jsonb('applicant').$type<Applicant>().notNull(),
  answers: jsonb('answers').$type<Record<string, unknown>>().notNull(),
  channel: text('channel').$type<'online' | 'counter' | 'email' | 'post'>().notNull(),
  submittedAt: timestamp('submitted_at', { withTimezone: true }).notNull(),
  departmentId: uuid('department_id').references(() => department.id),
  status: text('status').$type<CaseStatus>().notNull(),
  assigneeId: uuid('assignee_id').references(() => account.id),
  /** The last day on which the answer is on time; null when the service expects no answer (a term of 0 days, migration 0048). */
  dueOn: date('due_on'),
  feeBani: integer('fee_bani').notNull().default(0),
  /** Migration 0043: what the institution fetches with the applicant's consent, copied from the draft at submission. */
  fetchedDocuments: jsonb('fetched_documents').$type<FetchedDocument[]>().notNull().default([]),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  /** Migration 0054: a petition another institution of the platform sent on here (OG 27/2002 art. 6¹): its case there. */
  receivedFromCaseId: uuid('received_from_case_id'),
  /** Migration 0055: the earlier petition on the same issue this one was joined to (OG 27/2002 art. 10). */
  joinedToCaseId: uuid('joined_to_case_id'),
  /*
   * The workflow's projection (migration 0020; workflow/schema.ts `caseStep` is that area's view of the same
   * table): declared here so a new case is inserted already placed on its first step, in one statement.
   */
  stepKey: text('step_key'),
  stepRole: text('step_role').default('registry_clerk'),
  stepDepartmentId: uuid('step_department_id'),
  stepAssigneeId: uuid('step_assignee_id'),
  stepDueOn: date('step_due_on'),
  stepQueue: text('step_queue').$type<'route' | 'assign' | 'work' | 'sign' | 'issue' | 'closed'>().notNull().default('route'),
  stepSeq: integer('step_seq').notNull().default(1),
});

export const caseAction = pgTable(
  'case_action',
  {
    caseId: uuid('case_id')
      .notNull()
      .references(() => caseTable.id),
    seq: integer('seq').notNull(),
    type: text('type').$type<ActionType>().notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
    day: date('day').notNull(),
    actorId: uuid('actor_id').references(() => account.id),
    transactionId: text('transaction_id').notNull(),
    payload: jsonb('payload').$type<CaseAction['payload']>().notNull().default({}),
  },
  (t) => [primaryKey({ columns: [t.caseId, t.seq] })],
);

export type DocumentSignature = {
  kind: 'simple' | 'advanced' | 'qualified' | 'none';
  valid: boolean;
  signer?: string;
  signedAt?: string;
  detail?: string;
};

export const caseDocument = pgTable('case_document', {
  id: uuid('id').primaryKey(),
  caseId: uuid('case_id').references(() => caseTable.id),
  draftId: uuid('draft_id'),
  direction: text('direction').$type<'in' | 'out'>().notNull(),
  questionId: text('question_id'),
  requiredDocumentId: text('required_document_id'),
  filename: text('filename').notNull(),
  mediaType: text('media_type').notNull(),
  sizeBytes: integer('size_bytes').notNull(),
  sha256: text('sha256').notNull(),
  signature: jsonb('signature').$type<DocumentSignature>(),
  uploadedBy: uuid('uploaded_by').references(() => account.id),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export const caseDraft = pgTable('case_draft', {
  id: uuid('id').primaryKey(),
  accountId: uuid('account_id')
    .notNull()
    .references(() => account.id),
  serviceVersionId: uuid('service_version_id')
    .notNull()
    .references(() => serviceVersion.id),
  answers: jsonb('answers').$type<Record<string, unknown>>().notNull().default({}),
  companyId: uuid('company_id').references(() => company.id),
  submittedCaseId: uuid('submitted_case_id').references(() => caseTable.id),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});
