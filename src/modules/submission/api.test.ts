import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, multipartForm, signInDemo, startTestApp, type TestApp } from '../../../test/support/harness.ts';
import { makeSelfSignedIdentity, signedTestPdf } from '../../platform/signatures/test-signer.ts';
import { DEMO_ACCOUNTS } from '../identity/seed-demo.ts';

/*
 * The online submission as an app makes it through the JSON API only: a draft answered page by page, the application
 * signed as a PDF instead of the declaration, the receipt downloaded.
 */

let t: TestApp;
let clock = Date.now();
beforeAll(async () => {
  t = await startTestApp({ workers: false });
  t.deps.now = () => new Date(clock);
});
afterAll(async () => t?.stop());

type ErrorAnswer = { error: { code: string; message: string; fields?: Record<string, string> }; requestId: string };

async function apiClient(email: string, password: string): Promise<Client> {
  const c = t.client();
  const login = await c.request('POST', '/api/v1/auth/login', JSON.stringify({ email, password }), { 'content-type': 'application/json', accept: 'application/json' });
  c.csrf = login.json<{ csrfToken: string }>().csrfToken;
  return c;
}

function upload(c: Client, url: string, field: string, bytes: Buffer) {
  const m = multipartForm({}, [{ field, filename: 'cerere.pdf', type: 'application/pdf', bytes }]);
  return c.request('POST', url, m.body as unknown as string, { 'content-type': m.type, accept: 'application/json', 'x-csrf-token': c.csrf });
}

async function answeredDraft(c: Client): Promise<string> {
  const d = (await c.api('POST', '/api/v1/drafts', { serviceCode: 'CERT-FISCAL', institution: 'dgitl5', restart: true })).json<{ id: string }>();
  expect((await c.api('PUT', `/api/v1/drafts/${d.id}/pages/tip_solicitant`, { answers: { applicant_kind: 'pf' } })).status).toBe(200);
  expect((await c.api('PUT', `/api/v1/drafts/${d.id}/pages/scop`, { answers: { purpose: 'credit', delivery: 'electronic', on_behalf: 'nu' } })).status).toBe(200);
  return d.id;
}

describe('the application signed as a PDF, through the API', () => {
  it('refuses a PDF without a signature or altered after signing, takes an intact one and submits with it', async () => {
    const c = await apiClient(DEMO_ACCOUNTS.maria.email, DEMO_ACCOUNTS.maria.password);
    const id = await answeredDraft(c);
    const plain = await upload(c, `/api/v1/drafts/${id}/signed-application`, 'signedPdf', Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n'));
    expect(plain.status).toBe(400);
    expect(plain.json<ErrorAnswer>().error).toMatchObject({ code: 'submission.signature.missing', fields: { signedPdf: 'submission.signature.missing' } });

    const signed = Buffer.from(await signedTestPdf(await makeSelfSignedIdentity('Maria Ionescu')));
    const altered = Buffer.from(signed);
    altered[altered.indexOf('Cerere')] = 'X'.charCodeAt(0);
    const bad = await upload(c, `/api/v1/drafts/${id}/signed-application`, 'signedPdf', altered);
    expect(bad.status).toBe(400);
    expect(bad.json<ErrorAnswer>().error.code).toBe('submission.signature.altered');
    expect((await c.api('POST', `/api/v1/drafts/${id}/submit`, { declaration: false })).status).toBe(400);

    const good = await upload(c, `/api/v1/drafts/${id}/signed-application`, 'signedPdf', signed);
    expect(good.status).toBe(200);
    expect(good.json()).toMatchObject({ signerName: 'Maria Ionescu', trustChecked: false });
    const submitted = await c.api('POST', `/api/v1/drafts/${id}/submit`, { declaration: false });
    expect(submitted.status).toBe(200);
    expect((await upload(c, `/api/v1/drafts/${id}/signed-application`, 'signedPdf', signed)).json<ErrorAnswer>().error.code).toBe('submission.already_submitted');
  });
});

describe('the receipt, through the API', () => {
  it('gives the applicant the PDF receipt of a submitted case, and nobody else', async () => {
    const c = await apiClient(DEMO_ACCOUNTS.maria.email, DEMO_ACCOUNTS.maria.password);
    const id = await answeredDraft(c);
    const s = (await c.api('POST', `/api/v1/drafts/${id}/submit`, { declaration: true })).json<{ caseId: string; number: { formatted: string } }>();
    const res = await t.app.inject({ method: 'GET', url: `/api/v1/me/cases/${s.caseId}/receipt.pdf`, headers: { cookie: `pd_session=${c.cookies.get('pd_session')}` } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');

    clock += 30_000;
    const ion = await signInDemo(t, DEMO_ACCOUNTS.ion, () => (clock += 30_000));
    const foreign = await ion.get(`/api/v1/me/cases/${s.caseId}/receipt.pdf`, { accept: 'application/json' });
    const random = await ion.get('/api/v1/me/cases/00000000-0000-4000-8000-000000000000/receipt.pdf', { accept: 'application/json' });
    expect(foreign.status).toBe(404);
    expect(random.status).toBe(404);
    expect(foreign.json<ErrorAnswer>().error).toEqual(random.json<ErrorAnswer>().error);
  });
});

describe('ids the service does not have', () => {
  it('refuses a consent or an upload for a document the service does not list, instead of dropping it', async () => {
    const c = await apiClient(DEMO_ACCOUNTS.maria.email, DEMO_ACCOUNTS.maria.password);
    const id = await answeredDraft(c);
    for (const agreed of [['death_certficate'], ['mandate']]) {
      const res = await c.api('POST', `/api/v1/drafts/${id}/consents`, { agreed });
      expect(res.status, agreed[0]).toBe(400);
      expect(res.json<ErrorAnswer>().error.fields).toEqual({ agreed: 'validation.option' });
    }
    expect((await c.api('POST', `/api/v1/drafts/${id}/consents`, { agreed: ['death_certificate'] })).status).toBe(200);
    const pdf = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
    const m = multipartForm({ documentId: 'mandat' }, [{ field: 'file', filename: 'a.pdf', type: 'application/pdf', bytes: pdf }]);
    const unknown = await c.request('POST', `/api/v1/drafts/${id}/documents`, m.body as unknown as string, { 'content-type': m.type, accept: 'application/json', 'x-csrf-token': c.csrf });
    expect(unknown.status).toBe(400);
    expect(unknown.json<ErrorAnswer>().error.fields).toEqual({ documentId: 'validation.option' });
    expect((await upload(c, `/api/v1/drafts/${id}/documents?x=1`, 'file', pdf)).status).toBe(400); // no documentId at all
  });
});

describe('an upload the draft does not call for', () => {
  const pdf = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
  const post = (c: Client, id: string, fields: Record<string, string>, count: number) => {
    const m = multipartForm(fields, Array.from({ length: count }, (_, i) => ({ field: 'file', filename: `act-${i}.pdf`, type: 'application/pdf', bytes: pdf })));
    return c.request('POST', `/api/v1/drafts/${id}/documents`, m.body as unknown as string, { 'content-type': m.type, accept: 'application/json', 'x-csrf-token': c.csrf });
  };

  it('refuses a document whose condition the answers do not meet, as the form would never ask for it', async () => {
    const c = await apiClient(DEMO_ACCOUNTS.maria.email, DEMO_ACCOUNTS.maria.password);
    const id = await answeredDraft(c); // purpose: credit — the death certificate is for an inheritance only
    const refused = await post(c, id, { documentId: 'death_certificate' }, 1);
    expect(refused.status, refused.body).toBe(400);
    expect(refused.json<ErrorAnswer>().error).toMatchObject({ code: 'validation', fields: { documentId: 'submission.file.not_applicable' } });
    expect((await c.api('PUT', `/api/v1/drafts/${id}/pages/scop`, { answers: { purpose: 'succesiune', deceased_name: 'Gheorghe Ionescu', deceased_cnp: '1500101123451', delivery: 'electronic', on_behalf: 'nu' } })).status).toBe(200);
    expect((await post(c, id, { documentId: 'death_certificate' }, 1)).status).toBe(201);
  });

  it('refuses two files in one call instead of keeping the first alone', async () => {
    const c = await apiClient(DEMO_ACCOUNTS.maria.email, DEMO_ACCOUNTS.maria.password);
    const id = await answeredDraft(c);
    const two = await post(c, id, { documentId: 'mandate' }, 2);
    expect(two.status, two.body).toBe(400);
    expect(two.json<ErrorAnswer>().error).toMatchObject({ code: 'submission.file.one_per_call', fields: { file: 'submission.file.one_per_call' } });
    expect(two.json<ErrorAnswer>().error.message).toContain('un singur fișier');
    expect((await post(c, id, { documentId: 'mandate' }, 1)).status).toBe(201);
  });
});

describe('drafts, as at /cont/cereri-incepute', () => {
  const pdf = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

  it('lists the requests started and not sent, and takes a file off a draft, as the pages do', async () => {
    const c = await apiClient(DEMO_ACCOUNTS.maria.email, DEMO_ACCOUNTS.maria.password);
    const id = await answeredDraft(c);
    type Listed = { drafts: { id: string; institution: string; serviceCode: string; serviceName: { ro: string; en: string }; updatedAt: string }[] };
    const listed = await c.api('GET', '/api/v1/drafts');
    expect(listed.status, listed.body).toBe(200);
    expect(listed.json<Listed>().drafts).toContainEqual(expect.objectContaining({ id, institution: 'dgitl5', serviceCode: 'CERT-FISCAL', serviceName: expect.objectContaining({ ro: 'Certificat de atestare fiscală' }) }));

    // A file sent for the wrong question is taken off again, from the draft and from the question's answer.
    expect((await c.api('PUT', `/api/v1/drafts/${id}/pages/scop`, { answers: { purpose: 'credit', delivery: 'electronic', on_behalf: 'da' } })).status).toBe(400);
    const m = multipartForm({ questionId: 'mandate' }, [{ field: 'file', filename: 'gresit.pdf', type: 'application/pdf', bytes: pdf }]);
    const sent = await c.request('POST', `/api/v1/drafts/${id}/documents`, m.body as unknown as string, { 'content-type': m.type, accept: 'application/json', 'x-csrf-token': c.csrf });
    const documentId = sent.json<{ id: string }>().id;
    expect((await c.api('PUT', `/api/v1/drafts/${id}/pages/scop`, { answers: { purpose: 'credit', delivery: 'electronic', on_behalf: 'da' } })).json<{ answers: Record<string, unknown> }>().answers.mandate).toEqual([documentId]);
    const remove = () => c.request('DELETE', `/api/v1/drafts/${id}/documents/${documentId}`, undefined, { accept: 'application/json', 'x-csrf-token': c.csrf });
    const removed = await remove();
    expect(removed.status, removed.body).toBe(200);
    expect(removed.json<{ documents: unknown[]; answers: Record<string, unknown> }>()).toMatchObject({ documents: [], answers: { mandate: [] } });
    const again = await remove();
    expect(again.status).toBe(404);
    expect(again.json<ErrorAnswer>().error.code).toBe('submission.document_not_found');

    // Once sent, it is no longer a draft.
    expect((await c.api('PUT', `/api/v1/drafts/${id}/pages/scop`, { answers: { purpose: 'credit', delivery: 'electronic', on_behalf: 'nu' } })).status).toBe(200);
    expect((await c.api('POST', `/api/v1/drafts/${id}/submit`, { declaration: true })).status).toBe(200);
    expect((await c.api('GET', '/api/v1/drafts')).json<Listed>().drafts.map((d) => d.id)).not.toContain(id);
  });
});

describe('a request for a company, through the API', () => {
  it('files it with the company id the profile gives, prefilled with the company', async () => {
    const c = await apiClient(DEMO_ACCOUNTS.maria.email, DEMO_ACCOUNTS.maria.password);
    const me = (await c.api('GET', '/api/v1/me')).json<{ companies: { id: string; cui: string; status: string }[] }>();
    const company = me.companies.find((x) => x.status === 'active');
    expect(company).toMatchObject({ id: expect.any(String), cui: '34567892' });
    const draft = await c.api('POST', '/api/v1/drafts', { serviceCode: 'CERT-FISCAL', institution: 'dgitl5', companyId: company!.id, restart: true });
    expect(draft.status, draft.body).toBe(201);
    expect(draft.json<{ answers: Record<string, unknown> }>().answers).toMatchObject({ company_cui: '34567892', company_name: 'Construct Demo SRL' });
  });
});
