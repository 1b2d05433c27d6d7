import { and, getTableColumns, asc, desc, eq, gte, inArray, isNull, lte, or, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Executor } from '../../db/database.ts';
import { department } from '../organisation/schema.ts';
import type { Channel, Direction } from './domain/registry-number.ts';
import { registryDocument, registryEntry } from './schema.ts';

export type RegistryEntryRow = typeof registryEntry.$inferSelect;
export type NewRegistryEntry = Omit<typeof registryEntry.$inferInsert, 'number' | 'year'>;

/**
 * Takes the next number of the institution's sequence for `year`. The upsert locks the counter row until the
 * transaction ends: concurrent registrations wait in line, and a rollback gives the number back — no gaps,
 * no duplicates.
 */
/**
 * Takes the institution's next number for the year and records the entry with it, in one statement: the counter
 * row is locked from here to commit, and one round trip less is one less wait for every other registration.
 */
export async function insertNumberedEntry(
  tx: Executor,
  entry: NewRegistryEntry & { year: number },
  /** More data-modifying statements for the same round trip, given the entry's display number as an SQL value. */
  alongside: (display: SQL) => SQL[] = () => [],
): Promise<number> {
  const columns = getTableColumns(registryEntry);
  const keys = (Object.keys(entry) as (keyof typeof entry & keyof typeof columns)[]).filter((k) => entry[k] !== undefined);
  const [y, m, d] = String(entry.registeredOn).split('-');
  const display = sql`((SELECT last_number FROM n)::text || ${`/${d}.${m}.${y}`}::text)`;
  const extra = alongside(display).map((statement, i) => sql`, ${sql.raw(`x${i}`)} AS (${statement})`);
  const result = (await tx.execute(sql`WITH n AS (
      INSERT INTO registry_counter (institution_id, year, last_number) VALUES (${entry.institutionId}, ${entry.year}, 1)
      ON CONFLICT (institution_id, year) DO UPDATE SET last_number = registry_counter.last_number + 1
      RETURNING last_number
    )
    ${sql.join(extra, sql``)}
    INSERT INTO registry_entry (${sql.join(
      keys.map((k) => sql.identifier(columns[k].name)),
      sql`, `,
    )}, number)
    VALUES (${sql.join(
      keys.map((k) => sql`${columns[k].mapToDriverValue(entry[k] as never)}`),
      sql`, `,
    )}, (SELECT last_number FROM n))
    RETURNING number`)) as unknown as { rows: { number: number }[] };
  return Number(result.rows[0]!.number);
}

/**
 * Locks the counters of several institutions for `year` in one order, their ids' (a missing one is created at 0), for a
 * transaction that registers in more than one register (a petition sent on to another institution of the platform:
 * its number there, the outgoing letter here). A counter stays locked from its number to commit, so two such
 * transactions taking the same two counters in opposite orders would each wait for the other (a deadlock); taken
 * first and in one order, the second waits for the first.
 */
export async function lockCounters(tx: Executor, institutionIds: string[], year: number): Promise<void> {
  for (const id of [...new Set(institutionIds)].sort()) {
    await tx.execute(sql`INSERT INTO registry_counter (institution_id, year, last_number) VALUES (${id}, ${year}, 0)
      ON CONFLICT (institution_id, year) DO UPDATE SET last_number = registry_counter.last_number`);
  }
}

export async function findEntry(db: Executor, institutionId: string, id: string): Promise<RegistryEntryRow | null> {
  const [row] = await db
    .select()
    .from(registryEntry)
    .where(and(eq(registryEntry.institutionId, institutionId), eq(registryEntry.id, id)));
  return row ?? null;
}

/** The entries linked to `entryId` (later documents of the same matter), in the register's order. */
export async function listEntriesLinkedTo(db: Executor, entryId: string): Promise<RegistryEntryRow[]> {
  return db.select().from(registryEntry).where(eq(registryEntry.linkedEntryId, entryId)).orderBy(asc(registryEntry.year), asc(registryEntry.number));
}

export async function listEntriesBetween(db: Executor, institutionId: string, from: string, to: string): Promise<RegistryEntryRow[]> {
  return db
    .select()
    .from(registryEntry)
    .where(and(eq(registryEntry.institutionId, institutionId), gte(registryEntry.registeredOn, from), lte(registryEntry.registeredOn, to)))
    .orderBy(asc(registryEntry.year), asc(registryEntry.number));
}

export async function listNumbers(db: Executor, institutionId: string, year: number): Promise<number[]> {
  const rows = await db
    .select({ n: registryEntry.number })
    .from(registryEntry)
    .where(and(eq(registryEntry.institutionId, institutionId), eq(registryEntry.year, year)))
    .orderBy(asc(registryEntry.number));
  return rows.map((r) => r.n);
}

// ---- the register as the clerk reads it ----

export type RegistryDocumentRow = typeof registryDocument.$inferSelect;

/** One line of the register with what it refers to: its department's name and the numbers it is linked to. */
export type RegisterLine = RegistryEntryRow & {
  departmentName: string | null;
  linked: { number: number; day: string } | null;
  repliesTo: { number: number; day: string } | null;
  /** The replies registered to this document, written `12/22.11.2026`, in register order. */
  answeredBy: string[];
};

export type RegisterFilter = {
  number?: number;
  day?: string;
  from?: string;
  to?: string;
  direction?: Direction;
  channel?: Channel;
  departmentId?: string;
  /** Already folded (lower case, no diacritics). */
  text?: string;
};

const linkedEntry = alias(registryEntry, 'linked_entry');
const answeredEntry = alias(registryEntry, 'answered_entry');

/** Lower case without Romanian diacritics, in SQL (PGlite has no unaccent): ș and ş, ț and ţ both fold. */
const folded = (expr: SQL) => sql`lower(translate(${expr}, 'ĂÂÎȘȚŞŢăâîșțşţ', 'aaiststaaistst'))`;

function whereOf(institutionId: string, f: RegisterFilter): SQL | undefined {
  const likeText = f.text ? `%${f.text.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
  return and(
    eq(registryEntry.institutionId, institutionId),
    f.number !== undefined ? eq(registryEntry.number, f.number) : undefined,
    f.day ? eq(registryEntry.registeredOn, f.day) : undefined,
    f.from ? gte(registryEntry.registeredOn, f.from) : undefined,
    f.to ? lte(registryEntry.registeredOn, f.to) : undefined,
    f.direction ? eq(registryEntry.direction, f.direction) : undefined,
    f.channel ? eq(registryEntry.channel, f.channel) : undefined,
    f.departmentId ? eq(registryEntry.departmentId, f.departmentId) : undefined,
    likeText ? sql`${folded(sql`${registryEntry.issuerName} || ' ' || ${registryEntry.summary}`)} LIKE ${likeText}` : undefined,
  );
}

const lineColumns = {
  entry: registryEntry,
  departmentName: department.name,
  linkedNumber: linkedEntry.number,
  linkedDay: linkedEntry.registeredOn,
  answeredNumber: answeredEntry.number,
  answeredDay: answeredEntry.registeredOn,
  answeredBy: sql<string | null>`(SELECT string_agg(reply.number::text || '/' || to_char(reply.registered_on, 'DD.MM.YYYY'), ' ' ORDER BY reply.year, reply.number)
    FROM registry_entry reply WHERE reply.replies_to_entry_id = ${registryEntry.id})`,
};

type LineRow = {
  entry: RegistryEntryRow;
  departmentName: string | null;
  linkedNumber: number | null;
  linkedDay: string | null;
  answeredNumber: number | null;
  answeredDay: string | null;
  answeredBy: string | null;
};

const toLine = (r: LineRow): RegisterLine => ({
  ...r.entry,
  departmentName: r.departmentName,
  linked: r.linkedNumber !== null && r.linkedDay ? { number: r.linkedNumber, day: r.linkedDay } : null,
  repliesTo: r.answeredNumber !== null && r.answeredDay ? { number: r.answeredNumber, day: r.answeredDay } : null,
  answeredBy: r.answeredBy ? r.answeredBy.split(' ') : [],
});

function selectLines(db: Executor) {
  return db
    .select(lineColumns)
    .from(registryEntry)
    .leftJoin(department, eq(department.id, registryEntry.departmentId))
    .leftJoin(linkedEntry, eq(linkedEntry.id, registryEntry.linkedEntryId))
    .leftJoin(answeredEntry, eq(answeredEntry.id, registryEntry.repliesToEntryId));
}

/** A page of the register, newest first, and how many lines match in all. */
export async function searchEntries(
  db: Executor,
  institutionId: string,
  filter: RegisterFilter,
  page: { limit: number; offset: number },
): Promise<{ lines: RegisterLine[]; total: number }> {
  const where = whereOf(institutionId, filter);
  const [count] = await db.select({ n: sql<number>`count(*)::int` }).from(registryEntry).where(where);
  const rows = await selectLines(db)
    .where(where)
    .orderBy(desc(registryEntry.registeredAt), desc(registryEntry.year), desc(registryEntry.number))
    .limit(page.limit)
    .offset(page.offset);
  return { lines: rows.map(toLine), total: Number(count?.n ?? 0) };
}

/** Every line registered between two days (inclusive), in number order: the register as printed or exported. */
export async function listLinesBetween(db: Executor, institutionId: string, from: string, to: string, max: number): Promise<RegisterLine[]> {
  const rows = await selectLines(db)
    .where(and(eq(registryEntry.institutionId, institutionId), gte(registryEntry.registeredOn, from), lte(registryEntry.registeredOn, to)))
    .orderBy(asc(registryEntry.year), asc(registryEntry.number))
    .limit(max);
  return rows.map(toLine);
}

export async function findLine(db: Executor, institutionId: string, id: string): Promise<RegisterLine | null> {
  const [row] = await selectLines(db).where(and(eq(registryEntry.institutionId, institutionId), eq(registryEntry.id, id)));
  return row ? toLine(row) : null;
}

/** The entry with this legal number (number and registration day) in the institution's register. */
/** The documents registered as replies to `entryId` or linked to it (the same matter), in the register's order. */
export async function listRelatedEntries(db: Executor, entryId: string): Promise<RegistryEntryRow[]> {
  return db
    .select()
    .from(registryEntry)
    .where(or(eq(registryEntry.repliesToEntryId, entryId), eq(registryEntry.linkedEntryId, entryId)))
    .orderBy(asc(registryEntry.year), asc(registryEntry.number));
}

/**
 * The latest entry the same clerk registered since `since` with the same direction, channel, issuer and summary:
 * most likely the same paper registered twice (the browser's Back button brings the filled form back).
 */
export async function findRecentTwin(
  db: Executor,
  institutionId: string,
  twin: { registeredBy: string; direction: Direction; channel: Channel; issuerName: string; summary: string; since: Date; sinceDay: string },
): Promise<RegistryEntryRow | null> {
  const [row] = await db
    .select()
    .from(registryEntry)
    .where(
      and(
        eq(registryEntry.institutionId, institutionId),
        gte(registryEntry.registeredOn, twin.sinceDay),
        gte(registryEntry.registeredAt, twin.since),
        eq(registryEntry.registeredBy, twin.registeredBy),
        eq(registryEntry.direction, twin.direction),
        eq(registryEntry.channel, twin.channel),
        eq(registryEntry.issuerName, twin.issuerName),
        eq(registryEntry.summary, twin.summary),
      ),
    )
    .orderBy(desc(registryEntry.registeredAt))
    .limit(1);
  return row ?? null;
}

export async function findEntryByNumber(db: Executor, institutionId: string, number: number, day: string): Promise<RegistryEntryRow | null> {
  const [row] = await db
    .select()
    .from(registryEntry)
    .where(and(eq(registryEntry.institutionId, institutionId), eq(registryEntry.number, number), eq(registryEntry.registeredOn, day)));
  return row ?? null;
}

/** Completes an entry registered by another use case (a case opened from a paper document) with what the clerk typed. */
export async function completeEntry(
  tx: Executor,
  id: string,
  change: Partial<
    Pick<
      RegistryEntryRow,
      'channel' | 'issuerName' | 'issuerCode' | 'issuerReference' | 'issuerDate' | 'addressee' | 'summary' | 'pageCount' | 'annexCount' | 'departmentId' | 'fileCode' | 'linkedEntryId' | 'repliesToEntryId'
    >
  >,
): Promise<void> {
  await tx.update(registryEntry).set(change).where(eq(registryEntry.id, id));
}

/** The day an outgoing document was sent ("Data expedierii"), written once. */
export async function markSent(tx: Executor, id: string, day: string, pageCount?: number): Promise<void> {
  await tx.update(registryEntry).set({ sentOn: day }).where(and(eq(registryEntry.id, id), isNull(registryEntry.sentOn)));
  if (pageCount) await tx.update(registryEntry).set({ pageCount }).where(and(eq(registryEntry.id, id), isNull(registryEntry.pageCount)));
}

export async function insertDocument(tx: Executor, row: typeof registryDocument.$inferInsert): Promise<void> {
  await tx.insert(registryDocument).values(row);
}

export async function listDocuments(db: Executor, entryId: string): Promise<RegistryDocumentRow[]> {
  return db.select().from(registryDocument).where(eq(registryDocument.registryEntryId, entryId)).orderBy(asc(registryDocument.createdAt));
}

export async function findDocument(db: Executor, institutionId: string, entryId: string, id: string): Promise<RegistryDocumentRow | null> {
  const [row] = await db
    .select()
    .from(registryDocument)
    .where(and(eq(registryDocument.institutionId, institutionId), eq(registryDocument.registryEntryId, entryId), eq(registryDocument.id, id)));
  return row ?? null;
}

/** A line of any institution's register by its id (the caller checks who may see it). */
export async function findLineById(db: Executor, id: string): Promise<RegisterLine | null> {
  const [row] = await selectLines(db).where(eq(registryEntry.id, id));
  return row ? toLine(row) : null;
}

/**
 * Incoming and internal documents that opened no case, routed to one of `departments` (or to any department):
 * `open` — not resolved and not answered by a registered reply, oldest first (the first to deal with); `resolved` —
 * newest resolution first.
 */
export async function listRoutedLines(
  db: Executor,
  institutionId: string,
  departments: readonly string[] | 'institution',
  state: 'open' | 'resolved',
  page: { limit: number; offset: number },
): Promise<{ lines: RegisterLine[]; total: number }> {
  if (departments !== 'institution' && departments.length === 0) return { lines: [], total: 0 };
  const answered = sql`EXISTS (SELECT 1 FROM registry_entry reply WHERE reply.replies_to_entry_id = ${registryEntry.id})`;
  const where = and(
    eq(registryEntry.institutionId, institutionId),
    isNull(registryEntry.caseId),
    sql`${registryEntry.direction} <> 'outgoing'`,
    departments === 'institution' ? sql`${registryEntry.departmentId} IS NOT NULL` : inArray(registryEntry.departmentId, [...departments]),
    state === 'open' ? and(isNull(registryEntry.resolvedOn), sql`NOT ${answered}`) : or(sql`${registryEntry.resolvedOn} IS NOT NULL`, answered),
  );
  const [count] = await db.select({ n: sql<number>`count(*)::int` }).from(registryEntry).where(where);
  const order =
    state === 'open'
      ? [asc(registryEntry.registeredAt), asc(registryEntry.number)]
      : [sql`${registryEntry.resolvedOn} DESC NULLS LAST`, desc(registryEntry.registeredAt), desc(registryEntry.number)];
  const rows = await selectLines(db)
    .where(where)
    .orderBy(...order)
    .limit(page.limit)
    .offset(page.offset);
  return { lines: rows.map(toLine), total: Number(count?.n ?? 0) };
}

/** How a routed document was resolved (a code of register-columns.ts with an optional note, and the day), or undone. */
export async function setEntryResolution(tx: Executor, id: string, r: { code: string; note: string | null; day: string; fileCode: string | null }): Promise<void> {
  await tx.update(registryEntry).set({ resolutionCode: r.code, resolution: r.note, resolvedOn: r.day, ...(r.fileCode ? { fileCode: r.fileCode } : {}) }).where(eq(registryEntry.id, id));
}

/** Sends a document that opened no case to another department. */
export async function setEntryDepartment(tx: Executor, id: string, departmentId: string): Promise<void> {
  await tx.update(registryEntry).set({ departmentId }).where(eq(registryEntry.id, id));
}
