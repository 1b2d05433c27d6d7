import { type AnyPgColumn, date, integer, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { account } from '../identity/schema.ts';
import { department, institution } from '../organisation/schema.ts';
import type { Channel, Direction } from './domain/registry-number.ts';

export const registryCounter = pgTable(
  'registry_counter',
  {
    institutionId: uuid('institution_id')
      .notNull()
      .references(() => institution.id),
    year: integer('year').notNull(),
    lastNumber: integer('last_number').notNull(),
  },
  (t) => [primaryKey({ columns: [t.institutionId, t.year] })],
);

export const registryEntry = pgTable('registry_entry', {
  id: uuid('id').primaryKey(),
  institutionId: uuid('institution_id')
    .notNull()
    .references(() => institution.id),
  year: integer('year').notNull(),
  number: integer('number').notNull(),
  registeredAt: timestamp('registered_at', { withTimezone: true }).notNull(),
  registeredOn: date('registered_on').notNull(),
  direction: text('direction').$type<Direction>().notNull(),
  channel: text('channel').$type<Channel>().notNull(),
  issuerName: text('issuer_name').notNull(),
  /** The issuer's CNP or CUI, when typed at the registry (migration 0014). */
  issuerCode: text('issuer_code'),
  issuerReference: text('issuer_reference'),
  issuerDate: date('issuer_date'),
  addressee: text('addressee'),
  summary: text('summary').notNull(),
  pageCount: integer('page_count'),
  annexCount: integer('annex_count').notNull().default(0),
  departmentId: uuid('department_id').references(() => department.id),
  sentOn: date('sent_on'),
  resolution: text('resolution'),
  /** Migration 0042: how the case was resolved as a code (cases/domain/case-state.ts) and the day, rendered per language. */
  resolutionCode: text('resolution_code'),
  resolvedOn: date('resolved_on'),
  fileCode: text('file_code'),
  linkedEntryId: uuid('linked_entry_id').references((): AnyPgColumn => registryEntry.id),
  repliesToEntryId: uuid('replies_to_entry_id').references((): AnyPgColumn => registryEntry.id),
  caseId: uuid('case_id'),
  registeredBy: uuid('registered_by').references(() => account.id),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/** A scan of a registered paper or e-mail document (content-addressed blob, checked by content at upload). */
export const registryDocument = pgTable('registry_document', {
  id: uuid('id').primaryKey(),
  institutionId: uuid('institution_id')
    .notNull()
    .references(() => institution.id),
  registryEntryId: uuid('registry_entry_id')
    .notNull()
    .references(() => registryEntry.id),
  filename: text('filename').notNull(),
  mediaType: text('media_type').$type<'application/pdf' | 'image/jpeg' | 'image/png'>().notNull(),
  sizeBytes: integer('size_bytes').notNull(),
  sha256: text('sha256').notNull(),
  uploadedBy: uuid('uploaded_by').references(() => account.id),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});
