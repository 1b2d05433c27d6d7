import { createReadStream, createWriteStream, renameSync, rmSync } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { StringDecoder } from 'node:string_decoder';
import { createGunzip, createGzip } from 'node:zlib';
import type { Database, RawClient } from '../../db/database.ts';

/**
 * Portable logical backup: gzip'ed JSON lines, readable by any PostgreSQL ≥ 15 or PGlite.
 *
 *   {"format":"primaria-backup","version":1,"createdAt":…,"source":"pglite","migrations":[…]}
 *   {"table":"account","columns":["id","email",…]}
 *   [cell, cell, …]                         one line per row, cells in column order
 *   {"end":"account","rows":12}
 *   …
 *   {"sequences":[{"name":"…","value":"42"}]}
 *   {"end":true,"tables":17,"rows":240}    without it the file is incomplete
 *
 * Cells: SQL NULL is null; boolean and int2/int4 are JSON booleans and numbers; bytea is base64; jsonb is
 * the JSON value wrapped in a one-element array (so a JSON `null` differs from SQL NULL); timestamps are
 * ISO 8601 strings in UTC with their offset (microseconds kept); everything else (bigint, numeric, float, date,
 * interval, uuid, json, arrays, enums) is PostgreSQL's own text form, which the same type parses back exactly.
 *
 * Only the `public` schema is copied, minus `schema_migrations` (the header lists it). pg-boss's `pgboss`
 * schema is left out on purpose: jobs are transient and the modules re-arm their schedules at start.
 */
export const BACKUP_FORMAT = 'primaria-backup';
export const BACKUP_VERSION = 1;

const FETCH_ROWS = 1000;
/** Rows per INSERT statement, bounded by PostgreSQL's 65 535 parameters. */
const MAX_PARAMS = 20_000;
const MAX_BATCH_ROWS = 500;

export class BackupError extends Error {
  override name = 'BackupError';
}

type Header = { format: string; version: number; createdAt: string; source: string; migrations: string[] };
type Kind = 'bool' | 'int' | 'bytea' | 'json' | 'timestamptz' | 'timestamp' | 'text';
type Column = { name: string; type: string; kind: Kind; identityAlways: boolean };
type Table = { name: string; columns: Column[] };
export type BackupSummary = { tables: number; rows: number };

const qi = (name: string) => `"${name.replaceAll('"', '""')}"`;

function kindOf(typname: string): Kind {
  switch (typname) {
    case 'bool':
      return 'bool';
    case 'int2':
    case 'int4':
      return 'int';
    case 'bytea':
      return 'bytea';
    case 'jsonb': // plain `json` keeps its text exactly (whitespace, key order): it travels as text
      return 'json';
    case 'timestamptz':
      return 'timestamptz';
    case 'timestamp':
      return 'timestamp';
    default:
      return 'text';
  }
}

/** Every value leaves the database as text, so the result does not depend on the driver's type parsers. */
function selectExpression(c: Column, i: number): string {
  const value = c.kind === 'bytea' ? `translate(encode(${qi(c.name)}, 'base64'), E'\\n', '')` : `${qi(c.name)}::text`;
  return `${value} AS c${i}`;
}

function toCell(kind: Kind, text: string | null): unknown {
  if (text === null) return null;
  switch (kind) {
    case 'bool':
      return text === 'true';
    case 'int':
      return Number(text);
    case 'json':
      return [JSON.parse(text)];
    case 'timestamptz': // the session runs in UTC: "2026-03-01 10:00:00.123456+00"
      return text.replace(' ', 'T').replace(/\+00$/, '+00:00');
    case 'timestamp':
      return text.replace(' ', 'T');
    default:
      return text;
  }
}

function toParam(kind: Kind, cell: unknown): string | null {
  if (cell === null || cell === undefined) return null;
  if (kind === 'json') {
    if (!Array.isArray(cell) || cell.length !== 1) throw new BackupError('damaged row: a json cell must be a one-element array');
    return JSON.stringify(cell[0]);
  }
  return String(cell);
}

/** Parameters go in as text and are cast with the target's own column type (its input function parses them). */
function paramExpression(c: Column, n: number): string {
  return c.kind === 'bytea' ? `decode($${n}::text, 'base64')` : `$${n}::text::${c.type}`;
}

async function appliedMigrations(c: RawClient): Promise<string[]> {
  const rows = await c.query<{ name: string }>('SELECT name FROM schema_migrations');
  return rows.map((r) => r.name).sort();
}

/** Tables of the `public` schema, parents before the tables that reference them. */
async function listTables(c: RawClient): Promise<Table[]> {
  const cols = await c.query<{ table: string; name: string; type: string; typname: string; identity: string }>(
    `SELECT cl.relname AS "table", a.attname AS name, format_type(a.atttypid, a.atttypmod) AS type,
            CASE WHEN t.typtype = 'd' THEN bt.typname ELSE t.typname END AS typname, a.attidentity AS identity
       FROM pg_class cl
       JOIN pg_namespace ns ON ns.oid = cl.relnamespace
       JOIN pg_attribute a ON a.attrelid = cl.oid AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = ''
       JOIN pg_type t ON t.oid = a.atttypid
       LEFT JOIN pg_type bt ON bt.oid = t.typbasetype
      WHERE ns.nspname = 'public' AND cl.relkind IN ('r', 'p') AND NOT cl.relispartition
        AND cl.relname <> 'schema_migrations'
      ORDER BY cl.relname, a.attnum`,
  );
  const byName = new Map<string, Table>();
  for (const r of cols) {
    const t = byName.get(r.table) ?? { name: r.table, columns: [] };
    byName.set(r.table, t);
    t.columns.push({ name: r.name, type: r.type, kind: kindOf(r.typname), identityAlways: r.identity === 'a' });
  }
  const fks = await c.query<{ child: string; parent: string }>(
    `SELECT ch.relname AS child, pa.relname AS parent
       FROM pg_constraint co
       JOIN pg_class ch ON ch.oid = co.conrelid
       JOIN pg_class pa ON pa.oid = co.confrelid
       JOIN pg_namespace ns ON ns.oid = ch.relnamespace
      WHERE co.contype = 'f' AND ns.nspname = 'public'`,
  );
  const parents = new Map<string, Set<string>>();
  for (const f of fks) {
    if (f.child === f.parent) continue;
    const set = parents.get(f.child) ?? new Set<string>();
    set.add(f.parent);
    parents.set(f.child, set);
  }
  // Depth-first topological order; a cycle (rare) is cut where it is found — the restore runs without FK triggers anyway.
  const ordered: Table[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (name: string) => {
    if (state.has(name)) return;
    state.set(name, 'visiting');
    for (const p of [...(parents.get(name) ?? [])].sort()) visit(p);
    state.set(name, 'done');
    const t = byName.get(name);
    if (t) ordered.push(t);
  };
  for (const name of [...byName.keys()].sort()) visit(name);
  return ordered;
}

/** A consistent snapshot on one connection, in UTC with ISO dates whatever the server's settings. */
async function beginSnapshot(c: RawClient, readOnly: boolean): Promise<void> {
  await c.exec(
    `BEGIN ISOLATION LEVEL REPEATABLE READ${readOnly ? ' READ ONLY' : ''};
     SET LOCAL TimeZone = 'UTC'; SET LOCAL DateStyle = 'ISO, YMD'; SET LOCAL IntervalStyle = 'postgres'; SET LOCAL extra_float_digits = 3;`,
  );
}

/**
 * Writes every table of the `public` schema to `file` (gzip'ed JSON lines) from one consistent snapshot,
 * reading through a cursor so a large table never sits in memory. The file appears only once complete.
 */
export async function backupTo(database: Database, file: string): Promise<BackupSummary> {
  const partial = `${file}.partial`;
  const summary: BackupSummary = { tables: 0, rows: 0 };
  try {
    await database.withClient(async (c) => {
      await beginSnapshot(c, true);
      try {
        await pipeline(Readable.from(dumpLines(c, database.kind, summary)), createGzip(), createWriteStream(partial));
      } finally {
        await c.exec('ROLLBACK');
      }
    });
    renameSync(partial, file);
  } catch (err) {
    rmSync(partial, { force: true });
    throw err;
  }
  return summary;
}

async function* dumpLines(c: RawClient, source: string, summary: BackupSummary): AsyncGenerator<string> {
  const header: Header = {
    format: BACKUP_FORMAT,
    version: BACKUP_VERSION,
    createdAt: new Date().toISOString(),
    source,
    migrations: await appliedMigrations(c),
  };
  yield `${JSON.stringify(header)}\n`;
  for (const t of await listTables(c)) {
    yield `${JSON.stringify({ table: t.name, columns: t.columns.map((col) => col.name) })}\n`;
    await c.exec(`DECLARE backup_rows NO SCROLL CURSOR FOR SELECT ${t.columns.map(selectExpression).join(', ')} FROM ${qi(t.name)}`);
    let count = 0;
    for (;;) {
      const rows = await c.query<Record<string, string | null>>(`FETCH ${FETCH_ROWS} FROM backup_rows`);
      if (rows.length === 0) break;
      let chunk = '';
      for (const r of rows) chunk += `${JSON.stringify(t.columns.map((col, i) => toCell(col.kind, r[`c${i}`] ?? null)))}\n`;
      count += rows.length;
      yield chunk;
    }
    await c.exec('CLOSE backup_rows');
    yield `${JSON.stringify({ end: t.name, rows: count })}\n`;
    summary.tables++;
    summary.rows += count;
  }
  const sequences = await c.query<{ name: string; value: string | null }>(
    `SELECT sequencename AS name, last_value::text AS value FROM pg_sequences WHERE schemaname = 'public' ORDER BY 1`,
  );
  yield `${JSON.stringify({ sequences })}\n`;
  yield `${JSON.stringify({ end: true, tables: summary.tables, rows: summary.rows })}\n`;
}

/** The decompressed lines of a backup file; a damaged gzip stream surfaces as a BackupError. */
async function* readLines(file: string): AsyncGenerator<string> {
  const source = createReadStream(file);
  const gunzip = createGunzip();
  source.on('error', (err) => gunzip.destroy(err));
  source.pipe(gunzip);
  const decoder = new StringDecoder('utf8');
  let rest = '';
  try {
    for await (const chunk of gunzip) {
      rest += decoder.write(chunk as Buffer);
      let nl = rest.indexOf('\n');
      while (nl >= 0) {
        yield rest.slice(0, nl);
        rest = rest.slice(nl + 1);
        nl = rest.indexOf('\n');
      }
    }
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    if (e.code === 'ENOENT') throw new BackupError(`The backup file ${file} does not exist.`);
    throw new BackupError(`The backup file ${file} is damaged or is not a Primăria Digitală backup (${e.message}). Nothing was restored.`);
  }
  rest += decoder.end();
  if (rest) yield rest;
}

function parseLine(line: string, what: string): unknown {
  try {
    return JSON.parse(line);
  } catch {
    throw new BackupError(`The backup file is damaged: ${what} is not valid JSON. Nothing was restored.`);
  }
}

/**
 * Restores a backup into an empty database migrated to exactly the same migrations, in one transaction:
 * either everything is restored or nothing is. Foreign keys and triggers are switched off for the
 * transaction (`session_replication_role = replica`), so rows may come in any order; sequences get their
 * saved values back.
 */
export async function restoreFrom(database: Database, file: string): Promise<BackupSummary> {
  const lines = readLines(file);
  const first = await lines.next();
  const header = first.done ? null : (parseLine(first.value, 'the header') as Partial<Header> | null);
  if (!header || header.format !== BACKUP_FORMAT) {
    throw new BackupError(`${file} is not a Primăria Digitală backup (its first line is not a backup header). Nothing was restored.`);
  }
  if (header.version !== BACKUP_VERSION) {
    throw new BackupError(`${file} is a backup of format version ${header.version}; this program reads version ${BACKUP_VERSION}.`);
  }
  return database.withClient(async (c) => {
    await beginSnapshot(c, false);
    try {
      const summary = await restoreOn(c, header as Header, lines);
      await c.exec('COMMIT');
      return summary;
    } catch (err) {
      await c.exec('ROLLBACK');
      throw err;
    } finally {
      await lines.return(undefined);
    }
  });
}

async function restoreOn(c: RawClient, header: Header, lines: AsyncGenerator<string>): Promise<BackupSummary> {
  const here = await appliedMigrations(c);
  if (here.join('\n') !== [...header.migrations].sort().join('\n')) {
    const missing = header.migrations.filter((m) => !here.includes(m));
    const extra = here.filter((m) => !header.migrations.includes(m));
    throw new BackupError(
      `Refusing to restore: the backup was made at a different database version. ` +
        (missing.length ? `The backup has migrations this database lacks: ${missing.join(', ')}. ` : '') +
        (extra.length ? `This database has migrations the backup lacks: ${extra.join(', ')}. ` : '') +
        'Restore with the program version that made the backup, then upgrade.',
    );
  }
  const tables = new Map((await listTables(c)).map((t) => [t.name, t]));
  const nonEmpty: string[] = [];
  for (const t of tables.values()) {
    const [r] = await c.query<{ any: boolean }>(`SELECT EXISTS (SELECT 1 FROM ${qi(t.name)}) AS any`);
    if (r?.any) nonEmpty.push(t.name);
  }
  if (nonEmpty.length) {
    throw new BackupError(
      `Refusing to restore: the target database already contains data (tables ${nonEmpty.join(', ')}). ` +
        'Restore only into an empty, freshly migrated database.',
    );
  }
  await disableForeignKeys(c);

  const summary: BackupSummary = { tables: 0, rows: 0 };
  let current: { table: Table; columns: Column[]; rows: unknown[][]; count: number } | null = null;
  let finished = false;
  let sequences: { name: string; value: string | null }[] = [];
  let lineNo = 1;
  for await (const line of lines) {
    lineNo++;
    if (finished) throw new BackupError(`The backup file is damaged: unexpected data after its end (line ${lineNo}).`);
    const item = parseLine(line, `line ${lineNo}`);
    if (Array.isArray(item)) {
      if (!current) throw new BackupError(`The backup file is damaged: a row outside any table (line ${lineNo}).`);
      if (item.length !== current.columns.length) {
        throw new BackupError(`The backup file is damaged: row of ${current.table.name} on line ${lineNo} has ${item.length} values, expected ${current.columns.length}.`);
      }
      current.rows.push(item);
      current.count++;
      if (current.rows.length >= batchSize(current.columns.length)) await insertRows(c, current.table.name, current.columns, current.rows.splice(0));
      continue;
    }
    const record = (item ?? {}) as Record<string, unknown>;
    if (typeof record.table === 'string') {
      if (current) throw new BackupError(`The backup file is damaged: table ${current.table.name} has no end marker.`);
      const table = tables.get(record.table);
      if (!table) throw new BackupError(`The backup has a table this database does not know: ${record.table}.`);
      const names = record.columns as string[];
      const columns = names.map((n) => {
        const col = table.columns.find((x) => x.name === n);
        if (!col) throw new BackupError(`The backup has a column this database does not know: ${record.table}.${n}.`);
        return col;
      });
      current = { table, columns, rows: [], count: 0 };
    } else if (typeof record.end === 'string') {
      if (!current || current.table.name !== record.end) throw new BackupError(`The backup file is damaged: unexpected end of table ${record.end}.`);
      if (current.rows.length) await insertRows(c, current.table.name, current.columns, current.rows.splice(0));
      if (record.rows !== current.count) {
        throw new BackupError(`The backup file is damaged: table ${current.table.name} should have ${String(record.rows)} rows, found ${current.count}.`);
      }
      summary.tables++;
      summary.rows += current.count;
      current = null;
    } else if (Array.isArray(record.sequences)) {
      sequences = record.sequences as typeof sequences;
    } else if (record.end === true) {
      if (current || record.rows !== summary.rows || record.tables !== summary.tables) {
        throw new BackupError('The backup file is damaged: its totals do not match its content. Nothing was restored.');
      }
      finished = true;
    } else {
      throw new BackupError(`The backup file is damaged: unknown record on line ${lineNo}.`);
    }
  }
  if (!finished) throw new BackupError('The backup file is incomplete: it ends before its closing record. Nothing was restored.');
  for (const s of sequences) {
    if (s.value !== null) await c.query('SELECT setval($1::regclass, $2::bigint, true)', [`public.${qi(s.name)}`, s.value]);
  }
  return summary;
}

/**
 * Rows of a self-referencing table (department.parent_id) come in key order, not parent-first, so foreign keys
 * are off for this transaction only. This needs a superuser or, on PostgreSQL ≥ 15,
 * `GRANT SET ON PARAMETER session_replication_role TO <role>`.
 */
async function disableForeignKeys(c: RawClient): Promise<void> {
  const [r] = await c.query<{ allowed: boolean }>(
    `SELECT current_setting('is_superuser') = 'on' OR has_parameter_privilege('session_replication_role', 'SET') AS allowed`,
  );
  if (!r?.allowed) {
    throw new BackupError(
      'Refusing to restore: this database role may not switch off foreign-key checks for the restore. Run the restore as a ' +
        'superuser, or first run: GRANT SET ON PARAMETER session_replication_role TO <this role>;',
    );
  }
  await c.exec('SET LOCAL session_replication_role = replica');
}

const batchSize = (columns: number) => Math.max(1, Math.min(MAX_BATCH_ROWS, Math.floor(MAX_PARAMS / Math.max(1, columns))));

async function insertRows(c: RawClient, table: string, columns: Column[], rows: unknown[][]): Promise<void> {
  const params: (string | null)[] = [];
  const tuples = rows.map((row) => {
    const exprs = columns.map((col, i) => {
      params.push(toParam(col.kind, row[i]));
      return paramExpression(col, params.length);
    });
    return `(${exprs.join(', ')})`;
  });
  const overriding = columns.some((col) => col.identityAlways) ? ' OVERRIDING SYSTEM VALUE' : '';
  await c.query(`INSERT INTO ${qi(table)} (${columns.map((col) => qi(col.name)).join(', ')})${overriding} VALUES ${tuples.join(', ')}`, params);
}
