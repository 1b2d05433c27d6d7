import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CookieJar, freePort, readForm } from '../support/oidc-provider.ts';
import { type RunningServer, startServer } from './support.ts';

/**
 * `primaria start` in development, as a newcomer runs it (`npm start`, embedded database, demo data): a local
 * OpenID provider stands for ROeID, and "Autentificare cu ROeID (simulator)" signs the demo identities in.
 */
let server: RunningServer | undefined;
let dir: string;
let base: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'pd-roeid-'));
  const port = await freePort();
  const simulatorPort = await freePort();
  base = `http://127.0.0.1:${port}`;
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: 'development', DATA_DIR: dir, PORT: String(port), BASE_URL: base, OIDC_SIMULATOR_PORT: String(simulatorPort), LOG_LEVEL: 'info' };
  delete env.DATABASE_URL;
  delete env.OIDC_ISSUER;
  delete env.OIDC_SIMULATOR;
  server = await startServer(['--import', 'tsx', 'src/main.ts', 'start'], { env, base });
}, 150_000);

afterAll(async () => {
  await server?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** Our start URL → the simulator's sign-in and consent forms → our callback; returns the page after sign-in. */
async function signInWithRoeid(jar: CookieJar, login: string): Promise<string> {
  let url = new URL(`${base}/autentificare/oidc/start?next=%2Fcont`);
  for (let step = 0; step < 25; step++) {
    const res = await jar.fetch(url.href);
    if (res.status >= 300 && res.status < 400) {
      url = new URL(res.headers.get('location')!, url);
      continue;
    }
    expect(res.status).toBe(200);
    if (url.origin === base) return res.text_;
    const form = readForm(res.text_, url.href);
    if (!form) throw new Error(`unexpected simulator page: ${res.text_.slice(0, 300)}`);
    const fields = form.fields.prompt === 'login' ? { ...form.fields, login, password: 'orice' } : form.fields;
    const posted = await jar.fetch(form.action, { form: fields });
    expect(posted.status).toBeGreaterThanOrEqual(300);
    url = new URL(posted.headers.get('location')!, url);
  }
  throw new Error('the sign-in did not come back to the platform');
}

describe('the ROeID simulator of `primaria start` (development)', () => {
  it('is announced in the log and offered on the sign-in page', async () => {
    expect(server!.output).toContain('ROeID simulator running (development only)');
    const page = await (await fetch(`${base}/autentificare`)).text();
    expect(page).toContain('ROeID (simulator)');
  });

  it('signs in Maria, whose verified e-mail links the identity to her demo account', async () => {
    const page = await signInWithRoeid(new CookieJar(), 'maria.ionescu');
    expect(page).toContain('Bun venit, Maria Ionescu');
  });

  it('creates an account for Elena, new to the city hall, on her first sign-in', async () => {
    const jar = new CookieJar();
    expect(await signInWithRoeid(jar, 'elena.marin')).toContain('Bun venit, Elena Marin');
    const profile = await (await jar.fetch(`${base}/cont/profil`)).text_;
    expect(profile).toContain('elena.marin@example.demo');
  });

  it('refuses a login the simulator does not know, like the real provider would', async () => {
    const jar = new CookieJar();
    await expect(signInWithRoeid(jar, 'nimeni')).rejects.toThrow();
  });
});
