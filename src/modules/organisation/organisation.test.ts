import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, multipartForm, signInDemo, startTestApp, type TestApp } from '../../../test/support/harness.ts';
import { sealAudit, verifyAudit } from '../../platform/audit/audit.ts';
import { PdfWriter } from '../../platform/pdf/pdf-document.ts';
import { DEMO_ACCOUNTS, type DemoAccount, } from '../identity/seed-demo.ts';
import { DEMO } from './seed-demo.ts';
import { findPublishedByCode } from '../catalog/store.ts';
import { openCase } from '../cases/open-case.ts';

let t: TestApp;
/** One sign-in per account: a TOTP code is accepted once per 30-second window. */
let admin: Client;
beforeAll(async () => {
  t = await startTestApp();
  admin = await signIn(DEMO_ACCOUNTS.administrator);
});
afterAll(async () => t?.stop());

const signIn = (a: DemoAccount): Promise<Client> => signInDemo(t, a, () => undefined);

const PNG_1x1 = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6360f8cfc0000003010100c9fe92ef0000000049454e44ae426082', 'hex');

function multipart(fields: Record<string, string>, file: { name: string; filename: string; bytes: Uint8Array; type: string }) {
  const m = multipartForm(fields, [{ field: file.name, filename: file.filename, type: file.type, bytes: file.bytes }]);
  return { body: m.body, contentType: m.type };
}

describe('institution details', () => {
  const form = {
    name: 'Primăria Sectorului 5',
    shortName: 'Primăria Sector 5',
    cui: '4433864',
    siruta: '179187',
    address: 'Str. Fabrica de Chibrituri nr. 9–11, Sector 5, București',
    email: 'registratura@sector5.ro',
    phone: '021 314 43 16',
    website: 'https://www.sector5.ro',
    workingHours: 'Luni–Joi: 08:30–16:30\nVineri: 08:30–14:00',
  };

  it('refuses a CUI with a wrong check digit with a specific message and keeps what was typed', async () => {
    await admin.get('/admin/organizatie/editare');
    const res = await admin.post('/admin/organizatie/editare', { ...form, cui: '4433865', address: 'Str. Nouă nr. 1, Sector 5' });
    expect(res.status).toBe(400);
    expect(res.body).toContain('CUI-ul nu este valid: cifra de control nu corespunde.');
    expect(res.body).toContain('value="Str. Nouă nr. 1, Sector 5"');
    const [row] = await t.database.query<{ cui: string }>('SELECT cui FROM institution WHERE id = $1', [DEMO.sector5]);
    expect(row!.cui).toBe('4433864');
  });

  it('saves valid details, warns about a SIRUTA check digit, shows them in the footer and audits the change', async () => {
    await admin.get('/admin/organizatie/editare');
    const res = await admin.post('/admin/organizatie/editare', { ...form, siruta: '179188', phone: '021 999 00 11', workingHours: 'Luni–Vineri: 08:00–16:00' });
    expect(res.status).toBe(303);
    const page = await admin.follow(res);
    expect(page.body).toContain('cifra de control a codului SIRUTA nu corespunde');
    const home = await t.client().get('/');
    expect(home.body).toContain('021 999 00 11');
    expect(home.body).toContain('Luni–Vineri: 08:00–16:00');
    // Typed once in Romanian, the opening days read in English on English pages.
    const english = t.client();
    const en = await english.follow(await english.get('/?lang=en'));
    expect(en.body).toContain('Monday–Friday: 08:00–16:00');
    const audits = await t.database.query<{ n: number }>(`SELECT count(*)::int AS n FROM audit_entry WHERE action = 'institution.updated'`);
    expect(audits[0]!.n).toBe(1);
    await sealAudit(t.deps.db);
    expect((await verifyAudit(t.deps.db)).breaks).toEqual([]);
  });

  it('accepts a PNG logo by its content, refuses a PDF named logo.png, and shows the logo in the header', async () => {
    await admin.get('/admin/organizatie/editare');
    const w = await PdfWriter.create({ title: 'x', author: 'y' });
    const pdf = await w.save();
    const bad = multipart({ _csrf: admin.csrf }, { name: 'logo', filename: 'logo.png', bytes: pdf, type: 'image/png' });
    const refused = await admin.request('POST', '/admin/organizatie/sigla', bad.body, { 'content-type': bad.contentType });
    expect(refused.status).toBe(400);
    expect(refused.body).toContain('Sigla trebuie să fie o imagine PNG sau JPEG');

    const good = multipart({ _csrf: admin.csrf }, { name: 'logo', filename: 'sigla.png', bytes: PNG_1x1, type: 'image/png' });
    const ok = await admin.request('POST', '/admin/organizatie/sigla', good.body, { 'content-type': good.contentType });
    expect(ok.status).toBe(303);
    expect((await t.client().get('/')).body).toMatch(/<img class="pd-header__logo" src="\/sigla\/[0-9a-f-]+\?v=[0-9a-f]{12}"/);
    const [row] = await t.database.query<{ logo_sha256: string }>('SELECT logo_sha256 FROM institution WHERE id = $1', [DEMO.sector5]);
    const logo = await t.client().get(`/sigla/${DEMO.sector5}`);
    expect(logo.status).toBe(200);
    expect(logo.headers['content-type']).toBe('image/png');
    expect(row!.logo_sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('refuses the edit without a valid CSRF token, and refuses an inspector and a citizen', async () => {
    const forged = await admin.request('POST', '/admin/organizatie/editare', { ...form, _csrf: 'forged' });
    expect(forged.status).toBe(403);
    const inspector = await signIn(DEMO_ACCOUNTS.inspector);
    expect((await inspector.get('/admin/organizatie/editare')).status).toBe(403);
    const citizen = await signIn(DEMO_ACCOUNTS.maria);
    expect((await citizen.get('/admin/organizatie/editare')).status).toBe(403);
    await citizen.get('/cont');
    expect((await citizen.post('/admin/organizatie/editare', form)).status).toBe(403);
    // Nor may they add a department.
    expect((await inspector.get('/admin/organizatie/compartiment-nou')).status).toBe(403);
    expect((await inspector.post('/admin/organizatie/compartiment-nou', { kind: 'birou', code: 'X1', name: 'Biroul X', decision: 'HCL 1/2026' })).status).toBe(403);
    expect((await citizen.get('/admin/organizatie/compartiment-nou')).status).toBe(403);
    const [n] = await t.database.query<{ n: number }>("SELECT count(*)::int AS n FROM department WHERE code = 'X1'");
    expect(n!.n).toBe(0);
  });
});

describe('closed days', () => {
  it('an administrator adds a future closed day, and a legal term ending on it moves to the next working day', async () => {
    await admin.get('/admin/organizatie/zile-libere');
    const past = await admin.post('/admin/organizatie/zile-libere', { 'day-day': '20', 'day-month': '11', 'day-year': '2020', reason: 'HG test' });
    expect(past.status).toBe(400);
    expect(past.body).toContain('Se pot stabili sau șterge doar zile viitoare');
    const noReason = await admin.post('/admin/organizatie/zile-libere', { 'day-day': '24', 'day-month': '12', 'day-year': '2030', reason: '' });
    expect(noReason.body).toContain('Scrieți motivul');
    expect(noReason.body).toContain('value="2030"');
    const ok = await admin.post('/admin/organizatie/zile-libere', { 'day-day': '24', 'day-month': '12', 'day-year': '2030', reason: 'HG privind zilele libere din sectorul public' });
    expect(ok.status).toBe(303);
    const page = await admin.follow(ok);
    expect(page.body).toContain('24.12.2030');
    expect(page.body).toContain('HG privind zilele libere din sectorul public');

    // A petition registered on 23.11.2030: 30 days → Tuesday 24.12.2030, now closed; 25–26 are holidays → 27.12.2030.
    const petition = await findPublishedByCode(t.deps.db, DEMO.sector5, 'PETITIE');
    const open = (at: Date) =>
      t.deps.db.transaction((tx) =>
        openCase(tx, {
          serviceVersionId: petition!.versionId,
          applicantAccountId: null,
          companyId: null,
          applicant: { kind: 'person', name: 'Ion Popescu' },
          answers: {},
          channel: 'counter',
          actorId: null,
          transactionId: crypto.randomUUID(),
          feeBani: 0,
          at,
        }),
      );
    expect((await open(new Date('2030-11-23T08:00:00Z'))).dueOn).toBe('2030-12-27');

    const removed = await admin.post('/admin/organizatie/zile-libere/sterge', { day: '2030-12-24' });
    expect(removed.status).toBe(303);
    expect((await admin.follow(removed)).body).not.toContain('HG privind zilele libere din sectorul public');
    expect((await open(new Date('2030-11-23T08:00:00Z'))).dueOn).toBe('2030-12-24');
  });
});

describe('departments', () => {
  it('an administrator adds a department under a directorate, recorded with the council decision, then offered to services and invitations', async () => {
    const org = await admin.get('/admin/organizatie');
    expect(org.body).toContain('href="/admin/organizatie/compartiment-nou"');
    const form = await admin.get('/admin/organizatie/compartiment-nou');
    expect(form.status).toBe(200);
    expect(form.body).toContain('Direcția Generală de Urbanism și Amenajarea Teritoriului (DGU)');

    const [dgu] = await t.database.query<{ id: string }>("SELECT id FROM department WHERE institution_id = $1 AND code = 'DGU'", [DEMO.sector5]);
    const empty = await admin.post('/admin/organizatie/compartiment-nou', { parentId: dgu!.id, code: 'cu', name: '', decision: '' });
    expect(empty.status).toBe(400);
    for (const text of ['Alegeți tipul structurii.', 'Scrieți denumirea completă', 'Există deja un compartiment cu acest cod.', 'Scrieți hotărârea consiliului local']) {
      expect(empty.body).toContain(text);
    }
    const fields = { parentId: dgu!.id, kind: 'serviciu', code: 'cldp', name: 'Serviciul Control Lucrări pe Domeniul Public', decision: 'HCL nr. 123/2026' };
    const ok = await admin.post('/admin/organizatie/compartiment-nou', fields);
    expect(ok.status).toBe(303);
    expect((await admin.follow(ok)).body).toContain('Serviciul Control Lucrări pe Domeniul Public <span class="govuk-body-s">(serviciu, CLDP)');
    const [row] = await t.database.query<{ parent_id: string; kind: string }>("SELECT parent_id, kind FROM department WHERE institution_id = $1 AND code = 'CLDP'", [DEMO.sector5]);
    expect(row).toEqual({ parent_id: dgu!.id, kind: 'serviciu' });
    const [audit] = await t.database.query<{ details: { decision: string } }>("SELECT details FROM audit_entry WHERE action = 'institution.department_added'");
    expect(audit!.details.decision).toBe('HCL nr. 123/2026');
    expect((await admin.post('/admin/organizatie/compartiment-nou', fields)).body).toContain('Există deja un compartiment cu acest cod.');

    expect((await admin.get('/admin/functionari/invita')).body).toContain('Serviciul Control Lucrări pe Domeniul Public');
    expect((await admin.get('/admin/servicii/sector5/nou')).body).toContain('value="CLDP"');
  });
});
