import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.ts';
import { recordAudit, sealAudit, verifyAudit } from '../../src/platform/audit/audit.ts';
import { openTestDatabase } from '../support/harness.ts';
import { copyToDataDir, runCli, urlOf } from './support.ts';

let t: { database: Database; drop: () => Promise<void> };
let dir: string;
const edited = `audit-edit-${randomBytes(4).toString('hex')}`;
const deleted = `audit-delete-${randomBytes(4).toString('hex')}`;
const clerk = randomUUID();
const citizen = randomUUID();

async function record(database: Database, chain: string, n: number) {
  await database.db.transaction(async (tx) => {
    for (let i = 1; i <= n; i++) {
      await recordAudit(tx, {
        chain,
        actorId: clerk,
        action: 'person.viewed',
        subjectId: citizen,
        entity: 'person',
        entityId: citizen,
        // keys jsonb will reorder (it sorts by length first), a Date it turns into a string, diacritics
        details: { zzz_motiv: 'verificare', a: i, când: new Date('2026-03-29T01:00:00Z'), listă: ['ă', { y: 1, x: null }] },
        ip: '127.0.0.1',
      });
    }
  });
}

async function cliEnv(database: Database, name: string) {
  if (database.kind === 'pg') return { DATABASE_URL: urlOf(database), DATA_DIR: join(dir, 'unused') };
  await copyToDataDir(database, join(dir, name));
  return { DATABASE_URL: undefined, DATA_DIR: join(dir, name) };
}

beforeAll(async () => {
  t = await openTestDatabase();
  dir = mkdtempSync(join(tmpdir(), 'pd-audit-'));
  await record(t.database, edited, 4);
  await record(t.database, deleted, 4);
});

afterAll(async () => {
  await t?.drop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('audit verify', () => {
  it('finds untouched chains intact, whatever order jsonb keeps the keys in', async () => {
    // Entries join their chain when sealed (the workers do it every second; here by hand).
    expect(await sealAudit(t.database.db)).toBeGreaterThanOrEqual(8);
    expect(await sealAudit(t.database.db)).toBe(0);
    const result = await verifyAudit(t.database.db);
    expect(result.breaks).toEqual([]);
    expect(result.checked).toBeGreaterThanOrEqual(8);
    const cli = await runCli(['audit', 'verify'], await cliEnv(t.database, 'intact'));
    expect(cli.stdout).toMatch(/Audit log intact: \d+ entries checked\./);
    expect(cli.code).toBe(0);
  }, 120_000);

  it('reports exactly the chain and entry whose details were edited in the database', async () => {
    await t.database.query(`UPDATE audit_entry SET details = '{"a": 2, "motiv": "altceva"}' WHERE chain = $1 AND seq = 2`, [edited]);
    expect((await verifyAudit(t.database.db)).breaks).toEqual([{ chain: edited, seq: 2, reason: 'hash_mismatch' }]);
  });

  it('reports a deleted entry', async () => {
    await t.database.query('DELETE FROM audit_entry WHERE chain = $1 AND seq = 3', [deleted]);
    const { breaks } = await verifyAudit(t.database.db);
    expect(breaks).toContainEqual({ chain: deleted, seq: 3, reason: 'missing_entry' });
    expect(breaks).toHaveLength(2);
  });

  it('makes `primaria audit verify` print the tampered entries and exit with 2', async () => {
    const cli = await runCli(['audit', 'verify'], await cliEnv(t.database, 'tampered'));
    expect(cli.stdout).toContain(`TAMPERED chain=${edited} entry=2 (hash_mismatch)`);
    expect(cli.stdout).toContain(`TAMPERED chain=${deleted} entry=3 (missing_entry)`);
    expect(cli.code).toBe(2);
  }, 120_000);
});
