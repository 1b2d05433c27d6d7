import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/database.ts';
import { sealAudit, verifyAudit } from '../../platform/audit/audit.ts';
import { DEMO } from '../organisation/seed-demo.ts';
import { openTestDatabase } from '../../../test/support/harness.ts';
import { formatRegistryNumber, parseRegistryNumber } from './domain/registry-number.ts';
import { registerDocument } from './register-document.ts';
import { listNumbers } from './store.ts';

let database: Database;
let drop: () => Promise<void>;
beforeAll(async () => {
  ({ database, drop } = await openTestDatabase());
});
afterAll(async () => drop?.());

const base = {
  direction: 'incoming' as const,
  channel: 'counter' as const,
  issuerName: 'Ion Popescu',
  summary: 'Cerere eliberare certificat de urbanism',
  registeredBy: null,
};

class Rollback extends Error {}

async function register(institutionId: string, at: Date, rollback = false) {
  try {
    return await database.db.transaction(async (tx) => {
      const r = await registerDocument(tx, { ...base, institutionId, at });
      if (rollback) throw new Rollback();
      return r;
    });
  } catch (e) {
    if (e instanceof Rollback) return null;
    throw e;
  }
}

describe('registry numbers', () => {
  it('formats and parses the legal form 12345/22.11.2026', () => {
    expect(formatRegistryNumber(12345, '2026-11-22')).toBe('12345/22.11.2026');
    expect(parseRegistryNumber(' 12345 / 22.11.2026 ')).toEqual({ number: 12345, day: '2026-11-22' });
    expect(parseRegistryNumber('12/31.02.2026')).toBeNull();
    expect(parseRegistryNumber('abc')).toBeNull();
  });

  it('gives 50 concurrent registrations, 10 of them rolled back, the numbers 1..40 with no gap or duplicate', async () => {
    const at = new Date('2026-06-15T09:00:00Z');
    const results = await Promise.all(Array.from({ length: 50 }, (_, i) => register(DEMO.sector5, at, i % 5 === 2)));
    const committed = results.filter((r) => r !== null);
    expect(committed).toHaveLength(40);
    const numbers = await listNumbers(database.db, DEMO.sector5, 2026);
    expect(numbers).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
    expect(new Set(committed.map((r) => r!.number)).size).toBe(40);
  });

  it('keeps a separate sequence per institution', async () => {
    const r = await register(DEMO.taxes, new Date('2026-06-15T09:00:00Z'));
    expect(r!.number).toBe(1);
  });

  it('restarts at 1 at midnight Europe/Bucharest on 1 January, with concurrent registrations across the boundary', async () => {
    const before = new Date('2026-12-31T21:59:59.500Z'); // 23:59:59 in Bucharest
    const after = new Date('2026-12-31T22:00:00.500Z'); // 00:00:00 on 1 January 2027
    const results = await Promise.all(Array.from({ length: 30 }, (_, i) => register(DEMO.social, i % 2 ? after : before, i % 7 === 3)));
    const y2026 = results.filter((r) => r && r.year === 2026);
    const y2027 = results.filter((r) => r && r.year === 2027);
    expect(await listNumbers(database.db, DEMO.social, 2026)).toEqual(Array.from({ length: y2026.length }, (_, i) => i + 1));
    expect(await listNumbers(database.db, DEMO.social, 2027)).toEqual(Array.from({ length: y2027.length }, (_, i) => i + 1));
    expect(y2027.every((r) => r!.display.endsWith('/01.01.2027'))).toBe(true);
    expect(y2026.every((r) => r!.display.endsWith('/31.12.2026'))).toBe(true);
  });

  it('writes an intact audit chain entry for every registration', async () => {
    expect(await sealAudit(database.db)).toBeGreaterThanOrEqual(40 + 1);
    const result = await verifyAudit(database.db);
    expect(result.breaks).toEqual([]);
    expect(result.checked).toBeGreaterThanOrEqual(40 + 1);
  });

  it('refuses a link to an entry that does not exist, and the number is not used', async () => {
    const at = new Date('2026-06-16T09:00:00Z');
    await expect(
      database.db.transaction((tx) => registerDocument(tx, { ...base, institutionId: DEMO.sector5, at, linkedEntryId: '00000000-0000-4000-8000-000000000000' })),
    ).rejects.toMatchObject({ code: 'registry.linked_not_found' });
    const next = await register(DEMO.sector5, at);
    expect(next!.number).toBe(41);
  });

  it('links a document on the same matter to the first one, even when the clerk names a later one', async () => {
    const at = new Date('2026-06-17T09:00:00Z');
    const inTx = (extra: { linkedEntryId?: string }) => database.db.transaction((tx) => registerDocument(tx, { ...base, institutionId: DEMO.sector5, at, ...extra }));
    const first = await inTx({});
    const second = await inTx({ linkedEntryId: first.id });
    const third = await inTx({ linkedEntryId: second.id });
    const links = await database.query<{ id: string; linked_entry_id: string | null }>('SELECT id, linked_entry_id FROM registry_entry WHERE id = ANY($1)', [[second.id, third.id]]);
    expect(Object.fromEntries(links.map((l) => [l.id, l.linked_entry_id]))).toEqual({ [second.id]: first.id, [third.id]: first.id });
  });
});
