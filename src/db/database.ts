import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import type { ExtractTablesWithRelations } from 'drizzle-orm';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import pg from 'pg';
import { listenOnConnect, type Notifications, pgliteNotifications, pgNotifications } from './notifications.ts';
import * as schema from './schema.ts';

export type Schema = typeof schema;
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type Tx = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
/** Anything a store can run SQL on: the database or an open transaction. */
export type Executor = Db | Tx;

export type DatabaseTarget = { kind: 'pglite'; dataDir?: string; loadDataDir?: Blob } | { kind: 'pg'; url: string; poolMax?: number };

export interface RawClient {
  query<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
  exec(sql: string): Promise<void>;
}

export interface Database {
  readonly kind: 'pglite' | 'pg';
  readonly db: Db;
  /** Raw parametrised SQL, for the migrator, pg-boss and operational commands. */
  query<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
  /** Several statements at once, without parameters (migrations). */
  exec(sql: string): Promise<void>;
  /** Runs `fn` on one connection (BEGIN … COMMIT across several calls must not hop between pooled clients). */
  withClient<T>(fn: (c: RawClient) => Promise<T>): Promise<T>;
  /** LISTEN/NOTIFY for in-process caches (src/db/notifications.ts). */
  readonly notifications: Notifications;
  close(): Promise<void>;
  readonly pglite?: PGlite;
  readonly pool?: pg.Pool;
}

// PostgreSQL returns bigint and numeric as strings; our ids and counters fit in a JS number.
pg.types.setTypeParser(20, (v) => Number(v));

export async function openDatabase(target: DatabaseTarget): Promise<Database> {
  if (target.kind === 'pg') {
    let notifications: ReturnType<typeof pgNotifications> | null = null;
    const pool = new pg.Pool({
      connectionString: target.url,
      max: target.poolMax ?? 20,
      onConnect: (client) => listenOnConnect(client, (channel, payload) => notifications?.deliver(channel, payload)),
    });
    pool.on('error', () => {
      /* an idle client lost its connection; the pool replaces it */
    });
    const db = drizzlePg(pool, { schema }) as unknown as Db;
    notifications = pgNotifications(pool, target.url);
    return {
      kind: 'pg',
      db,
      pool,
      notifications,
      async query(text, params) {
        const r = await pool.query(text, params as unknown[]);
        return r.rows;
      },
      async exec(sql) {
        await pool.query(sql);
      },
      async withClient(fn) {
        const c = await pool.connect();
        try {
          return await fn({
            async query(text, params) {
              return (await c.query(text, params as unknown[])).rows;
            },
            async exec(sql) {
              await c.query(sql);
            },
          });
        } finally {
          c.release();
        }
      },
      async close() {
        await notifications.close();
        await pool.end();
      },
    };
  }
  if (target.dataDir) mkdirSync(target.dataDir, { recursive: true });
  const client = await PGlite.create({
    ...(target.dataDir ? { dataDir: target.dataDir } : {}),
    ...(target.loadDataDir ? { loadDataDir: target.loadDataDir } : {}),
  });
  const db = drizzlePglite(client, { schema }) as unknown as Db;
  const raw: RawClient = {
    async query(text, params) {
      const r = await client.query(text, params as unknown[]);
      return r.rows as never;
    },
    async exec(sql) {
      await client.exec(sql);
    },
  };
  const notifications = pgliteNotifications(client);
  return {
    kind: 'pglite',
    db,
    pglite: client,
    query: raw.query,
    exec: raw.exec,
    withClient: (fn) => fn(raw),
    notifications,
    async close() {
      await notifications.close();
      await client.close();
    },
  };
}
