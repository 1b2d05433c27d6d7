import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase } from '../../../test/support/harness.ts';
import type { Database } from '../../db/database.ts';
import { recordAudit, recordAudits, sealAudit, verifyAudit } from './audit.ts';

/**
 * Audit entries are written unsealed by business transactions that do not wait for each other, and linked into
 * their chain by the sealer: these tests hold the sealer to an unbroken, unforked chain whatever the interleaving.
 */
let t: { database: Database; drop: () => Promise<void> };
beforeAll(async () => {
  t = await openTestDatabase();
});
afterAll(async () => t?.drop());

const chainOf = (chain: string) =>
  t.database.query<{ seq: number; action: string }>('SELECT seq::int AS seq, action FROM audit_entry WHERE chain = $1 ORDER BY seq', [chain]);

describe('sealing the audit log', () => {
  it('links concurrent writers into one chain, 1..N without a gap, and skips what was rolled back', async () => {
    const chain = 'test-sealing-concurrent';
    await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        t.database.db
          .transaction(async (tx) => {
            await recordAudits(tx, [
              { chain, actorId: null, action: `w${i}.a`, entity: 'test', details: { i } },
              { chain, actorId: null, action: `w${i}.b`, entity: 'test', details: { i, at: new Date(0) } },
            ]);
            if (i % 5 === 0) throw new Error('rolled back on purpose');
          })
          .catch(() => null),
      ),
    );
    // Two sealers at once (two worker processes): neither forks the chain nor seals an entry twice.
    const [a, b] = await Promise.all([sealAudit(t.database.db, [chain]), sealAudit(t.database.db, [chain])]);
    expect(a + b).toBe(64);
    const rows = await chainOf(chain);
    expect(rows.map((r) => r.seq)).toEqual(Array.from({ length: 64 }, (_, i) => i + 1));
    expect(rows.some((r) => r.action.startsWith('w0.') || r.action.startsWith('w5.'))).toBe(false);
    // Each writer's two entries stay in the order they were written.
    for (let i = 1; i < 40; i++) {
      if (i % 5 === 0) continue;
      const pos = (s: string) => rows.findIndex((r) => r.action === s);
      expect(pos(`w${i}.a`)).toBeLessThan(pos(`w${i}.b`));
    }
    expect((await verifyAudit(t.database.db)).breaks).toEqual([]);
  });

  it('continues a sealed chain, and verify then catches an edit in either part', async () => {
    const chain = 'test-sealing-continue';
    for (let i = 0; i < 3; i++) await recordAudit(t.database.db, { chain, actorId: null, action: `first.${i}`, entity: 'test' });
    expect(await sealAudit(t.database.db, [chain])).toBe(3);
    for (let i = 0; i < 3; i++) await recordAudit(t.database.db, { chain, actorId: null, action: `second.${i}`, entity: 'test' });
    // Not yet sealed: not in the chain, and not a break either.
    expect((await chainOf(chain)).filter((r) => r.seq !== null)).toHaveLength(3);
    expect((await verifyAudit(t.database.db)).breaks).toEqual([]);
    expect(await sealAudit(t.database.db)).toBeGreaterThanOrEqual(3);
    expect((await chainOf(chain)).map((r) => r.action)).toEqual(['first.0', 'first.1', 'first.2', 'second.0', 'second.1', 'second.2']);
    expect((await verifyAudit(t.database.db)).breaks).toEqual([]);
    await t.database.query(`UPDATE audit_entry SET action = 'altered' WHERE chain = $1 AND seq = 5`, [chain]);
    expect((await verifyAudit(t.database.db)).breaks).toEqual([{ chain, seq: 5, reason: 'hash_mismatch' }]);
  });
});
