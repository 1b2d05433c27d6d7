import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, openDatabase } from '../../src/db/database.ts';
import { recordAudit, sealAudit, verifyAudit } from '../../src/platform/audit/audit.ts';
import { backupTo, restoreFrom } from '../../src/platform/backup/backup.ts';
import { openTestDatabase } from '../support/harness.ts';
import { copyToDataDir, createPgDatabase, createPgliteDatabase, runCli, tableContents, urlOf } from './support.ts';

/** A table with the types our schema does not use yet, created on both sides (migrations stay equal). */
const PROBE = `CREATE TABLE backup_probe (
  id bigserial PRIMARY KEY, data bytea, amount numeric(14,2), tags text[], doc json, docb jsonb,
  local_at timestamp, day date, ratio float8, span interval, big bigint, flag boolean, small smallint)`;

let source: { database: Database; drop: () => Promise<void> };
let dir: string;
let file: string;
const accountId = randomUUID();

beforeAll(async () => {
  source = await openTestDatabase();
  dir = mkdtempSync(join(tmpdir(), 'pd-backup-'));
  file = join(dir, 'backup.jsonl.gz');
  const db = source.database;
  await db.exec(PROBE);
  await db.query(
    `INSERT INTO account (id, email, display_name, phone, email_verified_at, created_at)
     VALUES ($1, 'stefan@example.ro', 'Ștefan Țărănescu-Îonașcu', NULL, '2026-03-29 02:30:00.123456+02', now())`,
    [accountId],
  );
  await db.query(`INSERT INTO person (account_id, cnp, first_name, last_name, address) VALUES ($1, NULL, 'Ștefan', 'Țărănescu', NULL)`, [accountId]);
  await db.query(
    `INSERT INTO backup_probe (data, amount, tags, doc, docb, local_at, day, ratio, span, big, flag, small) VALUES
       ('\\x00ff10a5'::bytea, 12345.67, ARRAY['ă','b c','"q"'], '{"z": 1, "a": [1, "ș"]}', '{"b": null, "a": "ț"}',
        '2026-12-31 23:59:59.999999', '2026-02-28', 0.1, '1 day 02:03:04', 9007199254740993, true, -3),
       (NULL, NULL, NULL, 'null', 'null', NULL, NULL, 'NaN', NULL, NULL, NULL, NULL),
       (NULL, NULL, '{}', NULL, NULL, NULL, NULL, NULL, NULL, NULL, false, NULL)`,
  );
  await db.db.transaction(async (tx) => {
    for (let i = 0; i < 3; i++) {
      await recordAudit(tx, { chain: 'backup-test', actorId: accountId, action: 'account.updated', subjectId: accountId, entity: 'account', entityId: accountId, details: { câmp: 'nume', pas: i, listă: [1, null, 'ă'] } });
    }
  });
  await backupTo(db, file);
});

afterAll(async () => {
  await source?.drop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('backup file', () => {
  it('is gzip JSON lines with a header listing the applied migrations and a closing record', () => {
    const lines = gunzipSync(readFileSync(file)).toString('utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(lines[0]).toMatchObject({ format: 'primaria-backup', version: 1, migrations: expect.arrayContaining(['0001_core.sql']) });
    expect(lines.at(-1)).toMatchObject({ end: true });
    const probe = lines.findIndex((l) => l.table === 'backup_probe');
    expect(lines[probe].columns[0]).toBe('id');
    // bytea as base64, jsonb as JSON (wrapped), timestamps as ISO, bigint exact
    const row = lines[probe + 1] as unknown[];
    expect(row[1]).toBe(Buffer.from([0, 0xff, 0x10, 0xa5]).toString('base64'));
    expect(row[5]).toEqual([{ a: 'ț', b: null }]);
    expect(row[6]).toBe('2026-12-31T23:59:59.999999');
    expect(row[10]).toBe('9007199254740993');
    const account = lines.find((l) => Array.isArray(l) && l[0] === accountId) as unknown[];
    expect(account).toContain('2026-03-29T00:30:00.123456+00:00');
    expect(account).toContain('Ștefan Țărănescu-Îonașcu');
  });
});

describe('restore into PostgreSQL', () => {
  let target: Awaited<ReturnType<typeof createPgDatabase>>;
  beforeAll(async () => {
    target = await createPgDatabase();
    await target.database.exec(PROBE);
  });
  afterAll(async () => target?.drop());

  it('refuses a damaged file with a clear message and restores nothing', async () => {
    const bytes = readFileSync(file);
    const damaged = Buffer.from(bytes);
    for (let i = Math.floor(bytes.length / 2); i < Math.floor(bytes.length / 2) + 16; i++) damaged[i] = damaged[i]! ^ 0x5a;
    writeFileSync(join(dir, 'damaged.gz'), damaged);
    await expect(restoreFrom(target.database, join(dir, 'damaged.gz'))).rejects.toThrow(/damaged/);

    writeFileSync(join(dir, 'truncated.gz'), bytes.subarray(0, Math.floor(bytes.length * 0.8)));
    await expect(restoreFrom(target.database, join(dir, 'truncated.gz'))).rejects.toThrow(/damaged|incomplete/);

    writeFileSync(join(dir, 'plain.txt'), 'not a backup');
    await expect(restoreFrom(target.database, join(dir, 'plain.txt'))).rejects.toThrow(/damaged or is not a Primăria Digitală backup/);

    const contents = await tableContents(target.database);
    expect(Object.values(contents).every((rows) => rows.length === 0)).toBe(true);
  });

  it('refuses a backup made at another migration list', async () => {
    const lines = gunzipSync(readFileSync(file)).toString('utf8').split('\n');
    const header = JSON.parse(lines[0]!);
    header.migrations = [...header.migrations, '9999_future.sql'];
    lines[0] = JSON.stringify(header);
    writeFileSync(join(dir, 'future.gz'), gzipSync(lines.join('\n')));
    await expect(restoreFrom(target.database, join(dir, 'future.gz'))).rejects.toThrow(/lacks: 9999_future\.sql/);
  });

  it('restores every table exactly, keeps the audit chain intact and the sequences where they were', async () => {
    const summary = await restoreFrom(target.database, file);
    expect(summary.rows).toBeGreaterThan(10);
    expect(await tableContents(target.database)).toEqual(await tableContents(source.database));
    await sealAudit(target.database.db);
    expect((await verifyAudit(target.database.db)).breaks).toEqual([]);
    const [next] = await target.database.query<{ id: string }>(`INSERT INTO backup_probe DEFAULT VALUES RETURNING id::text`);
    expect(next!.id).toBe('4');
  });

  it('refuses to restore into a database that already contains data', async () => {
    await expect(restoreFrom(target.database, file)).rejects.toThrow(/already contains data \(tables .*account/);
  });
});

describe('restore into embedded PGlite', () => {
  it('restores every table exactly', async () => {
    const target = await createPgliteDatabase();
    try {
      await target.exec(PROBE);
      await restoreFrom(target, file);
      expect(await tableContents(target)).toEqual(await tableContents(source.database));
    } finally {
      await target.close();
    }
  });
});

describe('the primaria CLI', () => {
  it('backs up with `primaria backup` and restores with `primaria restore` into a fresh embedded data dir', async () => {
    const other = await openTestDatabase();
    try {
      await other.database.query(
        `INSERT INTO account (id, email, display_name, created_at) VALUES ($1, 'ana@example.ro', 'Ana Țiriac', '2026-01-02T03:04:05.678+02:00')`,
        [randomUUID()],
      );
      const pglite = other.database.kind === 'pglite';
      if (pglite) await copyToDataDir(other.database, join(dir, 'source'));
      const cliFile = join(dir, 'cli.jsonl.gz');
      const backup = await runCli(
        ['backup', cliFile],
        pglite ? { DATABASE_URL: undefined, DATA_DIR: join(dir, 'source') } : { DATABASE_URL: urlOf(other.database), DATA_DIR: join(dir, 'unused') },
      );
      expect(backup.stderr).toBe('');
      expect(backup.stdout).toMatch(/Backup written to .*cli\.jsonl\.gz: \d+ tables, \d+ rows\./);
      expect(backup.code).toBe(0);

      const restoredEnv = { DATABASE_URL: undefined, DATA_DIR: join(dir, 'restored') };
      const restored = await runCli(['restore', cliFile], restoredEnv);
      expect(restored.stdout).toMatch(/Restored \d+ rows into \d+ tables\./);
      expect(restored.code).toBe(0);

      const again = await runCli(['restore', cliFile], restoredEnv);
      expect(again.stderr).toMatch(/already contains data/);
      expect(again.code).toBe(1);

      const copy = await openDatabase({ kind: 'pglite', dataDir: join(dir, 'restored', 'pglite') });
      try {
        expect(await tableContents(copy)).toEqual(await tableContents(other.database));
      } finally {
        await copy.close();
      }
    } finally {
      await other.drop();
    }
  }, 180_000);
});
