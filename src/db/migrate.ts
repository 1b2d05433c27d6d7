import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Database, RawClient } from './database.ts';

const MIGRATIONS_DIR = fileURLToPath(new URL('./migrations/', import.meta.url));
/** Any fixed number: every process that migrates takes the same advisory lock. */
const MIGRATION_LOCK = 74_201_001;

export function listMigrations(): { name: string; sql: string }[] {
  return readdirSync(MIGRATIONS_DIR)
    .filter((f) => /^\d{4}_[a-z0-9_]+\.sql$/.test(f))
    .sort()
    .map((name) => ({ name, sql: readFileSync(join(MIGRATIONS_DIR, name), 'utf8') }));
}

/**
 * Applies the migrations not yet applied, in name order, each in its own transaction.
 * Several web processes may start together: the advisory lock makes them wait for one another.
 */
export function migrate(database: Database): Promise<string[]> {
  return database.withClient((c) => migrateOn(c));
}

async function migrateOn(database: RawClient): Promise<string[]> {
  await database.exec(
    'CREATE TABLE IF NOT EXISTS schema_migrations (name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())',
  );
  const applied: string[] = [];
  for (const m of listMigrations()) {
    await database.exec(`BEGIN; SELECT pg_advisory_xact_lock(${MIGRATION_LOCK});`);
    try {
      const done = await database.query('SELECT 1 FROM schema_migrations WHERE name = $1', [m.name]);
      if (done.length === 0) {
        await database.exec(m.sql);
        await database.query('INSERT INTO schema_migrations (name) VALUES ($1)', [m.name]);
        applied.push(m.name);
      }
      await database.exec('COMMIT');
    } catch (err) {
      await database.exec('ROLLBACK');
      throw new Error(`Migration ${m.name} failed: ${(err as Error).message}`, { cause: err });
    }
  }
  return applied;
}

/** The migrations the code knows but the database has not applied (for /ready). */
export async function pendingMigrations(database: Database): Promise<string[]> {
  const rows = await database.query<{ name: string }>('SELECT name FROM schema_migrations');
  const done = new Set(rows.map((r) => r.name));
  return listMigrations()
    .map((m) => m.name)
    .filter((n) => !done.has(n));
}
