import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, signInDemo, startTestApp, type TestApp } from '../../../test/support/harness.ts';
import { DEMO_ACCOUNTS, type DemoAccount } from '../identity/seed-demo.ts';

/*
 * A service published by mistake (or no longer offered online) is withdrawn from the catalogue by its administrator
 * and put back later: not listed, its page says where to go instead, no new request and no submission online,
 * drafts kept, cases already submitted untouched.
 */

let t: TestApp;
let clock = Date.now();
beforeAll(async () => {
  t = await startTestApp({ workers: false });
  t.deps.now = () => new Date(clock);
});
afterAll(async () => t?.stop());

type ErrorAnswer = { error: { code: string; message: string } };
const signIn = (a: DemoAccount): Promise<Client> => signInDemo(t, a, () => (clock += 30_000));

async function answeredDraft(c: Client): Promise<string> {
  const d = (await c.api('POST', '/api/v1/drafts', { serviceCode: 'CERT-FISCAL', institution: 'dgitl5', restart: true })).json<{ id: string }>();
  expect((await c.api('PUT', `/api/v1/drafts/${d.id}/pages/tip_solicitant`, { answers: { applicant_kind: 'pf' } })).status).toBe(200);
  expect((await c.api('PUT', `/api/v1/drafts/${d.id}/pages/scop`, { answers: { purpose: 'credit', delivery: 'electronic', on_behalf: 'nu' } })).status).toBe(200);
  return d.id;
}

async function auditCount(action: string): Promise<number> {
  const [row] = await t.database.query<{ n: number }>('SELECT count(*)::int AS n FROM audit_entry WHERE action = $1', [action]);
  return Number(row?.n ?? 0);
}

const listedCodes = async (c: Client) => (await c.api('GET', '/api/v1/catalog/services?institution=dgitl5')).json<{ services: { code: string }[] }>().services.map((s) => s.code);

describe('withdrawing a service from the online catalogue', () => {
  it('hides it, says where to go instead, refuses new and pending requests online, keeps drafts and submitted cases, and republishes it', async () => {
    const maria = await signIn(DEMO_ACCOUNTS.maria);
    const submitted = await answeredDraft(maria);
    const caseOut = await maria.api('POST', `/api/v1/drafts/${submitted}/submit`, { declaration: true });
    expect(caseOut.status).toBe(200);
    const { caseId } = caseOut.json<{ caseId: string }>();
    const pending = await answeredDraft(maria);
    // Read once before the withdrawal: what the processes keep in memory must be dropped when it happens.
    expect((await maria.api('GET', `/api/v1/drafts/${pending}`)).status).toBe(200);
    // The contact page is prefilled from the profile: confirmed as it is, the journey reaches the check page.
    const confirmed = await maria.post(`/cereri/ciorna/${pending}/contact`, { action: 'continue' });
    expect(confirmed.location).toBe(`/cereri/ciorna/${pending}/verificare-raspunsuri`);

    const admin = await signIn(DEMO_ACCOUNTS.taxesAdministrator);
    const page = await admin.get('/admin/servicii/dgitl5/CERT-FISCAL');
    expect(page.body).toContain('Retrageți din catalog');
    // Nobody but the institution's administrator: a citizen and the other institution's administrator are refused.
    expect((await maria.api('POST', '/api/v1/admin/catalog/services/dgitl5/CERT-FISCAL/withdraw', {})).status).toBe(403);
    const other = await signIn(DEMO_ACCOUNTS.administrator);
    expect((await other.post('/admin/servicii/dgitl5/CERT-FISCAL/retragere')).status).toBe(403);

    const withdrawn = await admin.post('/admin/servicii/dgitl5/CERT-FISCAL/retragere');
    expect(withdrawn.status).toBe(303);
    const after = await admin.follow(withdrawn);
    expect(after.body).toContain('Serviciul CERT-FISCAL a fost retras din catalogul online.');
    expect(after.body).toContain('Retras din catalog');
    expect(after.body).toContain('Republicați');
    expect(await auditCount('catalog.service_withdrawn')).toBe(1);
    // Repeating it changes nothing.
    expect((await admin.api('POST', '/api/v1/admin/catalog/services/dgitl5/CERT-FISCAL/withdraw', {})).json<{ withdrawn: boolean }>().withdrawn).toBe(true);
    expect(await auditCount('catalog.service_withdrawn')).toBe(1);

    // Not listed, not found by search; its page says it is no longer offered online, with the institution's contacts.
    expect(await listedCodes(maria)).not.toContain('CERT-FISCAL');
    expect((await maria.get('/servicii?q=certificat+fiscal')).body).not.toContain('/servicii/dgitl5/CERT-FISCAL');
    const publicPage = await t.client().get('/servicii/dgitl5/CERT-FISCAL');
    expect(publicPage.status).toBe(200);
    expect(publicPage.body).toContain('Serviciul nu mai este oferit online');
    expect(publicPage.body).toMatch(/telefon: \S+/);
    expect(publicPage.body).not.toContain('/servicii/dgitl5/CERT-FISCAL/cerere');
    expect((await maria.api('GET', '/api/v1/catalog/services/dgitl5/CERT-FISCAL')).json<ErrorAnswer>().error.code).toBe('catalog.service_withdrawn');

    // No new draft, with a message that says why.
    const start = await maria.api('POST', '/api/v1/drafts', { serviceCode: 'CERT-FISCAL', institution: 'dgitl5', restart: true });
    expect(start.status).toBe(409);
    expect(start.json<ErrorAnswer>().error.message).toBe('Serviciul a fost retras din catalogul online: nu se mai pot depune cereri pe platformă.');
    const startPage = await maria.get('/servicii/dgitl5/CERT-FISCAL/cerere');
    expect(startPage.status).toBe(409);
    expect(startPage.body).toContain('Serviciul a fost retras din catalogul online');

    // The pending draft is kept but cannot be submitted; the check page says so.
    const check = await maria.get(`/cereri/ciorna/${pending}/verificare-raspunsuri`);
    expect(check.body).toContain('Serviciul a fost retras din catalogul online, așa că cererea nu mai poate fi trimisă pe platformă. Ciorna rămâne salvată');
    const refused = await maria.post(`/cereri/ciorna/${pending}/trimite-cererea`, { declaration: 'yes' });
    expect(refused.status).toBe(400);
    expect(refused.body).toContain('govuk-error-summary');
    expect(refused.body).toContain('Ciorna rămâne salvată');
    const refusedApi = await maria.api('POST', `/api/v1/drafts/${pending}/submit`, { declaration: true });
    expect(refusedApi.status).toBe(409);
    expect(refusedApi.json<ErrorAnswer>().error.code).toBe('submission.service_withdrawn');
    expect((await maria.api('GET', `/api/v1/drafts/${pending}`)).status).toBe(200);

    // The case submitted before goes on.
    expect((await maria.get(`/cont/cereri/${caseId}`)).status).toBe(200);

    // Republished: listed again, and the kept draft is submitted.
    const back = await admin.post('/admin/servicii/dgitl5/CERT-FISCAL/republicare');
    expect((await admin.follow(back)).body).toContain('Serviciul CERT-FISCAL a fost republicat în catalogul online.');
    expect(await auditCount('catalog.service_republished')).toBe(1);
    expect(await listedCodes(maria)).toContain('CERT-FISCAL');
    expect((await maria.api('POST', `/api/v1/drafts/${pending}/submit`, { declaration: true })).status).toBe(200);
  });

  it('refuses to withdraw a service that was never published', async () => {
    const admin = await signIn(DEMO_ACCOUNTS.taxesAdministrator);
    const created = await admin.api('POST', '/api/v1/admin/catalog/services/dgitl5', { code: 'NOU-RETRAS', category: 'taxe', nameRo: 'Serviciu nou', nameEn: 'New service', departmentCode: 'IMP-PF' });
    if (created.status !== 201) return expect.fail(`service not created: ${created.body}`);
    const res = await admin.api('POST', '/api/v1/admin/catalog/services/dgitl5/NOU-RETRAS/withdraw', {});
    expect(res.status).toBe(409);
    expect(res.json<ErrorAnswer>().error.code).toBe('catalog.not_published');
  });
});
