import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, startTestApp, type TestApp } from '../../../test/support/harness.ts';
import { DEMO_ACCOUNTS } from '../../modules/identity/seed-demo.ts';

/*
 * What an integrator of the JSON API meets when following only the OpenAPI document: a client with a cookie jar, a
 * stale session, requests in English, malformed addresses.
 */

let t: TestApp;
let ip = 10;
beforeAll(async () => {
  t = await startTestApp({ workers: false });
});
afterAll(async () => t?.stop());

type ErrorAnswer = { error: { code: string; message: string; fields?: Record<string, string> }; requestId: string };
const maria = DEMO_ACCOUNTS.maria;

/** A JSON call as an app sends it: its own client address, and the CSRF header only when it has a token. */
function call(c: Client, method: string, url: string, body?: unknown, headers: Record<string, string> = {}) {
  return c.request(method, url, body === undefined ? undefined : JSON.stringify(body), {
    ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    accept: 'application/json',
    'x-forwarded-for': `198.51.100.${ip++}`,
    ...(c.csrf ? { 'x-csrf-token': c.csrf } : {}),
    ...headers,
  });
}

describe('signing in with a cookie jar', () => {
  it('sets no cookie on an anonymous API call, and signs in after reading the catalogue', async () => {
    const c = t.client();
    const catalogue = await call(c, 'GET', '/api/v1/catalog/services');
    expect(catalogue.status).toBe(200);
    expect(catalogue.headers['set-cookie']).toBeUndefined();
    const login = await call(c, 'POST', '/api/v1/auth/login', { email: maria.email, password: maria.password });
    expect(login.status).toBe(200);
  });

  it('signs in again when the jar still holds an expired session or a cookie of the web pages', async () => {
    const stale = t.client();
    stale.cookies.set('pd_session', 'a-session-that-ended-long-ago-xxxxxxxxxxxx');
    expect((await call(stale, 'POST', '/api/v1/auth/login', { email: maria.email, password: maria.password })).status).toBe(200);
    const browser = t.client();
    await browser.get('/');
    expect(browser.cookies.get('pd_anon')).toBeTruthy();
    browser.csrf = '';
    expect((await call(browser, 'POST', '/api/v1/auth/login', { email: maria.email, password: maria.password })).status).toBe(200);
  });

  it('still wants the token from a live session, and refuses what a form of another site can send', async () => {
    const c = t.client();
    const login = await call(c, 'POST', '/api/v1/auth/login', { email: maria.email, password: maria.password });
    const token = login.json<{ csrfToken: string }>().csrfToken;
    const without = await call(c, 'PATCH', '/api/v1/me', { notifySms: false });
    expect(without.status).toBe(403);
    expect(without.json<ErrorAnswer>().error.code).toBe('csrf');
    c.csrf = token;
    expect((await call(c, 'PATCH', '/api/v1/me', { notifySms: false })).status).toBe(200);

    const anon = t.client();
    const form = await anon.request('POST', '/api/v1/auth/login', `email=${encodeURIComponent(maria.email)}&password=${encodeURIComponent(maria.password)}`, {
      'content-type': 'application/x-www-form-urlencoded',
      accept: 'application/json',
    });
    expect(form.status).toBe(403);
    expect(form.json<ErrorAnswer>().error.code).toBe('csrf');
  });
});

describe('the language of the answers', () => {
  it('follows the Accept-Language of a signed-in call, whatever the account’s own language', async () => {
    const c = t.client();
    c.csrf = (await call(c, 'POST', '/api/v1/auth/login', { email: maria.email, password: maria.password })).json<{ csrfToken: string }>().csrfToken;
    const en = await call(c, 'GET', '/api/v1/me/cases/00000000-0000-4000-8000-000000000000', undefined, { 'accept-language': 'en-GB,en;q=0.9' });
    expect(en.status).toBe(404);
    expect(en.json<ErrorAnswer>().error.message).toBe('The request you are looking for does not exist or you do not have access to it.');
    const csrf = await call(c, 'PATCH', '/api/v1/me', { notifySms: false }, { 'accept-language': 'en', 'x-csrf-token': 'forged' });
    expect(csrf.json<ErrorAnswer>().error.message).not.toMatch(/[ăâîșț]/);
    const ro = await call(c, 'GET', '/api/v1/me/cases/00000000-0000-4000-8000-000000000000', undefined, { 'accept-language': 'ro' });
    expect(ro.json<ErrorAnswer>().error.message).toBe('Cererea căutată nu există ori nu aveți acces la ea.');
    // Without the header, the account's language.
    const own = await call(c, 'GET', '/api/v1/me/cases/00000000-0000-4000-8000-000000000000');
    expect(own.json<ErrorAnswer>().error.message).toBe('Cererea căutată nu există ori nu aveți acces la ea.');
  });
});

describe('addresses the router cannot read', () => {
  it('answers a malformed or overlong id with the usual 404, as JSON to the API and as the page to a browser', async () => {
    const c = t.client();
    for (const url of ['/api/v1/me/cases/%E0%A4%A', `/api/v1/me/cases/${'a'.repeat(150)}`, `/api/v1/catalog/services/sector5/${'x'.repeat(120)}`]) {
      const res = await call(c, 'GET', url, undefined, { 'accept-language': 'en' });
      expect(res.status, url).toBe(404);
      expect(res.json<ErrorAnswer>().error).toEqual({ code: 'not_found', message: 'The page or record does not exist, or you do not have access to it.' });
    }
    const page = await c.get('/cont/cereri/%E0%A4%A');
    expect(page.status).toBe(404);
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.body).toContain('Pagina nu a fost găsită');
    const english = await c.get('/cont/cereri/%E0%A4%A', { cookie: 'pd_lang=en' });
    expect(english.body).toContain('<html lang="en"');
  });
});

describe('uploads', () => {
  it('answers a multipart body it cannot read with 400 malformed_multipart, never a 500', async () => {
    const c = t.client();
    c.csrf = (await call(c, 'POST', '/api/v1/auth/login', { email: maria.email, password: maria.password })).json<{ csrfToken: string }>().csrfToken;
    const draft = (await call(c, 'POST', '/api/v1/drafts', { serviceCode: 'CERT-FISCAL', institution: 'dgitl5', restart: true })).json<{ id: string }>();
    const cut = '--xx\r\nContent-Disposition: form-data; name="documentId"\r\n\r\nmandate\r\n--xx\r\nContent-Disposition: form-data; name="file"; filename="a.pdf"\r\n\r\n%PDF-1.4';
    for (const [url, body, type] of [
      [`/api/v1/drafts/${draft.id}/documents`, cut, 'multipart/form-data; boundary=xx'],
      [`/api/v1/drafts/${draft.id}/documents`, 'abc', 'multipart/form-data'],
      ['/api/v1/me/cases/00000000-0000-4000-8000-000000000000/documents', cut, 'multipart/form-data; boundary=xx'],
    ] as const) {
      const res = await c.request('POST', url, body, { 'content-type': type, accept: 'application/json', 'accept-language': 'en', 'x-csrf-token': c.csrf });
      expect(res.status, `${url} ${type}`).toBe(400);
      expect(res.json<ErrorAnswer>().error).toEqual({ code: 'malformed_multipart', message: 'The form data sent (multipart/form-data) cannot be read: it is incomplete or malformed.' });
    }
  });
});

describe('invalid input', () => {
  it('names each invalid field with a code, never the schema library’s English sentence', async () => {
    const c = t.client();
    const query = await call(c, 'GET', `/api/v1/catalog/services?q=${'x'.repeat(201)}`, undefined, { 'accept-language': 'ro' });
    expect(query.status).toBe(400);
    expect(query.json<ErrorAnswer>().error).toEqual({ code: 'validation', message: 'Datele trimise nu sunt valide.', fields: { q: 'validation.too_big' } });

    c.csrf = (await call(c, 'POST', '/api/v1/auth/login', { email: maria.email, password: maria.password })).json<{ csrfToken: string }>().csrfToken;
    const draft = await call(c, 'POST', '/api/v1/drafts', { institution: 'dgitl5', serviceCode: 7, restart: 'yes' });
    expect(draft.json<ErrorAnswer>().error.fields).toEqual({ serviceCode: 'validation.type', restart: 'validation.type' });
    const missing = await call(c, 'POST', '/api/v1/drafts', { serviceCode: 'CERT-FISCAL' });
    expect(missing.json<ErrorAnswer>().error.fields).toEqual({ institution: 'validation.required' });
    const tx = await call(c, 'POST', '/api/v1/me/cases/00000000-0000-4000-8000-000000000000/messages', { text: 'x', transactionId: 'scurt' });
    expect(tx.json<ErrorAnswer>().error.fields).toEqual({ transactionId: 'validation.format' });
    const notUuid = await call(c, 'GET', '/api/v1/drafts/nu-e-un-id');
    expect(notUuid.json<ErrorAnswer>().error.fields).toEqual({ id: 'validation.format' });
    const body = await call(c, 'POST', '/api/v1/me/cases/00000000-0000-4000-8000-000000000000/messages', []);
    expect(body.json<ErrorAnswer>().error.fields).toEqual({ _: 'validation.type' });
    // Every code has its message, in both languages.
    const { translator } = await import('../i18n/i18n.ts');
    for (const code of ['required', 'type', 'too_big', 'too_small', 'format', 'option', 'invalid']) {
      expect(translator('ro')(`errors.validation.${code}`)).not.toContain('errors.');
      expect(translator('en')(`errors.validation.${code}`)).not.toBe(translator('ro')(`errors.validation.${code}`));
    }
  });
});

describe('the OpenAPI document', () => {
  type Operation = { security?: Record<string, string[]>[]; responses: Record<string, { content?: Record<string, { schema: { properties?: Record<string, unknown> } }> }>; requestBody?: { content: Record<string, unknown> } };
  type Doc = { info: { description: string }; paths: Record<string, Record<string, Operation>> };

  it('tells how to sign in with two-factor and send the CSRF header, and which errors every call may answer', async () => {
    const doc = (await t.client().get('/api/docs/json')).json<Doc>();
    expect(doc.info.description).toContain('/api/v1/auth/second-factor');
    expect(doc.info.description).toContain('x-csrf-token');
    for (const [path, ops] of Object.entries(doc.paths)) {
      if (!path.startsWith('/api/v1/')) continue;
      for (const [method, op] of Object.entries(ops)) {
        const errors = op.responses['4XX'];
        expect(errors?.content?.['application/json']?.schema.properties, `${method} ${path}`).toHaveProperty('error');
        if (method === 'get') expect(JSON.stringify(op.security ?? []), `${method} ${path}`).not.toContain('csrf');
      }
    }
    expect(doc.paths['/api/v1/me']!.patch!.security).toEqual([{ session: [], csrf: [] }]);
    // What the API's own fields are for, where they point to the web pages.
    const draftSchema = JSON.stringify(doc.paths['/api/v1/drafts/{id}']!.get!.responses['200']);
    expect(draftSchema).toContain('The web page of the next step');
    expect(JSON.stringify(doc.paths['/api/v1/me/cases/{id}']!.get!.responses['200'])).toContain('Where to download the file');
    // The public check takes the PDF itself as the body.
    expect(Object.keys(doc.paths['/api/v1/verification']!.post!.requestBody!.content)).toEqual(['application/pdf']);
    // The answer document's calls say which status they answer and that they need the session.
    const generate = doc.paths['/api/v1/cases/{caseId}/answer']!.post!;
    expect(Object.keys(generate.responses)).toEqual(['201', '4XX', '5XX']);
    expect(generate.security).toEqual([{ session: [], csrf: [] }]);
    expect(Object.keys(doc.paths['/api/v1/answers/{documentId}/signatures']!.post!.responses).sort()).toEqual(['200', '201', '4XX', '5XX']);
    // Signing out is refused without the token, like any change made with a session.
    expect(doc.paths['/api/v1/auth/logout']!.post!.security).toEqual([{ session: [], csrf: [] }]);
    expect(doc.paths['/api/v1/me/cases/{id}']!.get!.security).toEqual([{ session: [] }]);
    expect(Object.keys(doc.paths['/api/v1/drafts/{id}/documents']!.post!.requestBody!.content)).toEqual(['multipart/form-data']);
    const csv = doc.paths['/api/v1/registry/export.csv']!.get!;
    expect(Object.keys(csv.responses['200']!.content!)).toEqual(['text/csv']);
    expect(Object.keys(csv.responses['400']!.content!)).toEqual(['application/json']);
  });
});

describe('the CSRF refusal', () => {
  it('tells an app which header to send, not to reload a page', async () => {
    const c = t.client();
    c.csrf = (await call(c, 'POST', '/api/v1/auth/login', { email: maria.email, password: maria.password })).json<{ csrfToken: string }>().csrfToken;
    const ro = await call(c, 'PATCH', '/api/v1/me', { notifySms: false }, { 'x-csrf-token': 'gresit', 'accept-language': 'ro' });
    expect(ro.status).toBe(403);
    expect(ro.json<ErrorAnswer>().error).toEqual({ code: 'csrf', message: 'Antetul x-csrf-token lipsește sau nu este al acestei sesiuni: trimiteți csrfToken primit la autentificare.' });
    const en = await call(c, 'PATCH', '/api/v1/me', { notifySms: false }, { 'x-csrf-token': 'wrong', 'accept-language': 'en' });
    expect(en.json<ErrorAnswer>().error.message).toBe('The x-csrf-token header is missing or not this session’s: send the csrfToken returned when signing in.');
  });
});
