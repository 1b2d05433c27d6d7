import { type AnyPgColumn, date, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';

export type WorkingHours = { days: string; hours: string }[];

export const institution = pgTable('institution', {
  id: uuid('id').primaryKey(),
  parentId: uuid('parent_id').references((): AnyPgColumn => institution.id),
  slug: text('slug').notNull().unique(),
  name: text('name').notNull(),
  shortName: text('short_name').notNull(),
  cui: text('cui').notNull(),
  siruta: text('siruta'),
  address: text('address').notNull(),
  email: text('email'),
  phone: text('phone'),
  website: text('website'),
  workingHours: jsonb('working_hours').$type<WorkingHours>().notNull().default([]),
  logoSha256: text('logo_sha256'),
  logoMediaType: text('logo_media_type'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

export const department = pgTable('department', {
  id: uuid('id').primaryKey(),
  institutionId: uuid('institution_id')
    .notNull()
    .references(() => institution.id),
  parentId: uuid('parent_id').references((): AnyPgColumn => department.id),
  kind: text('kind').$type<'directie' | 'serviciu' | 'birou' | 'compartiment'>().notNull(),
  code: text('code').notNull(),
  name: text('name').notNull(),
  email: text('email'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  /** Migration 0052: last renamed or moved; closed by the council's decision (kept: history names it, nothing new goes to it). */
  updatedAt: timestamp('updated_at', { withTimezone: true }),
  closedAt: timestamp('closed_at', { withTimezone: true }),
  closedBy: uuid('closed_by'),
});

export const institutionClosure = pgTable(
  'institution_closure',
  {
    institutionId: uuid('institution_id')
      .notNull()
      .references(() => institution.id),
    day: date('day').notNull(),
    reason: text('reason').notNull(),
    createdBy: uuid('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.institutionId, t.day] })],
);
