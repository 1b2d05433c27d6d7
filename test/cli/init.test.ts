import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, openDatabase } from '../../src/db/database.ts';
import { totpCode } from '../../src/modules/identity/totp.ts';
import { createRuntime } from '../../src/runtime.ts';
import { Client, testConfig } from '../support/harness.ts';
import { freePort } from '../support/oidc-provider.ts';
import { copyToDataDir, createPgliteDatabase, runCli, startServer } from './support.ts';

// A production deployment starts from an empty database: `seed` only loads the demo, and an administrator is made
// only by another administrator's invitation. `primaria init` makes the institution and its first administrator.
let dir: string;
let env: Record<string, string | undefined>;
const ADMIN = 'ana.popescu@primaria-exemplu.ro';
const init = ['init', '--name', 'Primăria Comunei Exemplu', '--slug', 'exemplu', '--cui', '4433864', '--admin-email', ADMIN, '--admin-name', 'Ana Popescu'];
const linkIn = (stdout: string) => /http:\/\/localhost:3000\/resetare-parola\?token=[\w-]+/.exec(stdout)?.[0];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'pd-init-'));
  const empty = await createPgliteDatabase();
  await copyToDataDir(empty, join(dir, 'data'));
  await copyToDataDir(empty, join(dir, 'production-start'));
  await empty.close();
  env = { DATABASE_URL: undefined, DATA_DIR: join(dir, 'data'), BASE_URL: 'http://localhost:3000' };
}, 120_000);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('primaria start in production on an empty embedded database', () => {
  it('does not load the demo, whose administrators\' password and TOTP secret are published, and says to run init', async () => {
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const serverEnv: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: 'production', SESSION_SECRET: 'a-production-secret-of-at-least-32-chars', DATA_DIR: join(dir, 'production-start'), PORT: String(port), BASE_URL: base, LOG_LEVEL: 'info' };
    delete serverEnv.DATABASE_URL;
    delete serverEnv.OIDC_ISSUER;
    const server = await startServer(['--import', 'tsx', 'src/main.ts', 'start'], { env: serverEnv, base, readyPath: '/ready' });
    try {
      expect(server.output).not.toContain('loading the demo data');
      expect(server.output).toContain('set it up with primaria init');
      expect(await (await fetch(`${base}/`)).text()).not.toContain('Primăria Sectorului 5');
      expect(await (await fetch(`${base}/servicii`)).text()).not.toContain('Certificat de urbanism');
    } finally {
      await server.stop();
    }
  }, 180_000);
});

describe('primaria init: the first day of a production institution', () => {
  let link: string;

  it('says what it needs, and points seed without --demo to it', async () => {
    const bare = await runCli(['init'], env);
    expect(bare.code).toBe(1);
    expect(bare.stderr).toContain('--cui: the institution\'s fiscal code (CUI)');
    expect(bare.stderr).toContain('--admin-email');
    const seed = await runCli(['seed'], env);
    expect(seed.code).toBe(1);
    expect(seed.stderr).toContain('primaria init');
  }, 120_000);

  it('creates the institution and its first administrator, and prints where they choose a password', async () => {
    const result = await runCli(init, env);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    link = linkIn(result.stdout)!;
    expect(link).toBeDefined();
    // Only once: a second institution this way would take over the site's name.
    const again = await runCli(init, env);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('already has an institution');
  }, 120_000);

  it('lets the administrator choose a password, set up two-factor and reach the administration of their institution', async () => {
    let database: Database | undefined;
    let runtime: Awaited<ReturnType<typeof createRuntime>> | undefined;
    try {
      database = await openDatabase({ kind: 'pglite', dataDir: join(dir, 'data', 'pglite') });
      runtime = await createRuntime(testConfig(), { database, log: pino({ level: 'silent' }), workers: false, migrate: false });
      await runtime.app.ready();
      const c = new Client(runtime);
      const token = new URL(link).searchParams.get('token')!;
      expect((await c.get(`/resetare-parola?token=${token}`)).status).toBe(200);
      const PASSWORD = 'Prima-parola-de-admin-2026';
      expect((await c.post('/resetare-parola', { token, password: PASSWORD, passwordConfirm: PASSWORD })).status).toBe(303);
      await c.get('/autentificare');
      const signedIn = await c.post('/autentificare', { email: ADMIN, password: PASSWORD });
      expect(signedIn.location).toBe('/cont/doi-factori');
      const setup = await c.get('/cont/doi-factori');
      const secret = /(([A-Z2-7]{4} ){7}[A-Z2-7]{4})/.exec(setup.body.replace(/<[^>]*>/g, ' '))![1]!.replaceAll(' ', '');
      // Set up: the page shows the recovery codes.
      expect((await c.post('/cont/doi-factori', { code: totpCode(secret, new Date()) })).status).toBe(200);
      const admin = await c.get('/admin/organizatie');
      expect(admin.status).toBe(200);
      expect(admin.body).toContain('Primăria Comunei Exemplu');
      expect((await c.get('/')).body).toContain('Primăria Comunei Exemplu');
    } finally {
      await runtime?.close();
      await database?.close();
    }

    // The link was used; a lapsed or lost one is replaced from the command line, for an administrator only.
    const fresh = await runCli(['admin-link', ADMIN.toUpperCase()], env);
    expect(fresh.code).toBe(0);
    expect(linkIn(fresh.stdout)).toBeDefined();
    const stranger = await runCli(['admin-link', 'nimeni@example.ro'], env);
    expect(stranger.code).toBe(1);
    expect(stranger.stderr).toContain('has no account');
  }, 180_000);
});
