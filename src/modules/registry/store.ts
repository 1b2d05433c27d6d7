import { and, asc, eq, gte, lte, sql } from 'drizzle-orm';
import type { Executor } from '../../db/database.ts';
import { registryCounter, registryEntry } from './schema.ts';

export type RegistryEntryRow = typeof registryEntry.$inferSelect;
export type NewRegistryEntry = Omit<typeof registryEntry.$inferInsert, 'number' | 'year'>;

/**
 * Takes the next number of the institution's sequence for `year`. The upsert locks the counter row until the
 * transaction ends: concurrent registrations wait in line, and a rollback gives the number back — no gaps,
 * no duplicates.
 */
export async function takeNextNumber(tx: Executor, institutionId: string, year: number): Promise<number> {
  const [row] = await tx
    .insert(registryCounter)
    .values({ institutionId, year, lastNumber: 1 })
    .onConflictDoUpdate({
      target: [registryCounter.institutionId, registryCounter.year],
      set: { lastNumber: sql`${registryCounter.lastNumber} + 1` },
    })
    .returning({ number: registryCounter.lastNumber });
  return row!.number;
}

export async function insertEntry(tx: Executor, entry: NewRegistryEntry & { number: number; year: number }): Promise<void> {
  await tx.insert(registryEntry).values(entry);
}

export async function findEntry(db: Executor, institutionId: string, id: string): Promise<RegistryEntryRow | null> {
  const [row] = await db
    .select()
    .from(registryEntry)
    .where(and(eq(registryEntry.institutionId, institutionId), eq(registryEntry.id, id)));
  return row ?? null;
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
