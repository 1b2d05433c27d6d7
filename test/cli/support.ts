import { execFile, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { type Database, openDatabase } from '../../src/db/database.ts';
import { migrate } from '../../src/db/migrate.ts';
import { withDatabase } from '../support/global-setup.ts';

/** The PostgreSQL server the tests may create databases on. */
export const adminUrl = () => process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** A new, migrated, empty PostgreSQL database, dropped by `drop`. */
export async function createPgDatabase(prefix = 'pd_restore'): Promise<{ database: Database; url: string; drop: () => Promise<void> }> {
  const name = `${prefix}_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl() });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = withDatabase(adminUrl(), name);
  const database = await openDatabase({ kind: 'pg', url });
  await migrate(database);
  return {
    database,
    url,
    async drop() {
      await database.close();
      const a = new pg.Client({ connectionString: adminUrl() });
      await a.connect();
      await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await a.end();
    },
  };
}

/** A new, migrated, empty in-memory PGlite database (runs initdb: a few seconds). */
export async function createPgliteDatabase(): Promise<Database> {
  const database = await openDatabase({ kind: 'pglite' });
  await migrate(database);
  return database;
}

/** Copies an in-memory PGlite database into `<dataDir>/pglite`, where the CLI looks for it. */
export async function copyToDataDir(database: Database, dataDir: string): Promise<void> {
  const dump = await database.pglite!.dumpDataDir('gzip');
  mkdirSync(dataDir, { recursive: true });
  const copy = await PGlite.create({ dataDir: join(dataDir, 'pglite'), loadDataDir: dump });
  await copy.close();
}

/** The connection string of a PostgreSQL-backed Database. */
export const urlOf = (database: Database) => (database.pool as unknown as { options: { connectionString: string } }).options.connectionString;

/** Runs the real CLI (`npx tsx src/main.ts …`) as a child process. */
export function runCli(args: string[], env: Record<string, string | undefined>): Promise<{ code: number; stdout: string; stderr: string }> {
  const childEnv: NodeJS.ProcessEnv = { ...process.env, LOG_LEVEL: 'warn', NODE_ENV: 'test' };
  delete childEnv.BASE_URL; // Vite's, not ours
  for (const [k, v] of Object.entries(env)) {
    if (v === undefined) delete childEnv[k];
    else childEnv[k] = v;
  }
  return new Promise((resolve) => {
    execFile('npx', ['tsx', 'src/main.ts', ...args], { env: childEnv, timeout: 90_000 }, (err, stdout, stderr) => {
      const code = err ? (typeof err.code === 'number' ? err.code : 1) : 0;
      resolve({ code, stdout, stderr: stderr.replace(/^npm warn .*\n/gm, '') });
    });
  });
}

/** A server started as a child process, with everything it logged so far. */
export type RunningServer = { readonly output: string; stop(): Promise<void> };

/**
 * Runs `node <args>` (e.g. `--import tsx src/main.ts start`) and resolves once `base + readyPath` answers 200;
 * throws with the end of its log if it exits or is not ready within two minutes.
 */
export async function startServer(
  args: string[],
  options: { env: NodeJS.ProcessEnv; base: string; readyPath?: string; cwd?: string },
): Promise<RunningServer> {
  let output = '';
  const child = spawn(process.execPath, args, { cwd: options.cwd, env: options.env, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await exited;
  };
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`node ${args.join(' ')} exited: ${output.slice(-2000)}`);
    const ready = await fetch(`${options.base}${options.readyPath ?? '/health'}`).then((r) => r.status === 200).catch(() => false);
    if (ready) break;
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`node ${args.join(' ')} did not get ready: ${output.slice(-2000)}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return { get output() { return output; }, stop };
}

/** Every table of `public` as sorted JSON rows, read in UTC so both engines print timestamps alike. */
export async function tableContents(database: Database): Promise<Record<string, string[]>> {
  return database.withClient(async (c) => {
    await c.exec(`BEGIN; SET LOCAL TimeZone = 'UTC'; SET LOCAL extra_float_digits = 3;`);
    try {
      const tables = await c.query<{ name: string }>(
        `SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'schema_migrations'`,
      );
      const out: Record<string, string[]> = {};
      for (const { name } of tables.sort((a, b) => a.name.localeCompare(b.name))) {
        const rows = await c.query<{ r: string }>(`SELECT row_to_json(t)::text AS r FROM "${name}" t`);
        out[name] = rows.map((x) => x.r).sort();
      }
      return out;
    } finally {
      await c.exec('COMMIT');
    }
  });
}
