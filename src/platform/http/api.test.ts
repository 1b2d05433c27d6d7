import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, multipartForm, signInDemo, startTestApp, type TestApp } from '../../../test/support/harness.ts';
import { DEMO_ACCOUNTS } from '../../modules/identity/seed-demo.ts';

/*
 * What an integrator of the JSON API meets when following only the OpenAPI document: a client with a cookie jar, a
 * stale session, requests in English, malformed addresses.
 */

let t: TestApp;
let ip = 10;
/** Moved on by each two-factor sign-in: a TOTP code is taken once. */
let later = 0;
beforeAll(async () => {
  t = await startTestApp({ workers: false });
  t.deps.now = () => new Date(Date.now() + later);
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

describe('caching', () => {
  it('tells browsers and proxies to keep no copy of an answer with personal data, as the pages do', async () => {
    const c = t.client();
    const login = await call(c, 'POST', '/api/v1/auth/login', { email: maria.email, password: maria.password });
    c.csrf = login.json<{ csrfToken: string }>().csrfToken;
    for (const url of ['/api/v1/me', '/api/v1/me/cases', '/api/v1/me/data', '/api/v1/me/access-log']) {
      const res = await call(c, 'GET', url);
      expect(res.status, url).toBe(200);
      expect(res.headers['cache-control'], url).toBe('no-store');
    }
    expect((await call(c, 'GET', '/api/v1/me/cases/00000000-0000-4000-8000-000000000000')).headers['cache-control']).toBe('no-store');
  });
});

describe('text with a NUL character', () => {
  it('is refused as invalid input naming the field, in the API and on a page, never answered with a 500', async () => {
    const c = t.client();
    const login = await call(c, 'POST', '/api/v1/auth/login', { email: maria.email, password: maria.password });
    c.csrf = login.json<{ csrfToken: string }>().csrfToken;
    const profile = await call(c, 'PATCH', '/api/v1/me', { address: 'Calea Rahovei\u0000 nr. 147' });
    expect(profile.status).toBe(400);
    expect(profile.json<ErrorAnswer>().error).toEqual({
      code: 'invalid_character',
      message: 'Un text trimis conține caracterul NUL (U+0000), care nu poate fi păstrat: câmpul este numit în fields.',
      fields: { address: 'validation.invalid_character' },
    });
    const draft = (await call(c, 'POST', '/api/v1/drafts', { serviceCode: 'CERERE-GEN', institution: 'sector5', restart: true })).json<{ id: string }>();
    const answers = await call(c, 'PUT', `/api/v1/drafts/${draft.id}/pages/cerere`, { answers: { subject: 'Iluminat\u0000', content: 'Vă rog.' } });
    expect(answers.status).toBe(400);
    expect(answers.json<ErrorAnswer>().error.fields).toEqual({ 'answers.subject': 'validation.invalid_character' });

    const browser = t.client();
    await browser.get('/autentificare');
    const page = await browser.post('/autentificare', { email: 'maria.ionescu\u0000@example.demo', password: 'x' });
    expect(page.status).toBe(400);
    expect(page.body).toContain('Textul trimis conține un caracter invizibil care nu poate fi păstrat');
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
    // One idempotency key everywhere: the workflow actions and the counter's filing took any 8–100 characters.
    for (const [url, body] of [
      ['/api/v1/cases/00000000-0000-4000-8000-000000000000/workflow-actions', { action: 'take', step: 'analiza', version: 0 }],
      ['/api/v1/assisted/cases', { serviceCode: 'CERT-FISCAL' }],
      ['/api/v1/cases/00000000-0000-4000-8000-000000000000/answer', {}],
    ] as const) {
      for (const key of ['scurt', 'cheie cu spații', 'k'.repeat(101)]) {
        const refused = await call(c, 'POST', url, { ...body, transactionId: key });
        expect(refused.status, `${url} ${key}`).toBe(400);
        expect(refused.json<ErrorAnswer>().error.fields, `${url} ${key}`).toMatchObject({ transactionId: 'validation.format' });
      }
    }
    // An upload's transactionId field too, before any file is kept.
    const m = multipartForm({ confirm: 'true', transactionId: 'scurt' }, []);
    const upload = await c.request('POST', '/api/v1/me/cases/00000000-0000-4000-8000-000000000000/documents', m.body as unknown as string, {
      'content-type': m.type,
      accept: 'application/json',
      'x-csrf-token': c.csrf,
    });
    expect(upload.status, upload.body).toBe(400);
    expect(upload.json<ErrorAnswer>().error.fields).toEqual({ transactionId: 'validation.format' });
    const notUuid = await call(c, 'GET', '/api/v1/drafts/nu-e-un-id');
    expect(notUuid.json<ErrorAnswer>().error.fields).toEqual({ id: 'validation.format' });
    const body = await call(c, 'POST', '/api/v1/me/cases/00000000-0000-4000-8000-000000000000/messages', []);
    expect(body.json<ErrorAnswer>().error.fields).toEqual({ _: 'validation.type' });
    // Every code has its message, in both languages.
    const { translator } = await import('../i18n/i18n.ts');
    for (const code of ['required', 'type', 'too_big', 'too_small', 'format', 'option', 'invalid', 'unknown_field']) {
      expect(translator('ro')(`errors.validation.${code}`)).not.toContain('errors.');
      expect(translator('en')(`errors.validation.${code}`)).not.toBe(translator('ro')(`errors.validation.${code}`));
    }
  });
});

describe('properties the API does not know', () => {
  async function mariaApp(): Promise<Client> {
    const c = t.client();
    c.csrf = (await call(c, 'POST', '/api/v1/auth/login', { email: maria.email, password: maria.password })).json<{ csrfToken: string }>().csrfToken;
    return c;
  }

  /** A draft of the fiscal certificate, its pages answered: the answers are a map of the form's own question ids. */
  async function answeredDraft(c: Client): Promise<string> {
    const draft = await call(c, 'POST', '/api/v1/drafts', { serviceCode: 'CERT-FISCAL', institution: 'dgitl5', restart: true });
    expect(draft.status).toBe(201);
    const id = draft.json<{ id: string }>().id;
    expect((await call(c, 'PUT', `/api/v1/drafts/${id}/pages/tip_solicitant`, { answers: { applicant_kind: 'pf' } })).status).toBe(200);
    expect((await call(c, 'PUT', `/api/v1/drafts/${id}/pages/scop`, { answers: { purpose: 'credit', delivery: 'electronic', on_behalf: 'nu' } })).status).toBe(200);
    return id;
  }

  it('refuses a misspelled transactionId, naming it in the call’s language, instead of writing the message without it', async () => {
    const c = await mariaApp();
    const submitted = await call(c, 'POST', `/api/v1/drafts/${await answeredDraft(c)}/submit`, { declaration: true });
    expect(submitted.status).toBe(200);
    const caseId = submitted.json<{ caseId: string }>().caseId;
    const timeline = async () => (await call(c, 'GET', `/api/v1/me/cases/${caseId}`)).json<{ timeline: unknown[] }>().timeline.length;
    const before = await timeline();

    const misspelt = { text: 'Când pot ridica certificatul?', transactionID: 'mesaj-certificat-0001' };
    const ro = await call(c, 'POST', `/api/v1/me/cases/${caseId}/messages`, misspelt, { 'accept-language': 'ro' });
    expect(ro.status).toBe(400);
    expect(ro.json<ErrorAnswer>().error).toEqual({
      code: 'validation',
      message: 'Datele trimise conțin câmpuri necunoscute: transactionID. Verificați cum se scriu numele lor în documentația API (/api/docs).',
      fields: { transactionID: 'validation.unknown_field' },
    });
    const en = await call(c, 'POST', `/api/v1/me/cases/${caseId}/messages`, misspelt, { 'accept-language': 'en' });
    expect(en.status).toBe(400);
    expect(en.json<ErrorAnswer>().error.message).toBe('The data sent contains fields that are not known: transactionID. Check how their names are written in the API documentation (/api/docs).');
    expect(await timeline()).toBe(before);

    // Spelt right, the message is written once, however often the app sends it.
    const right = { text: misspelt.text, transactionId: misspelt.transactionID };
    const first = await call(c, 'POST', `/api/v1/me/cases/${caseId}/messages`, right);
    expect(first.status).toBe(201);
    expect(first.json<{ duplicate: boolean }>().duplicate).toBe(false);
    expect((await call(c, 'POST', `/api/v1/me/cases/${caseId}/messages`, right)).json<{ duplicate: boolean }>().duplicate).toBe(true);
    expect(await timeline()).toBe(before + 1);
  });

  it('refuses an unknown property inside a nested object, and registers the same document without it', async () => {
    const clerk = await signInDemo(t, DEMO_ACCOUNTS.registryClerk, () => (later += 30_000));
    const scan = { filename: 'adresa.pdf', contentBase64: Buffer.from('%PDF-1.4\n%%EOF\n').toString('base64') };
    const body = { direction: 'incoming', channel: 'email', issuerName: 'Inspectoratul Școlar al Municipiului București', summary: 'Adresă privind rețeaua școlară', pageCount: 1 };
    const nested = await call(clerk, 'POST', '/api/v1/registry/entries', { ...body, scans: [{ ...scan, mediaType: 'application/pdf' }] }, { 'accept-language': 'en' });
    expect(nested.status).toBe(400);
    expect(nested.json<ErrorAnswer>().error).toMatchObject({ code: 'validation', fields: { 'scans.0.mediaType': 'validation.unknown_field' } });
    expect(nested.json<ErrorAnswer>().error.message).toContain('scans.0.mediaType');
    const registered = await call(clerk, 'POST', '/api/v1/registry/entries', { ...body, scans: [scan] });
    expect(registered.status, registered.body).toBe(201);
  });

  it('keeps a form’s answers a free map of its question ids, and takes the CSRF token in the body as before', async () => {
    const c = await mariaApp();
    const id = await answeredDraft(c);
    const draft = await call(c, 'GET', `/api/v1/drafts/${id}`);
    expect(draft.json<{ answers: Record<string, unknown> }>().answers).toMatchObject({ applicant_kind: 'pf', purpose: 'credit', on_behalf: 'nu' });
    const page = await call(c, 'PUT', `/api/v1/drafts/${id}/pages/scop`, { answers: { purpose: 'credit', delivery: 'electronic', on_behalf: 'nu' }, showAll: true, shwoAll: true });
    expect(page.json<ErrorAnswer>().error.fields).toEqual({ shwoAll: 'validation.unknown_field' });
    // The token is read wherever the app puts it; it is no unknown property.
    const token = c.csrf;
    c.csrf = '';
    expect((await call(c, 'PATCH', '/api/v1/me', { _csrf: token, notifySms: false })).status).toBe(200);
  });

  it('refuses a form field an upload does not take, as the JSON bodies do', async () => {
    const c = await mariaApp();
    const id = await answeredDraft(c);
    const pdf = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
    const post = (fields: Record<string, string>) => {
      const m = multipartForm(fields, [{ field: 'file', filename: 'mandat.pdf', type: 'application/pdf', bytes: pdf }]);
      return c.request('POST', `/api/v1/drafts/${id}/documents`, m.body as unknown as string, { 'content-type': m.type, accept: 'application/json', 'accept-language': 'ro', 'x-csrf-token': c.csrf });
    };
    const misspelt = await post({ documentID: 'mandate' });
    expect(misspelt.status).toBe(400);
    expect(misspelt.json<ErrorAnswer>().error).toEqual({
      code: 'validation',
      message: 'Datele trimise conțin câmpuri necunoscute: documentID. Verificați cum se scriu numele lor în documentația API (/api/docs).',
      fields: { documentID: 'validation.unknown_field' },
    });
    const right = await post({ documentId: 'mandate' });
    expect(right.status, right.body).toBe(201);
  });
});

describe('the OpenAPI document', () => {
  type Operation = { security?: Record<string, string[]>[]; responses: Record<string, { content?: Record<string, { schema: { properties?: Record<string, unknown> } }> }>; requestBody?: { content: Record<string, unknown> } };
  type Doc = { info: { description: string }; paths: Record<string, Record<string, Operation>> };

  it('gives every registry number in every answer the same shape: number, date and the written form', async () => {
    const doc = (await t.client().get('/api/docs/json')).json<Doc>();
    const NAMES = new Set(['number', 'outgoingNumber', 'caseNumber', 'registryNumber', 'repliesTo', 'linkedTo']);
    const found: string[] = [];
    const shapes = new Set<string>();
    const walk = (node: unknown, where: string): void => {
      if (!node || typeof node !== 'object') return;
      for (const [k, child] of Object.entries(node)) {
        if (k !== 'properties' || !child || typeof child !== 'object') {
          walk(child, where);
          continue;
        }
        for (const [key, value] of Object.entries(child)) {
          if (!NAMES.has(key)) {
            // A registry number under another name (`sentAs`, `alongWith` or null), or a list of them (`joined`), is one
            // already: its own `number` is the sequence.
            type Named = { properties?: object; items?: { properties?: object }; anyOf?: Named[]; type?: string };
            const named = ((value as Named).anyOf?.find((x) => x.type !== 'null') ?? value) as Named;
            const props = named.properties ?? named.items?.properties;
            if (!props || Object.keys(props).sort().join() !== 'date,formatted,number') walk(value, where);
            continue;
          }
          // A registry number's own parts are not walked into: its `number` is the sequence.
          const v = value as { anyOf?: { type?: string; properties?: object }[]; properties?: object; type?: string };
          const object = v.anyOf ? v.anyOf.find((x) => x.type !== 'null') : v;
          found.push(`${where} ${key}`);
          shapes.add(object?.properties ? Object.keys(object.properties).sort().join() : `${key}: ${object?.type} at ${where}`);
        }
      }
    };
    for (const [path, ops] of Object.entries(doc.paths)) {
      // The joining of petitions is being written in another change; it adopts the shape when it lands.
      if (!path.startsWith('/api/v1/') || path.endsWith('/join')) continue;
      for (const [method, op] of Object.entries(ops)) for (const [status, r] of Object.entries(op.responses)) if (status.startsWith('2')) walk(r, `${method} ${path}`);
    }
    expect(found.length).toBeGreaterThan(15);
    expect([...shapes]).toEqual(['date,formatted,number']);
  });

  it('gives every transactionId of every call one shape, the one the description names', async () => {
    const doc = (await t.client().get('/api/docs/json')).json<Doc>();
    const shapes = new Map<string, string[]>();
    const walk = (node: unknown, where: string): void => {
      if (!node || typeof node !== 'object') return;
      for (const [k, child] of Object.entries(node)) {
        if (k === 'properties' && child && typeof child === 'object' && 'transactionId' in child) {
          const { description, ...shape } = (child as { transactionId: Record<string, unknown> }).transactionId;
          expect(description, where).toContain('8–100 letters, digits');
          const key = JSON.stringify(shape);
          shapes.set(key, [...(shapes.get(key) ?? []), where]);
        }
        walk(child, where);
      }
    };
    for (const [path, ops] of Object.entries(doc.paths)) for (const [method, op] of Object.entries(ops)) walk(op.requestBody, `${method} ${path}`);
    expect([...shapes.values()].flat().length).toBeGreaterThan(8);
    expect([...shapes.keys()]).toEqual([JSON.stringify({ type: 'string', pattern: '^[\\w-]{8,100}$' })]);
    expect(doc.info.description).toContain('`transactionId` (8–100 letters, digits, `_` or `-`');
  });

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
    expect(Object.keys(generate.responses).sort()).toEqual(['200', '201', '4XX', '5XX']);
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

  it('describes what every call answers when it succeeds, not only its errors', async () => {
    const doc = (await t.client().get('/api/docs/json')).json<Doc>();
    const undescribed: string[] = [];
    for (const [path, ops] of Object.entries(doc.paths)) {
      if (!path.startsWith('/api/v1/')) continue;
      for (const [method, op] of Object.entries(ops)) {
        const success = Object.entries(op.responses).filter(([status]) => status.startsWith('2'));
        // A success with a body says what the body is (204 has none).
        if (success.length === 0 || success.some(([status, r]) => status !== '204' && !r.content)) undescribed.push(`${method.toUpperCase()} ${path}`);
      }
    }
    expect(undescribed).toEqual([]);
    const panel = JSON.stringify(doc.paths['/api/v1/cases/{caseId}/answer']!.get!.responses['200']);
    expect(panel).toContain('outgoingNumber');
    expect(JSON.stringify(doc.paths['/api/v1/verification']!.post!.responses['200'])).toContain('altered_after_signing');
    // An official's client reads the case with the applicant's possible actions beside its own: each says whose they are.
    expect(JSON.stringify(doc.paths['/api/v1/cases/{caseId}']!.get!.responses['200'])).toContain('What the applicant may do');
    expect(JSON.stringify(doc.paths['/api/v1/me/cases']!.get)).toContain('20 a page');
  });
});

describe('the OpenAPI document of the bodies', () => {
  type Body = { type?: string; properties?: Record<string, Body>; additionalProperties?: unknown; items?: Body; anyOf?: Body[] };
  type Doc = { paths: Record<string, Record<string, { requestBody?: { content: Record<string, { schema: Body }> } }>> };

  it('says that a body takes no property it does not list, at every depth, while the answers stay a free map', async () => {
    const doc = (await t.client().get('/api/docs/json')).json<Doc>();
    const open: string[] = [];
    const walk = (schema: Body | undefined, where: string) => {
      if (!schema) return;
      if (schema.type === 'object' && schema.properties && schema.additionalProperties !== false) open.push(where);
      for (const [name, child] of Object.entries(schema.properties ?? {})) walk(child, `${where}.${name}`);
      walk(schema.items, `${where}[]`);
      for (const option of schema.anyOf ?? []) walk(option, where);
    };
    let bodies = 0;
    for (const [path, ops] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(ops)) {
        for (const [type, { schema }] of Object.entries(op.requestBody?.content ?? {})) {
          if (type === 'application/pdf') continue;
          bodies++;
          walk(schema, `${method} ${path} ${type}`);
        }
      }
    }
    expect(bodies).toBeGreaterThan(20);
    expect(open).toEqual([]);
    const registry = doc.paths['/api/v1/registry/entries']!.post!.requestBody!.content['application/json']!.schema;
    expect(registry.properties!.scans!.items!.additionalProperties).toBe(false);
    const page = doc.paths['/api/v1/drafts/{id}/pages/{pageId}']!.put!.requestBody!.content['application/json']!.schema;
    expect(page.properties!.answers!.additionalProperties).toEqual({});
    const upload = doc.paths['/api/v1/drafts/{id}/documents']!.post!.requestBody!.content['multipart/form-data']!.schema;
    expect(Object.keys(upload.properties!)).toEqual(['file', 'documentId', 'questionId']);
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
