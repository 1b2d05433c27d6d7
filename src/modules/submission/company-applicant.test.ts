import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, multipartForm, startTestApp, type TestApp } from '../../../test/support/harness.ts';
import { lastEmail, signInAs } from '../identity/test-helpers.ts';
import { DEMO_ACCOUNTS, DEMO_COMPANY, DEMO_PASSWORD } from '../identity/seed-demo.ts';

/*
 * A request filed in a company's name: the company is the one whose mandate the registry checked, so its CUI and name
 * come from there and are not answers the representative can change (the case would be filed for one company while
 * its form named another). Found by the company administrator's walkthrough.
 */
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ workers: false });
});
afterAll(async () => t?.stop());

const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
const SERVICE = '/servicii/sector5/ACORD-FUNCTIONARE/cerere';

async function maria(): Promise<Client> {
  const c = t.client();
  expect((await signInAs(c, DEMO_ACCOUNTS.maria.email, DEMO_PASSWORD)).status).toBe(303);
  return c;
}

async function companyDraft(c: Client): Promise<string> {
  const start = await c.get(SERVICE);
  const action = start.body.includes('Aveți o cerere începută') ? 'restart' : 'start';
  const r = await c.post(SERVICE, { action, companyId: DEMO_COMPANY.id });
  expect(r.location).toMatch(/^\/cereri\/ciorna\//);
  return r.location!;
}

describe('a request in the name of the company one represents', () => {
  it('offers the only company one may file this service for already chosen', async () => {
    const c = await maria();
    const start = await c.get(SERVICE);
    if (start.body.includes('Aveți o cerere începută')) await c.post(`${await companyDraft(c)}/renunta-la-cerere`, {});
    const page = await c.get(SERVICE);
    // What is not asked, and why the company's details cannot be changed on the form.
    expect(page.body).toContain('Denumirea și CUI-ul firmei le luăm din împuternicirea verificată de primărie');
    expect(page.body).toMatch(new RegExp(`<input[^>]*name="companyId"[^>]*value="${DEMO_COMPANY.id}"[^>]*checked|checked[^>]*value="${DEMO_COMPANY.id}"`));
  });

  it('says on the company’s page which company the request is for, where the representative’s capacity is asked', async () => {
    const c = await maria();
    const draft = await companyDraft(c);
    const page = await c.get(`${draft}/firma`);
    expect(page.body).toContain('name="representative_role"');
    expect(page.body).toContain(`Cererea este depusă în numele firmei Construct Demo SRL (CUI ${DEMO_COMPANY.cui}), cu datele verificate de primărie la împuternicire.`);
    c.cookies.set('pd_lang', 'en');
    expect((await c.get(`${draft}/firma`)).body).toContain(`The request is filed in the name of Construct Demo SRL (CUI ${DEMO_COMPANY.cui})`);
    c.cookies.set('pd_lang', 'ro');
    // The pages about the person or the activity say nothing of it.
    expect((await c.get(`${draft}/contact`)).body).not.toContain('Cererea este depusă în numele firmei');
  });

  it('takes the company’s CUI and name from the checked mandate (never offered for change, a changed one posted not kept), files the case and its e-mail in the company’s name, without files of questions no longer asked', async () => {
    const c = await maria();
    const draft = await companyDraft(c);
    const all = await c.get(`${draft}/firma?toate=1`);
    expect(all.status).toBe(200);
    expect(all.body).not.toContain('name="company_cui"');
    expect(all.body).not.toContain('name="company_name"');
    expect(all.body).toContain('name="representative_name"');

    // A form posted by hand with another company's CUI does not change whose request it is.
    await c.post(`${draft}/firma?toate=1`, { company_cui: '18547290', company_name: 'Altă Firmă SRL', representative_name: 'Maria Ionescu', representative_role: 'administrator' });
    await c.post(`${draft}/contact`, { phone: '' });
    await c.post(`${draft}/activitate`, {
      activity: 'servicii',
      caen_codes: '9602',
      shop_name: '',
      'location_address-street': 'Str. Fabricii',
      'location_address-number': '3',
      'location_address-details': '',
      'location_address-locality': 'București, Sector 5',
      'location_address-county': 'București',
      surface: '40',
      opening_hours: 'L–V 09:00–18:00',
    });
    // A file chosen under "in a block of flats? Yes" before the answer became "No" (the browser sends it along).
    const spatiu = multipartForm({ _csrf: c.csrf, use_right: 'proprietate', in_block: 'nu' }, [{ field: 'owners_association', filename: 'acord-asociatie.pdf', type: 'application/pdf', bytes: PDF }]);
    await c.request('POST', `${draft}/spatiu`, spatiu.body as unknown as string, { 'content-type': spatiu.type });
    await c.post(`${draft}/acord-documente`, { consent: ['registration_certificate', 'trade_register_extract', 'fire_safety', 'sanitary_registration'] });
    const m = multipartForm({ _csrf: c.csrf, action: 'upload' }, [{ field: 'file', filename: 'contract.pdf', type: 'application/pdf', bytes: PDF }]);
    await c.request('POST', `${draft}/documente/use_right`, m.body as unknown as string, { 'content-type': m.type });
    const done = multipartForm({ _csrf: c.csrf }, []);
    await c.request('POST', `${draft}/documente/use_right`, done.body as unknown as string, { 'content-type': done.type });
    const check = await c.get(`${draft}/verificare-raspunsuri`);
    expect(check.location ?? check.status).toBe(200);
    expect(check.body).toContain(DEMO_COMPANY.cui);
    expect(check.body).not.toContain('18547290');
    expect(check.body).not.toContain('Altă Firmă SRL');
    const cuiRow = check.body.slice(check.body.indexOf('Codul unic de înregistrare (CUI)'), check.body.indexOf('Denumirea'));
    expect(cuiRow).toContain('din datele firmei verificate de primărie');
    expect(cuiRow).not.toContain('Modificați');

    // Filed: the case, its receipt e-mail and its confirmation say in whose name, so the person's inbox does not read
    // as a request of their own.
    const sent = await c.post(`${draft}/trimite-cererea`, { declaration: 'yes' });
    expect(sent.location).toBe(`${draft}/confirmare-cerere`);
    const [row] = await t.database.query<{ applicant: { kind: string; cui: string }; answers: Record<string, unknown> }>(
      'SELECT applicant, answers FROM "case" WHERE id = (SELECT submitted_case_id FROM case_draft WHERE id = $1)',
      [draft.split('/').pop()],
    );
    expect(row!.applicant).toMatchObject({ kind: 'company', cui: DEMO_COMPANY.cui });
    expect(row!.answers.company_cui).toBe(DEMO_COMPANY.cui);
    // Only the files of questions the answers ask are filed with the case: not the owners' consent for premises not in a block.
    const files = await t.database.query<{ filename: string }>(
      'SELECT filename FROM case_document WHERE case_id = (SELECT submitted_case_id FROM case_draft WHERE id = $1)',
      [draft.split('/').pop()],
    );
    expect(files.map((f) => f.filename)).toEqual(['contract.pdf']);
    const mail = await lastEmail(t, DEMO_ACCOUNTS.maria.email);
    expect(mail!.body_text).toContain(`Ați depus-o în numele firmei ${DEMO_COMPANY.name} (CUI ${DEMO_COMPANY.cui}).`);
  });
});
