import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, multipartForm, signInDemo, startTestApp, type TestApp } from '../../../test/support/harness.ts';
import { DEMO_ACCOUNTS } from '../identity/seed-demo.ts';

/*
 * Every uploaded file stays as evidence on the disk or in the object store: an account — or a script with a stolen
 * session — may upload only so many files and bytes an hour, and one draft's files together are capped.
 */

let t: TestApp;
let clock = Date.now();
beforeAll(async () => {
  t = await startTestApp({ workers: false, config: { uploadQuota: { filesPerHour: 3, bytesPerHour: 300 * 1024, draftBytes: 150 * 1024 } } });
  t.deps.now = () => new Date(clock);
});
afterAll(async () => t?.stop());

type ErrorAnswer = { error: { code: string; message: string; fields?: Record<string, string> } };
const pdf = (kib: number) => Buffer.concat([Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n'), Buffer.alloc(kib * 1024, 0x20)]);

async function apiClient(account: { email: string; password: string }): Promise<Client> {
  const c = t.client();
  const login = await c.request('POST', '/api/v1/auth/login', JSON.stringify({ email: account.email, password: account.password }), { 'content-type': 'application/json', accept: 'application/json' });
  c.csrf = login.json<{ csrfToken: string }>().csrfToken;
  return c;
}

async function draft(c: Client): Promise<string> {
  const d = (await c.api('POST', '/api/v1/drafts', { serviceCode: 'CERT-FISCAL', institution: 'dgitl5', restart: true })).json<{ id: string }>();
  const page = await c.api('PUT', `/api/v1/drafts/${d.id}/pages/tip_solicitant`, { answers: { applicant_kind: 'pf' } });
  expect(page.status, page.body).toBe(200);
  return d.id;
}

function upload(c: Client, draftId: string, bytes: Buffer, language = 'ro') {
  const m = multipartForm({ documentId: 'mandate' }, [{ field: 'file', filename: 'mandat.pdf', type: 'application/pdf', bytes }]);
  return c.request('POST', `/api/v1/drafts/${draftId}/documents`, m.body as unknown as string, {
    'content-type': m.type,
    accept: 'application/json',
    'accept-language': language,
    'x-csrf-token': c.csrf,
  });
}

describe('the upload quota of an account', () => {
  it('refuses the files over the hour’s count with 429, when to try again and Retry-After; another account is not held up', async () => {
    const maria = await apiClient(DEMO_ACCOUNTS.maria);
    const id = await draft(maria);
    for (let i = 0; i < 3; i++) expect((await upload(maria, id, pdf(1))).status).toBe(201);
    const refused = await upload(maria, id, pdf(1));
    expect(refused.status, refused.body).toBe(429);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(3500);
    expect(refused.json<ErrorAnswer>().error).toMatchObject({ code: 'uploads.rate_limited' });
    expect(refused.json<ErrorAnswer>().error.message).toMatch(/^Ați trimis foarte multe fișiere în ultima oră\. Puteți trimite din nou fișiere după \d\d\.\d\d\.\d{4} \d\d:\d\d/);
    expect((await upload(maria, id, pdf(1), 'en')).json<ErrorAnswer>().error.message).toMatch(/^You have sent a great many files in the last hour\. You can send files again after/);
    expect((await maria.api('GET', `/api/v1/drafts/${id}`)).json<{ documents: unknown[] }>().documents).toHaveLength(3);

    const ion = await signInDemo(t, DEMO_ACCOUNTS.ion, () => (clock += 30_000));
    expect((await upload(ion, await draft(ion), pdf(1))).status).toBe(201);

    clock += 61 * 60_000; // the hour is over (the session too: signed in again)
    const again = await apiClient(DEMO_ACCOUNTS.maria);
    expect((await upload(again, id, pdf(1))).status).toBe(201);
  });

  it('counts the bytes too: one file over the hour’s volume is refused before it is stored', async () => {
    clock += 61 * 60_000;
    const ion = await signInDemo(t, DEMO_ACCOUNTS.ion, () => (clock += 30_000));
    const id = await draft(ion);
    const refused = await upload(ion, id, pdf(310));
    expect(refused.status, refused.body).toBe(429);
    expect(refused.json<ErrorAnswer>().error.code).toBe('uploads.rate_limited');
    expect((await ion.api('GET', `/api/v1/drafts/${id}`)).json<{ documents: unknown[] }>().documents).toHaveLength(0);
  });
});

describe('the files of one draft together', () => {
  it('refuses a file that would take the draft over its cap with 413 and what to do, keeping the files attached', async () => {
    clock += 61 * 60_000;
    const maria = await apiClient(DEMO_ACCOUNTS.maria);
    const id = await draft(maria);
    expect((await upload(maria, id, pdf(100))).status).toBe(201);
    const refused = await upload(maria, id, pdf(60));
    expect(refused.status, refused.body).toBe(413);
    expect(refused.json<ErrorAnswer>().error).toMatchObject({ code: 'submission.file.draft_full', fields: { file: 'submission.file.draft_full' } });
    expect(refused.json<ErrorAnswer>().error.message).toContain('cel mult 0.1 MB');
    expect((await maria.api('GET', `/api/v1/drafts/${id}`)).json<{ documents: unknown[] }>().documents).toHaveLength(1);
    expect((await upload(maria, id, pdf(40))).status).toBe(201);
  });
});

describe('the public upload form, without an account', () => {
  it('counts by client address: the fourth file in the hour from one address is refused with when to try again, another address is not', async () => {
    clock += 61 * 60_000;
    const check = async (ip: string) => {
      const c = t.client();
      await c.get('/verificare', { 'x-forwarded-for': ip });
      const m = multipartForm({ _csrf: c.csrf }, [{ field: 'file', filename: 'copie.pdf', type: 'application/pdf', bytes: pdf(1) }]);
      return c.request('POST', '/verificare', m.body as unknown as string, { 'content-type': m.type, 'x-forwarded-for': ip });
    };
    for (let i = 0; i < 3; i++) expect((await check('2001:db8:5:1::7')).status).toBe(200);
    // Another address in the same /64 is the same client.
    const refused = await check('2001:db8:5:1::8');
    expect(refused.status).toBe(429);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(3500);
    expect(refused.body).toContain('Ați trimis foarte multe fișiere în ultima oră');
    expect((await check('2001:db8:5:2::7')).status).toBe(200);
  });
});

describe('the refusal page of a form over the quota', () => {
  it('leads back to the page the file was sent from (the draft), not only home; never to another site', async () => {
    clock += 61 * 60_000;
    const maria = await signInDemo(t, DEMO_ACCOUNTS.maria, () => (clock += 30_000));
    const id = await draft(maria);
    const page = `/cereri/ciorna/${id}/documente/mandate`;
    const send = (referer: string) => {
      const m = multipartForm({ _csrf: maria.csrf, action: 'upload' }, [{ field: 'file', filename: 'mandat.pdf', type: 'application/pdf', bytes: pdf(1) }]);
      return maria.request('POST', page, m.body as unknown as string, { 'content-type': m.type, host: 'localhost', referer });
    };
    for (let i = 0; i < 3; i++) expect((await send(`http://localhost${page}`)).status).toBe(303);
    const refused = await send(`http://localhost${page}`);
    expect(refused.status).toBe(429);
    expect(refused.body).toContain('Ați trimis foarte multe fișiere în ultima oră');
    expect(refused.body).toContain(`<a class="govuk-link" href="${page}">Înapoi la pagina la care erați</a>`);
    expect(refused.body).toContain('href="/contact"');
    // A form of another site, or a referrer that is not a path of this one: home and contact only.
    for (const referer of ['https://evil.example/cereri', 'http://localhost//evil.example/x']) {
      const other = await send(referer);
      expect(other.status).toBe(429);
      expect(other.body).not.toContain('Înapoi la pagina la care erați');
    }
    maria.cookies.set('pd_lang', 'en');
    expect((await send(`http://localhost${page}`)).body).toContain(`href="${page}">Back to the page you were on</a>`);
  });
});
