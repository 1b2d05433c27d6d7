import { readFileSync } from 'node:fs';
import pg from 'pg';
import pino from 'pino';
import { inject } from 'vitest';
import { loadConfig, type Config } from '../../src/config.ts';
import { type Database, openDatabase } from '../../src/db/database.ts';
import { createRuntime, type Runtime } from '../../src/runtime.ts';
import type { DemoAccount } from '../../src/modules/identity/seed-demo.ts';
import { totpCode } from '../../src/modules/identity/totp.ts';
import { withDatabase } from './global-setup.ts';

type Template = { kind: 'pglite'; file: string } | { kind: 'pg'; url: string; template: string };

/** A fresh copy of the run's migrated, demo-seeded database for one test file. */
export async function openTestDatabase(): Promise<{ database: Database; drop: () => Promise<void> }> {
  const tmpl = JSON.parse(inject('dbTemplate')) as Template;
  if (tmpl.kind === 'pglite') {
    const blob = new Blob([readFileSync(tmpl.file)]);
    const database = await openDatabase({ kind: 'pglite', loadDataDir: blob });
    return { database, drop: () => database.close() };
  }
  const name = `pd_t_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
  const admin = new pg.Client({ connectionString: tmpl.url });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name} TEMPLATE ${tmpl.template}`);
  await admin.end();
  const database = await openDatabase({ kind: 'pg', url: withDatabase(tmpl.url, name) });
  return {
    database,
    async drop() {
      await database.close();
      const a = new pg.Client({ connectionString: tmpl.url });
      await a.connect();
      await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await a.end();
    },
  };
}

export const testConfig = (overrides: Partial<Config> = {}): Config =>
  // As behind a reverse proxy on the same machine: tests give each client its own address with X-Forwarded-For.
  loadConfig({ NODE_ENV: 'test', SESSION_SECRET: 'test-secret-test-secret-test-secret-42', LOG_LEVEL: 'silent', BASE_URL: 'http://localhost:3000', TRUST_PROXY: '127.0.0.1',
      // Tests register and write from one address far more than a person would; the limits have their own tests.
      LIMIT_CONTACT_PER_HOUR: '10000', LIMIT_REGISTRATIONS_PER_HOUR: '10000', LIMIT_PASSWORD_RESETS_PER_HOUR: '10000' }, overrides);

export type TestApp = Runtime & { database: Database; client: () => Client; stop: () => Promise<void> };

/** The whole app on a private database, with job workers on (emails are delivered to the outbox). */
export async function startTestApp(options: { config?: Partial<Config>; workers?: boolean } = {}): Promise<TestApp> {
  const { database, drop } = await openTestDatabase();
  const runtime = await createRuntime(testConfig(options.config), { database, log: pino({ level: 'silent' }), workers: options.workers ?? true, migrate: false });
  await runtime.app.ready();
  return {
    ...runtime,
    database,
    client: () => new Client(runtime),
    async stop() {
      await runtime.close();
      await drop();
    },
  };
}

type Response = { status: number; body: string; headers: Record<string, string | string[] | undefined>; location?: string; json<T = unknown>(): T };

/** A browser-like client over `inject`: keeps cookies, reads the CSRF token from the last page. */
export class Client {
  cookies = new Map<string, string>();
  csrf = '';
  constructor(private readonly runtime: Runtime) {}

  private cookieHeader() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  private absorb(res: { headers: Record<string, unknown>; body: string }) {
    const set = res.headers['set-cookie'];
    for (const c of (Array.isArray(set) ? set : set ? [set] : []) as string[]) {
      const [pair, ...attrs] = c.split(';');
      const eq = pair!.indexOf('=');
      const name = pair!.slice(0, eq).trim();
      const value = pair!.slice(eq + 1).trim();
      const expired = attrs.some((a) => /max-age=0|expires=thu, 01 jan 1970/i.test(a.trim()));
      if (expired || value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    const m = /name="_csrf" value="([^"]+)"/.exec(res.body);
    if (m) this.csrf = m[1]!;
  }

  async request(method: string, url: string, payload?: unknown, headers: Record<string, string> = {}): Promise<Response> {
    const isForm = payload !== undefined && !(typeof payload === 'string') && headers['content-type'] === undefined;
    const res = await this.runtime.app.inject({
      method: method as 'GET',
      url,
      headers: {
        cookie: this.cookieHeader(),
        ...(isForm ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
        ...headers,
      },
      payload: isForm ? new URLSearchParams(flatten(payload as Record<string, unknown>)).toString() : (payload as string | undefined),
    });
    this.absorb({ headers: res.headers as Record<string, unknown>, body: res.body });
    return {
      status: res.statusCode,
      body: res.body,
      headers: res.headers as Record<string, string | string[] | undefined>,
      location: res.headers.location as string | undefined,
      json: <T,>() => JSON.parse(res.body) as T,
    };
  }

  get(url: string, headers?: Record<string, string>) {
    return this.request('GET', url, undefined, headers);
  }

  /** Posts a form with the CSRF token of the last page seen (fetches `url` first when none was seen). */
  async post(url: string, fields: Record<string, unknown> = {}) {
    if (!this.csrf) await this.get(url);
    return this.request('POST', url, { _csrf: this.csrf, ...fields });
  }

  /** Follows a redirect chain of GETs; returns the last response. */
  async follow(res: Response): Promise<Response> {
    let r = res;
    for (let i = 0; i < 10 && r.location && r.status >= 300 && r.status < 400; i++) r = await this.get(r.location);
    return r;
  }

  async api(method: string, url: string, body?: unknown) {
    return this.request(method, url, body === undefined ? undefined : JSON.stringify(body), {
      'content-type': 'application/json',
      accept: 'application/json',
      'x-csrf-token': this.csrf,
    });
  }
}

function flatten(fields: Record<string, unknown>): [string, string][] {
  const out: [string, string][] = [];
  for (const [k, v] of Object.entries(fields)) {
    if (v === undefined || v === null) continue;
    if (Array.isArray(v)) for (const x of v) out.push([k, String(x)]);
    else out.push([k, String(v)]);
  }
  return out;
}

/**
 * Signs a demo account in on a new client: password, then — for accounts with two-factor — the TOTP code at the
 * app's clock, and opens `landing` so the client holds the signed-in session's CSRF token. A TOTP code is accepted
 * once, so `nextStep` must move the test's clock (the app's `deps.now`) past the last code used, usually 30 s on.
 */
export async function signInDemo(t: TestApp, a: DemoAccount, nextStep: () => void, landing = '/cont'): Promise<Client> {
  const c = t.client();
  nextStep();
  await c.get('/autentificare');
  const first = await c.post('/autentificare', { email: a.email, password: a.password });
  if (first.location?.startsWith('/autentificare/doi-factori')) {
    await c.get('/autentificare/doi-factori');
    const second = await c.post('/autentificare/doi-factori', { code: totpCode(a.totpSecret!, t.deps.now()) });
    if (second.location !== '/cont' && second.location !== '/birou') throw new Error(`${a.email}: the TOTP step answered ${second.status} ${second.location ?? ''}`);
  } else if (first.location !== '/cont') throw new Error(`${a.email}: signing in answered ${first.status} ${first.location ?? ''}`);
  await c.get(landing);
  return c;
}

export type FilePart = { field: string; filename: string; type: string; bytes: Buffer | Uint8Array };

/** A multipart/form-data body as a browser sends it: the fields (repeated names allowed), then the files. */
export function multipartForm(fields: Record<string, string | string[]>, files: FilePart[] = []): { body: Buffer; type: string } {
  const boundary = `----pdtest${Math.random().toString(16).slice(2)}`;
  const chunks: Buffer[] = [];
  for (const [k, v] of Object.entries(fields)) {
    for (const x of Array.isArray(v) ? v : [v]) chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${x}\r\n`));
  }
  for (const f of files) {
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${f.field}"; filename="${f.filename}"\r\nContent-Type: ${f.type}\r\n\r\n`));
    chunks.push(Buffer.from(f.bytes), Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(chunks), type: `multipart/form-data; boundary=${boundary}` };
}
