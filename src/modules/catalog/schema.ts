import { type AnyPgColumn, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { account } from '../identity/schema.ts';
import { institution } from '../organisation/schema.ts';
import type { ServiceDefinition } from './domain/service-definition.ts';

export const service = pgTable('service', {
  id: uuid('id').primaryKey(),
  institutionId: uuid('institution_id')
    .notNull()
    .references(() => institution.id),
  code: text('code').notNull(),
  category: text('category').notNull(),
  publishedVersionId: uuid('published_version_id').references((): AnyPgColumn => serviceVersion.id),
  /** Withdrawn from the online catalogue (0050): not listed, no new request online; its published version is kept for republishing. */
  withdrawnAt: timestamp('withdrawn_at', { withTimezone: true }),
  withdrawnBy: uuid('withdrawn_by').references(() => account.id),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export const serviceVersion = pgTable('service_version', {
  id: uuid('id').primaryKey(),
  serviceId: uuid('service_id')
    .notNull()
    .references(() => service.id),
  version: integer('version').notNull(),
  status: text('status').$type<'draft' | 'published' | 'retired'>().notNull(),
  definition: jsonb('definition').$type<ServiceDefinition>().notNull(),
  searchText: text('search_text').notNull().default(''),
  createdBy: uuid('created_by').references(() => account.id),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  publishedAt: timestamp('published_at', { withTimezone: true }),
});
