import pg from 'pg';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/database.ts';
import { createRuntime, type Runtime } from '../../runtime.ts';
import { Client, startTestApp, type TestApp, testConfig } from '../../../test/support/harness.ts';
import { ACCOUNT_CHANGED, identityCache } from './identity-cache.ts';
import { DEMO_ACCOUNTS } from './seed-demo.ts';
import { insertSession } from './session-store.ts';

/**
 * Signed-in pages read the session and the profile from memory (identity-cache.ts); these tests hold it to
 * the promise that what a person or an official changes is seen on the very next request.
 */
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t?.stop();
});

async function signedIn(runtime: Runtime, accountId: string): Promise<{ client: Client; token: string }> {
  const token = await insertSession(runtime.deps.db, { accountId, mfaPassed: true, ip: '127.0.0.1', userAgent: 'test', absoluteHours: 12, now: runtime.deps.now() });
  const client = new Client(runtime);
  client.cookies.set('pd_session', token);
  return { client, token };
}

const welcome = (body: string) => /<h1[^>]*>[\s\S]*?<\/h1>/.exec(body)?.[0] ?? '';

describe('identity cache in one process', () => {
  it('serves a signed-in page from memory and still shows a changed name on the next request', async () => {
    const cache = identityCache(t.database);
    await cache.ready;
    const { client } = await signedIn(t, DEMO_ACCOUNTS.maria.id);
    expect(welcome((await client.get('/cont')).body)).toContain('Maria Ionescu');
    expect(cache.size.sessions).toBeGreaterThan(0);
    expect(cache.size.profiles).toBeGreaterThan(0);

    // The profile form (a use case of this process) and plain SQL (an administrator's console) both count.
    const profile = await client.get('/cont/profil');
    expect(profile.status).toBe(200);
    const saved = await client.post('/cont/profil', { displayName: 'Maria I.', phone: '', address: 'Calea Rahovei nr. 147', notify: 'email', locale: 'ro' });
    expect(saved.status).toBe(303);
    expect(welcome((await client.get('/cont')).body)).toContain('Maria I.');
    await t.database.query('UPDATE account SET display_name = $1 WHERE id = $2', ['Maria Ionescu', DEMO_ACCOUNTS.maria.id]);
    expect(welcome((await client.get('/cont')).body)).toContain('Maria Ionescu');
  });

  it('ends every other session of the account at once when the person signs out everywhere', async () => {
    const phone = await signedIn(t, DEMO_ACCOUNTS.ion.id);
    const laptop = await signedIn(t, DEMO_ACCOUNTS.ion.id);
    expect((await phone.client.get('/cont')).status).toBe(200);
    expect((await laptop.client.get('/cont')).status).toBe(200);
    await laptop.client.get('/cont/sesiuni');
    expect((await laptop.client.post('/cont/sesiuni/celelalte')).status).toBe(303);
    const after = await phone.client.get('/cont');
    expect(after.status).toBe(303);
    expect(after.location).toMatch(/^\/autentificare/);
    expect((await laptop.client.get('/cont')).status).toBe(200);
  });

  it('refuses a disabled account on its next request, even with its session in memory', async () => {
    const { client } = await signedIn(t, DEMO_ACCOUNTS.maria.id);
    expect((await client.get('/cont')).status).toBe(200);
    await t.database.query('UPDATE account SET disabled_at = now() WHERE id = $1', [DEMO_ACCOUNTS.maria.id]);
    try {
      expect((await client.get('/cont')).status).toBe(303);
    } finally {
      await t.database.query('UPDATE account SET disabled_at = NULL WHERE id = $1', [DEMO_ACCOUNTS.maria.id]);
    }
  });

  it('an official loses a revoked role on the next request', async () => {
    const admin = DEMO_ACCOUNTS.administrator;
    const { client } = await signedIn(t, admin.id);
    expect((await client.get('/admin/functionari')).status).toBe(200);
    await t.database.query('UPDATE membership SET revoked_at = now() WHERE account_id = $1', [admin.id]);
    try {
      expect((await client.get('/admin/functionari')).status).toBe(403);
    } finally {
      await t.database.query('UPDATE membership SET revoked_at = NULL WHERE account_id = $1', [admin.id]);
    }
  });
});

// Several web processes on one PostgreSQL database: a second runtime with its own pool stands for the second process.
describe.runIf(process.env.DATABASE_URL)('identity cache across processes (PostgreSQL)', () => {
  let other: Runtime;
  let otherDatabase: Awaited<ReturnType<typeof openDatabase>>;
  beforeAll(async () => {
    otherDatabase = await openDatabase({ kind: 'pg', url: connectionString() });
    other = await createRuntime(testConfig(), { database: otherDatabase, log: pino({ level: 'silent' }), workers: false, migrate: false });
    await other.app.ready();
    await identityCache(otherDatabase).ready;
  });
  afterAll(async () => {
    await other?.close();
    await otherDatabase?.close();
  });
  const connectionString = () => {
    const pool = t.database.pool as pg.Pool & { options: { connectionString: string } };
    return pool.options.connectionString;
  };

  it('a sign-out everywhere in one process ends the session another process holds in memory', async () => {
    const here = await signedIn(t, DEMO_ACCOUNTS.ion.id);
    const there = await signedIn(other, DEMO_ACCOUNTS.ion.id);
    expect((await there.client.get('/cont')).status).toBe(200);
    expect(identityCache(otherDatabase).size.sessions).toBeGreaterThan(0);
    await here.client.get('/cont/sesiuni');
    expect((await here.client.post('/cont/sesiuni/toate')).status).toBe(303);
    // The other process hears of it through its LISTEN connection: within milliseconds, settle() waits for it.
    await otherDatabase.notifications.settle(ACCOUNT_CHANGED);
    expect((await there.client.get('/cont')).status).toBe(303);
  });

  it('forgets everything when its listening connection drops, and listens again', async () => {
    const there = await signedIn(other, DEMO_ACCOUNTS.maria.id);
    expect(welcome((await there.client.get('/cont')).body)).toContain('Maria Ionescu');
    const cache = identityCache(otherDatabase);
    expect(cache.size.profiles).toBeGreaterThan(0);
    const admin = new pg.Client({ connectionString: connectionString() });
    await admin.connect();
    const listeners = async () =>
      (await admin.query<{ pid: number }>("SELECT pid FROM pg_stat_activity WHERE application_name = 'primaria-notifications' AND datname = current_database()")).rows.map((r) => r.pid);
    try {
      const before = await listeners();
      expect(before.length).toBeGreaterThan(0);
      await admin.query('SELECT pg_terminate_backend(pid) FROM unnest($1::int[]) AS pid', [before]);
      // Changes may be missed while it is down: everything held in memory is dropped.
      for (let i = 0; i < 100 && cache.size.profiles > 0; i++) await new Promise((r) => setTimeout(r, 20));
      expect(cache.size).toEqual({ sessions: 0, profiles: 0 });
      // It reconnects by itself, and a change from a connection that listens to nothing reaches it.
      for (let i = 0; i < 200 && (await listeners()).filter((p) => !before.includes(p)).length === 0; i++) await new Promise((r) => setTimeout(r, 50));
      expect((await listeners()).filter((p) => !before.includes(p))).toHaveLength(before.length);
      expect(welcome((await there.client.get('/cont')).body)).toContain('Maria Ionescu');
      await admin.query('UPDATE account SET display_name = $1 WHERE id = $2', ['Maria Schimbată', DEMO_ACCOUNTS.maria.id]);
      await otherDatabase.notifications.settle(ACCOUNT_CHANGED);
      expect(welcome((await there.client.get('/cont')).body)).toContain('Maria Schimbată');
    } finally {
      await admin.query('UPDATE account SET display_name = $1 WHERE id = $2', ['Maria Ionescu', DEMO_ACCOUNTS.maria.id]);
      await admin.end();
    }
  });
});
