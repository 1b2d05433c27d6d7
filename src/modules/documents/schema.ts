import { integer, jsonb, pgTable, primaryKey, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import type { AnswerOutcome } from '../cases/domain/case-state.ts';
import type { PartialRefusal } from './domain/partial-refusal.ts';
import { caseDocument, caseTable } from '../cases/schema.ts';
import { account } from '../identity/schema.ts';
import { institution } from '../organisation/schema.ts';
import { registryEntry } from '../registry/schema.ts';

/** Migrations 0030 (templates, documents, signatures), 0031 (signing keys, institution seals), 0042 (answer drafts, outcomes), 0044 (remedy), 0059 (generating call's transactionId), 0072 (partial refusal). */

export const documentTemplate = pgTable(
  'document_template',
  {
    id: uuid('id').primaryKey(),
    institutionId: uuid('institution_id')
      .notNull()
      .references(() => institution.id),
    serviceCode: text('service_code').notNull(),
    version: integer('version').notNull(),
    title: text('title').notNull(),
    body: text('body').notNull(),
    /** Migration 0044: the remedy printed under a refusal; null for the default of the case's kind. */
    remedy: text('remedy'),
    createdBy: uuid('created_by').references(() => account.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique().on(t.institutionId, t.serviceCode, t.version)],
);

export type PlannedSigner = {
  accountId: string;
  name: string;
  role: 'inspector' | 'head_of_department' | 'mayor' | string;
  /**
   * The title printed for the signer when it is not the role's usual one: the head of a subordinate institution (a
   * tax or social-assistance directorate) holds the mayor's role in the workflow but signs as its director general.
   */
  title?: 'director_general';
};
export type AnswerDocumentStatus = 'signing' | 'signed' | 'issued' | 'superseded';

export const answerDocument = pgTable(
  'answer_document',
  {
    id: uuid('id').primaryKey(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => caseTable.id),
    institutionId: uuid('institution_id')
      .notNull()
      .references(() => institution.id),
    version: integer('version').notNull(),
    status: text('status').$type<AnswerDocumentStatus>().notNull(),
    title: text('title').notNull(),
    body: text('body').notNull(),
    templateVersion: integer('template_version'),
    /** Null for versions generated before answers had an outcome. */
    outcome: text('outcome').$type<AnswerOutcome>(),
    /** Outcome `partial`: the part refused, its exemption ground and reasons, as the document states them. */
    partialRefusal: jsonb('partial_refusal').$type<PartialRefusal>(),
    outgoingEntryId: uuid('outgoing_entry_id')
      .notNull()
      .references(() => registryEntry.id),
    signers: jsonb('signers').$type<PlannedSigner[]>().notNull(),
    unsignedSha256: text('unsigned_sha256').notNull(),
    currentSha256: text('current_sha256').notNull(),
    sizeBytes: integer('size_bytes').notNull(),
    caseDocumentId: uuid('case_document_id').references(() => caseDocument.id),
    /** The generating call's idempotency key (null for versions generated before keys were kept). */
    transactionId: text('transaction_id'),
    createdBy: uuid('created_by').references(() => account.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    issuedAt: timestamp('issued_at', { withTimezone: true }),
  },
  (t) => [unique().on(t.caseId, t.version)],
);

/** The answer the official is writing for a case: its outcome and text, copied into each version generated from it. */
export const answerDraft = pgTable('answer_draft', {
  caseId: uuid('case_id')
    .primaryKey()
    .references(() => caseTable.id),
  institutionId: uuid('institution_id')
    .notNull()
    .references(() => institution.id),
  outcome: text('outcome').$type<AnswerOutcome>().notNull(),
  text: text('text').notNull(),
  /** Outcome `partial`: the part refused, its exemption ground and reasons; null for any other outcome. */
  partialRefusal: jsonb('partial_refusal').$type<PartialRefusal>(),
  updatedBy: uuid('updated_by').references(() => account.id),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

export const documentSignature = pgTable(
  'document_signature',
  {
    documentId: uuid('document_id')
      .notNull()
      .references(() => answerDocument.id),
    seq: integer('seq').notNull(),
    accountId: uuid('account_id').references(() => account.id),
    role: text('role').notNull(),
    signerName: text('signer_name').notNull(),
    method: text('method').$type<'pkcs12' | 'csc' | 'seal'>().notNull(),
    signedAt: timestamp('signed_at', { withTimezone: true }).notNull(),
    sha256: text('sha256').notNull(),
    transactionId: text('transaction_id').notNull(),
  },
  (t) => [primaryKey({ columns: [t.documentId, t.seq] }), unique().on(t.documentId, t.transactionId)],
);

export const signingKey = pgTable('signing_key', {
  accountId: uuid('account_id')
    .primaryKey()
    .references(() => account.id),
  kind: text('kind').$type<'pkcs12' | 'csc'>().notNull(),
  sealedP12: text('sealed_p12'),
  cscUrl: text('csc_url'),
  cscClientId: text('csc_client_id'),
  sealedCscSecret: text('sealed_csc_secret'),
  cscCredentialId: text('csc_credential_id'),
  certificateSubject: text('certificate_subject').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export const institutionSeal = pgTable('institution_seal', {
  institutionId: uuid('institution_id')
    .primaryKey()
    .references(() => institution.id),
  sealedP12: text('sealed_p12').notNull(),
  sealedPassword: text('sealed_password').notNull(),
  certificateSubject: text('certificate_subject').notNull(),
  tsaUrl: text('tsa_url'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});
