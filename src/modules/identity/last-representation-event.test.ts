import type { Logger } from 'drizzle-orm';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase } from '../../../test/support/harness.ts';
import type { Database, Db } from '../../db/database.ts';
import * as schema from '../../db/schema.ts';
import { findLastRepresentationEvent } from './store.ts';

/*
 * An official deciding on a mandate request its person has withdrawn meanwhile finds the withdrawal in the audit, by
 * the request's id: that search must go through an index on the audit's entity (migration 0071), not read the whole
 * audit log, which grows by every sign-in and every read of personal data. The plan is asked with sequential scans
 * switched off, so the answer does not depend on how few rows a test database holds.
 */
let database: Database;
let drop: () => Promise<void>;
beforeAll(async () => ({ database, drop } = await openTestDatabase()));
afterAll(async () => drop?.());

/** The SQL and parameters findLastRepresentationEvent sends, caught by a drizzle logger on the same connection. */
async function sentQuery(personAccountId: string | null): Promise<{ sql: string; params: unknown[] }> {
  let sent: { sql: string; params: unknown[] } | null = null;
  const logger: Logger = {
    logQuery(sql, params) {
      sent = { sql, params };
    },
  };
  const db = (database.kind === 'pglite' ? drizzlePglite(database.pglite!, { schema, logger }) : drizzlePg(database.pool!, { schema, logger })) as unknown as Db;
  await findLastRepresentationEvent(db, crypto.randomUUID(), personAccountId);
  return sent!;
}

async function planOf(query: { sql: string; params: unknown[] }): Promise<string> {
  return database.withClient(async (c) => {
    await c.exec('BEGIN; SET LOCAL enable_seqscan = off');
    try {
      const rows = await c.query<Record<string, string>>(`EXPLAIN ${query.sql}`, query.params);
      return rows.map((r) => Object.values(r)[0]).join('\n');
    } finally {
      await c.exec('ROLLBACK');
    }
  });
}

describe('finding the last decision or withdrawal on a representation in the audit', () => {
  it('goes through the audit entity index, without the person’s account (the request’s row is gone) and with it', async () => {
    expect(await planOf(await sentQuery(null))).toContain('audit_entry_entity_idx');
    expect(await planOf(await sentQuery(crypto.randomUUID()))).toMatch(/audit_entry_(entity|subject)_idx/);
  });
});
