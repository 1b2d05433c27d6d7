import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../test/support/harness.ts';

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
