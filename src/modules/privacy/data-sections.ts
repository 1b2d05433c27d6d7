import type { Executor } from '../../db/database.ts';
import type { T } from '../../platform/i18n/i18n.ts';

/** A value in a personal-data export: dates become ISO strings in the JSON and dd.mm.yyyy HH:mm on the page. */
export type DataValue = string | number | boolean | null | Date;
export type DataRecord = Record<string, DataValue>;

/** Whose data is being gathered (always the signed-in person; there is no way to ask for someone else's). */
export type DataSubject = { accountId: string };

/**
 * One part of "all the personal data we hold about you". Each area contributes the sections for its own
 * tables (cases, payments, appointments…) by calling `registerDataSection` in its module's `register`,
 * and reads them through its own store: the privacy area only gathers and presents them.
 */
export type DataSection = {
  /** Stable key of the section in the JSON export (`account`, `cases`); part of the export format. */
  key: string;
  /** i18n key of the section heading. */
  titleKey: string;
  /** i18n key of one sentence saying why the city hall holds this data (optional). */
  descriptionKey?: string;
  /** Position on the page; the core sections use 10–90, areas use 100 and up. */
  order: number;
  /** `one`: a single record shown as a summary list; `many`: a table. */
  shape: 'one' | 'many';
  /** The fields shown on the page, in order, with their i18n labels; every field is in the download. */
  /** `valuesKey`: codes stored in the field (a language, a channel, a status) read as `${valuesKey}.${code}` on the page. */
  /** `describe`: the field on the page when its words depend on the whole record (an audit action and what it touched). */
  fields: { name: string; labelKey: string; valuesKey?: string; describe?: (t: T, record: DataRecord) => string }[];
  /** Reads the records on the caller's transaction (one query at a time). */
  collect(tx: Executor, subject: DataSubject): Promise<DataRecord[]>;
};

const sections = new Map<string, DataSection>();

/** Adds a section, or replaces the one with the same key (apps built again in the same process re-register). */
export function registerDataSection(section: DataSection): void {
  if (!/^[a-z][a-z0-9_]*$/.test(section.key)) throw new Error(`data section key ${section.key} must be snake_case`);
  sections.set(section.key, section);
}

export function dataSections(): DataSection[] {
  return [...sections.values()].sort((a, b) => a.order - b.order || a.key.localeCompare(b.key));
}
