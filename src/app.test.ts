import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, openTestDatabase, signInDemo, startTestApp, type TestApp, testConfig } from '../test/support/harness.ts';
import { DEMO_ACCOUNTS } from './modules/identity/seed-demo.ts';
import { forgetDefaultInstitution } from './modules/organisation/load-default-institution.ts';
import { createRuntime } from './runtime.ts';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ workers: false });
});
afterAll(async () => t?.stop());

describe('the platform shell', () => {
  it('answers /health and /ready with the database kind', async () => {
    const c = t.client();
    expect((await c.get('/health')).json()).toEqual({ status: 'ok' });
    const ready = await c.get('/ready');
    expect(ready.status).toBe(200);
    expect(ready.json<{ database: string }>().database).toBe(t.database.kind);
  });

  it('answers a page or an API call with 503 "temporarily unavailable" while the database is unreachable, not a 500 error', async () => {
    const { database } = await openTestDatabase();
    const runtime = await createRuntime(testConfig(), { database, log: pino({ level: 'silent' }), workers: false, migrate: false });
    await runtime.app.ready();
    const c = new Client(runtime);
    expect((await c.get('/servicii')).status).toBe(200);
    await database.close();
    forgetDefaultInstitution();
    try {
      const page = await c.get('/servicii');
      expect(page.status).toBe(503);
      expect(page.headers['retry-after']).toBe('30');
      expect(page.body).toContain('Serviciul este temporar indisponibil.');
      const api = await c.api('GET', '/api/v1/services');
      expect(api.status).toBe(503);
      expect(api.json<{ error: { code: string } }>().error.code).toBe('unavailable');
    } finally {
      await runtime.close().catch(() => {});
    }
  });

  it('keeps /health answering while the database is unreachable, and /ready says so in JSON (503)', async () => {
    // A load balancer takes a process out on /ready; an orchestrator restarts one whose /health fails. Losing the
    // database must do the first to every process, never the second.
    const { database } = await openTestDatabase();
    const runtime = await createRuntime(testConfig(), { database, log: pino({ level: 'silent' }), workers: false, migrate: false });
    await runtime.app.ready();
    const c = new Client(runtime);
    expect((await c.get('/ready')).status).toBe(200);
    await database.close();
    forgetDefaultInstitution();
    try {
      const health = await c.get('/health');
      expect(health.status).toBe(200);
      expect(health.json()).toEqual({ status: 'ok' });
      const ready = await c.get('/ready');
      expect(ready.status).toBe(503);
      expect(ready.json()).toEqual({ status: 'database_unreachable' });
    } finally {
      await runtime.close().catch(() => {});
    }
  });

  it('shows the demo institution in the page shell, in Romanian by default', async () => {
    const res = await t.client().get('/');
    expect(res.status).toBe(200);
    expect(res.body).toContain('<html lang="ro"');
    expect(res.body).toContain('Primăria Sectorului 5');
    expect(res.body).toContain('Salt la conținutul principal');
  });

  it('switches to English with ?lang=en and remembers it', async () => {
    const c = t.client();
    const res = await c.get('/?lang=en');
    expect(res.status).toBe(303);
    expect(res.location).toBe('/');
    const page = await c.get('/');
    expect(page.body).toContain('<html lang="en"');
    expect(page.body).toContain('Skip to main content');
  });

  it('answers unknown pages with a 404 page and unknown API routes with JSON', async () => {
    const c = t.client();
    const page = await c.get('/nu-exista');
    expect(page.status).toBe(404);
    expect(page.body).toContain('Pagina nu a fost găsită');
    const api = await c.get('/api/v1/nu-exista');
    expect(api.status).toBe(404);
    expect(api.json<{ error: { code: string } }>().error.code).toBe('not_found');
  });

  it('refuses a form post without a valid CSRF token', async () => {
    const c = t.client();
    await c.get('/');
    const res = await c.request('POST', '/', { _csrf: 'forged' });
    expect(res.status).toBe(403);
    expect(res.body).toContain('Formularul a expirat');
  });

  it('answers malformed JSON with a clean 400 and no stack trace', async () => {
    const c = t.client();
    await c.get('/');
    const res = await c.request('POST', '/api/v1/echo', '{"a":', { 'content-type': 'application/json', accept: 'application/json' });
    expect(res.status).toBe(400);
    expect(res.body).not.toMatch(/at .*\.ts:\d+/);
    expect(res.json<{ error: { code: string } }>().error.code).toBe('malformed_body');
  });

  it('answers an oversized body with a clean 413, in the person\'s language', async () => {
    const c = t.client();
    await c.get('/');
    const big = JSON.stringify({ email: 'x@example.ro', password: 'y'.repeat(2 * 1024 * 1024) });
    const res = await c.request('POST', '/api/v1/auth/login', big, { 'content-type': 'application/json', accept: 'application/json', 'x-csrf-token': c.csrf });
    expect(res.status).toBe(413);
    expect(res.json<{ error: { code: string; message: string } }>().error).toMatchObject({ code: 'too_large', message: 'Cererea este prea mare.' });
    const form = await c.request('POST', '/autentificare', `_csrf=${c.csrf}&email=x&password=${'y'.repeat(2 * 1024 * 1024)}`, { 'content-type': 'application/x-www-form-urlencoded' });
    expect(form.status).toBe(413);
    expect(form.body).toContain('Fișierul sau formularul este prea mare');
  });

  it('answers a malformed id with 404, never a database error', async () => {
    const c = t.client();
    const res = await c.get('/verificare-cerere?cod=%27%3B--&numar=1');
    expect(res.status).toBeLessThan(500);
    const logo = await c.get('/sigla/nu-e-un-uuid');
    expect([400, 404]).toContain(logo.status);
  });

  it('shows the current demo sign-in code outside production', async () => {
    const { demoTotpCode } = await import('./modules/identity/seed-demo.ts');
    const res = await t.client().get('/dev/cod-demo');
    expect(res.status).toBe(200);
    expect(res.body).toContain(demoTotpCode(t.deps.now()));
  });

  it('serves the OpenAPI 3.1 document', async () => {
    const res = await t.client().get('/api/docs/json');
    expect(res.status).toBe(200);
    expect(res.json<{ openapi: string }>().openapi).toBe('3.1.0');
  });

  it('sends security headers with a CSP that allows no inline script', async () => {
    const res = await t.client().get('/');
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(csp).toContain("frame-ancestors 'none'");
  });
});

describe('what an attacker tries on the shell', () => {
  it('never sends the language switch to another site', async () => {
    const c = t.client();
    for (const [path, expected] of [
      ['//x//evil.example/phish?lang=en', '/x//evil.example/phish'],
      ['/servicii?q=certificat&lang=en&pagina=2', '/servicii?q=certificat&pagina=2'],
    ] as const) {
      const res = await c.get(path);
      expect(res.status).toBe(303);
      expect(res.location).toBe(expected);
    }
    // Whatever the path, the answer stays on this site.
    for (const path of ['/.//evil.example?lang=en', '/\\evil.example?lang=en', '///evil.example/?lang=ro']) {
      const res = await c.get(path);
      expect(res.location, path).toMatch(/^\/(?![/\\])/);
    }
  });

  it('answers the developer tools only to a browser on this machine, not through a proxy or from elsewhere', async () => {
    expect((await t.client().get('/dev/mesaje')).status).toBe(200);
    const proxied = await t.client().request('GET', '/dev/mesaje', undefined, { 'x-forwarded-for': '203.0.113.9' });
    expect(proxied.status).toBe(404);
    const api = await t.client().request('GET', '/api/v1/dev/outbox', undefined, { forwarded: 'for=203.0.113.9' });
    expect(api.status).toBe(404);
    // nginx's usual `proxy_set_header X-Real-IP $remote_addr;` sends only this one.
    const realIp = await t.client().request('GET', '/dev/cod-demo', undefined, { 'x-real-ip': '203.0.113.9' });
    expect(realIp.status).toBe(404);
    const remote = await t.app.inject({ method: 'GET', url: '/dev/cod-demo', remoteAddress: '192.0.2.7' });
    expect(remote.statusCode).toBe(404);
  });

  it('believes X-Forwarded-For only from a configured proxy, not from a client that wrote it itself', async () => {
    // The tests' proxy is 127.0.0.1 (TRUST_PROXY); this client connects from elsewhere and forges the header.
    const wrong = { email: 'nimeni@exemplu.ro', password: 'gresit-gresit' };
    const attempt = (i: number) =>
      t.app.inject({ method: 'POST', url: '/api/v1/auth/login', remoteAddress: '192.0.2.10', headers: { 'x-forwarded-for': `198.51.100.${i}` }, payload: wrong });
    for (let i = 0; i < 4; i++) expect((await attempt(i)).statusCode).toBe(401);
    // Five failures from "five addresses" are five from this one: it is locked.
    const locked = await attempt(99);
    expect(locked.statusCode).toBe(429);
    // When the lock ends, for a program: whole seconds, at most the first lock's minutes away.
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(locked.headers['retry-after'])).toBeLessThanOrEqual(16 * 60);
  });

  it('refuses an API sign-in posted by another site\'s form (login CSRF), and sets no session', async () => {
    for (const type of ['application/x-www-form-urlencoded', 'text/plain', 'multipart/form-data; boundary=x']) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        headers: { 'content-type': type, origin: 'https://evil.example' },
        payload: 'email=maria.ionescu%40example.demo&password=Demo-Parola-2026!',
      });
      expect([403, 415], type).toContain(res.statusCode);
      expect(String(res.headers['set-cookie'] ?? '')).not.toContain('pd_session=');
    }
    const json = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', remoteAddress: '192.0.2.50', payload: { email: 'maria.ionescu@example.demo', password: 'Demo-Parola-2026!' } });
    expect(json.statusCode).toBe(200);
  });

  it('answers ids that only look like UUIDs with 404, not an error', async () => {
    const c = t.client();
    for (const path of [`/verificare/${'a'.repeat(36)}`, `/verificare/${'-'.repeat(36)}`]) {
      expect((await c.get(path)).status, path).toBe(404);
    }
  });

  it('reads no upload for someone who is not signed in', async () => {
    const boundary = 'pd-boundary';
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/drafts/7f1c6a52-3f5e-4d55-9a0c-2b8e5f1e9d10/documents',
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
      payload: `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.pdf"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.4 ${'x'.repeat(100_000)}\r\n--${boundary}--\r\n`,
    });
    expect(res.statusCode).toBe(401);
  });

  it('offers a way back to the page a refused request came from, when it is a page of this site', async () => {
    const maria = await signInDemo(t, DEMO_ACCOUNTS.maria, () => {});
    const missing = '/cont/cereri/00000000-0000-4000-8000-000000000000';
    const from = (referer: string) => maria.request('GET', missing, undefined, { host: 'localhost', referer });
    const page = await from('http://localhost/cont/cereri');
    expect(page.status).toBe(404);
    expect(page.body).toContain('<a class="govuk-link" href="/cont/cereri">Înapoi la pagina la care erați</a>');
    // Another site, or the very address that failed: no such link.
    expect((await from('https://evil.example/cont/cereri')).body).not.toContain('Înapoi la pagina la care erați');
    expect((await from(`http://localhost${missing}`)).body).not.toContain('Înapoi la pagina la care erați');
  });
});
