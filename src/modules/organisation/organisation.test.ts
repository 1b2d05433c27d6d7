import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, multipartForm, signInDemo, startTestApp, type TestApp } from '../../../test/support/harness.ts';
import { sealAudit, verifyAudit } from '../../platform/audit/audit.ts';
import { PdfWriter } from '../../platform/pdf/pdf-document.ts';
import { DEMO_ACCOUNTS, type DemoAccount, } from '../identity/seed-demo.ts';
import { DEMO } from './seed-demo.ts';
import { findPublishedByCode } from '../catalog/store.ts';
import { openCase } from '../cases/open-case.ts';
import { sendDeadlineReminders } from '../tracking/send-deadline-reminders.ts';

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

/** A petition filed at the counter at `at`, for the legal terms of the closed-days tests. */
async function openPetitionAt(at: Date) {
  const petition = await findPublishedByCode(t.deps.db, DEMO.sector5, 'PETITIE');
  return t.deps.db.transaction((tx) =>
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
}

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
    const open = openPetitionAt;
    expect((await open(new Date('2030-11-23T08:00:00Z'))).dueOn).toBe('2030-12-27');

    const removed = await admin.post('/admin/organizatie/zile-libere/sterge', { day: '2030-12-24' });
    expect(removed.status).toBe(303);
    expect((await admin.follow(removed)).body).not.toContain('HG privind zilele libere din sectorul public');
    expect((await open(new Date('2030-11-23T08:00:00Z'))).dueOn).toBe('2030-12-24');
  });
});

describe('closed days and cases already open', () => {
  it('a day closed after a case was registered moves its last day before the daily job could flag it overdue; removing it moves it back', async () => {
    // Registered 23.11.2031 (a Sunday): 30 days → Wednesday 24.12.2031; 25–26 are holidays, 27–28 a weekend.
    const opened = await openPetitionAt(new Date('2031-11-23T08:00:00Z'));
    expect(opened.dueOn).toBe('2031-12-24');
    const dueOn = async () => (await t.database.query<{ d: string }>(`SELECT to_char(due_on, 'YYYY-MM-DD') AS d FROM "case" WHERE id = $1`, [opened.caseId]))[0]!.d;
    await admin.get('/admin/organizatie/zile-libere');
    const added = await admin.post('/admin/organizatie/zile-libere', { 'day-day': '24', 'day-month': '12', 'day-year': '2031', reason: 'HG privind zilele libere din sectorul public' });
    expect(added.status).toBe(303);
    // The job of 29.12 (the first working day after): the petition's last day is that day, not overdue.
    const run = await sendDeadlineReminders(t.deps, { today: '2031-12-29' });
    expect(await dueOn()).toBe('2031-12-29');
    expect(run.overdue).not.toContain(opened.caseId);
    expect(run.dueSoon).toContain(opened.caseId);

    const removed = await admin.post('/admin/organizatie/zile-libere/sterge', { day: '2031-12-24' });
    expect(removed.status).toBe(303);
    expect((await sendDeadlineReminders(t.deps, { today: '2031-12-29' })).overdue).toContain(opened.caseId);
    expect(await dueOn()).toBe('2031-12-24');
  });
});

describe('closed days and the steps cases are at', () => {
  it('moves the due day of an open step that runs over a day closed later, and back when the day is opened again', async () => {
    // Registered Monday 07.03.2033: the registry's step (1 working day) is due Tuesday 08.03.2033. A case registered
    // Thursday 03.03.2033 had its step due on Friday 04.03.2033, before the day: it keeps it.
    const opened = await openPetitionAt(new Date('2033-03-07T08:00:00Z'));
    const earlier = await openPetitionAt(new Date('2033-03-03T08:00:00Z'));
    const stepDue = async (id: string) => (await t.database.query<{ d: string }>(`SELECT to_char(step_due_on, 'YYYY-MM-DD') AS d FROM "case" WHERE id = $1`, [id]))[0]!.d;
    expect(await stepDue(opened.caseId)).toBe('2033-03-08');
    expect(await stepDue(earlier.caseId)).toBe('2033-03-04');

    await admin.get('/admin/organizatie/zile-libere');
    const added = await admin.post('/admin/organizatie/zile-libere', { 'day-day': '8', 'day-month': '3', 'day-year': '2033', reason: 'HG privind zilele libere din sectorul public' });
    expect(added.status).toBe(303);
    // At once, without waiting for a daily job: the inboxes and the step reminders read the new day.
    expect(await stepDue(opened.caseId)).toBe('2033-03-09');
    expect(await stepDue(earlier.caseId)).toBe('2033-03-04');
    const [audit] = await t.database.query<{ details: { stepsMoved: number } }>("SELECT details FROM audit_entry WHERE action = 'institution.closure_added' AND details->>'day' = '2033-03-08'");
    expect(audit!.details.stepsMoved).toBeGreaterThanOrEqual(1);

    const removed = await admin.post('/admin/organizatie/zile-libere/sterge', { day: '2033-03-08' });
    expect(removed.status).toBe(303);
    expect(await stepDue(opened.caseId)).toBe('2033-03-08');
    expect(await stepDue(earlier.caseId)).toBe('2033-03-04');
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

describe('a reorganisation: departments renamed, moved and closed', () => {
  const deptId = async (code: string, institutionId: string = DEMO.sector5) =>
    (await t.database.query<{ id: string }>('SELECT id FROM department WHERE institution_id = $1 AND code = $2', [institutionId, code]))[0]!.id;

  it('renames and moves a department with the council decision; its code, officials and cases stay with it', async () => {
    const ac = await deptId('AC');
    const jur = await deptId('JUR');
    const [before] = await t.database.query<{ n: number }>('SELECT count(*)::int AS n FROM membership WHERE department_id = $1 AND revoked_at IS NULL', [ac]);
    const org = await admin.get('/admin/organizatie');
    expect(org.body).toContain(`href="/admin/organizatie/compartimente/${ac}"`);
    const page = await admin.get(`/admin/organizatie/compartimente/${ac}`);
    expect(page.status).toBe(200);
    expect(page.body).toContain('value="Serviciul Autorizații de Construire"');
    expect(page.body).toContain('Cod AC');
    // The code cannot be changed here: services, workflows and the register use it.
    expect(page.body).not.toContain('name="code"');

    const missing = await admin.post(`/admin/organizatie/compartimente/${ac}`, { parentId: jur, kind: 'directie', name: 'Direcția Autorizări în Construcții', decision: '' });
    expect(missing.status).toBe(400);
    expect(missing.body).toContain('Scrieți hotărârea consiliului local');
    expect(missing.body).toContain('value="Direcția Autorizări în Construcții"');
    const [unchanged] = await t.database.query<{ name: string }>('SELECT name FROM department WHERE id = $1', [ac]);
    expect(unchanged!.name).toBe('Serviciul Autorizații de Construire');

    const ok = await admin.post(`/admin/organizatie/compartimente/${ac}`, { parentId: '', kind: 'directie', name: 'Direcția Autorizări în Construcții', decision: 'HCL nr. 45/2026' });
    expect(ok.status).toBe(303);
    const after = await admin.follow(ok);
    expect(after.body).toContain('Compartimentul „Direcția Autorizări în Construcții” a fost modificat.');
    const [row] = await t.database.query<{ name: string; kind: string; parent_id: string | null; code: string }>('SELECT name, kind, parent_id, code FROM department WHERE id = $1', [ac]);
    expect(row).toEqual({ name: 'Direcția Autorizări în Construcții', kind: 'directie', parent_id: null, code: 'AC' });
    const [staff] = await t.database.query<{ n: number }>('SELECT count(*)::int AS n FROM membership WHERE department_id = $1 AND revoked_at IS NULL', [ac]);
    expect(staff!.n).toBe(before!.n);
    const [audit] = await t.database.query<{ details: { decision: string; before: Record<string, unknown>; after: Record<string, unknown> } }>(
      "SELECT details FROM audit_entry WHERE action = 'institution.department_changed' AND entity_id = $1",
      [ac],
    );
    expect(audit!.details.decision).toBe('HCL nr. 45/2026');
    expect(audit!.details.before).toMatchObject({ name: 'Serviciul Autorizații de Construire', kind: 'serviciu' });
    expect(audit!.details.after).toMatchObject({ name: 'Direcția Autorizări în Construcții', kind: 'directie', parentId: null });
    // The new name is what the service's public page says from now on.
    expect((await admin.get('/admin/functionari/invita')).body).toContain('Direcția Autorizări în Construcții');

    // Saving the same again writes nothing and says so.
    const same = await admin.post(`/admin/organizatie/compartimente/${ac}`, { parentId: '', kind: 'directie', name: 'Direcția Autorizări în Construcții', decision: 'HCL nr. 45/2026' });
    expect((await admin.follow(same)).body).toContain('Nu ați schimbat nimic');
  });

  it('refuses to put a directorate under one of its own services, keeping what was typed', async () => {
    const dgu = await deptId('DGU');
    const cu = await deptId('CU');
    const page = await admin.get(`/admin/organizatie/compartimente/${dgu}`);
    // The list does not offer it…
    expect(page.body).not.toContain(`<option value="${cu}"`);
    // …and a forged form is refused.
    const res = await admin.post(`/admin/organizatie/compartimente/${dgu}`, { parentId: cu, kind: 'directie', name: 'Direcția Generală de Urbanism (nouă)', decision: 'HCL nr. 46/2026' });
    expect(res.status).toBe(400);
    expect(res.body).toContain('Un compartiment nu poate fi în subordinea lui însuși sau a unui compartiment din subordinea lui.');
    expect(res.body).toContain('value="Direcția Generală de Urbanism (nouă)"');
    const [row] = await t.database.query<{ parent_id: string | null }>('SELECT parent_id FROM department WHERE id = $1', [dgu]);
    expect(row!.parent_id).toBeNull();
  });

  it('will not close a department that still has officials, services and open cases: it says what to move first', async () => {
    const cu = await deptId('CU');
    const page = await admin.get(`/admin/organizatie/compartimente/${cu}/desfiintare`);
    expect(page.status).toBe(200);
    expect(page.body).toContain('Compartimentul nu poate fi desființat încă.');
    expect(page.body).toMatch(/mutați sau revocați cei \d+ funcționari care lucrează în el/);
    expect(page.body).toContain('repartizați altui compartiment serviciile care îi trimit cererile (');
    expect(page.body).toContain('CERT-URBANISM');
    expect(page.body).not.toContain('name="decision"');
    const forced = await admin.post(`/admin/organizatie/compartimente/${cu}/desfiintare`, { decision: 'HCL nr. 47/2026' });
    expect(forced.status).toBe(409);
    expect(forced.body).toContain('Compartimentul nu poate fi desființat încă.');
    const [row] = await t.database.query<{ closed_at: Date | null }>('SELECT closed_at FROM department WHERE id = $1', [cu]);
    expect(row!.closed_at).toBeNull();
  });

  it('closes an empty department once its pending invitation is revoked; it is then offered nowhere but still listed as closed', async () => {
    const dgu = await deptId('DGU');
    await admin.get('/admin/organizatie/compartiment-nou');
    expect((await admin.post('/admin/organizatie/compartiment-nou', { parentId: dgu, kind: 'birou', code: 'TEMP', name: 'Biroul Temporar de Inventariere', decision: 'HCL nr. 50/2026' })).status).toBe(303);
    const temp = await deptId('TEMP');
    await admin.get('/admin/functionari/invita');
    expect((await admin.post('/admin/functionari/invita', { email: 'ana.temp@primaria5.demo', displayName: 'Ana Temp', role: 'inspector', departmentId: temp })).status).toBe(303);

    const blocked = await admin.get(`/admin/organizatie/compartimente/${temp}/desfiintare`);
    expect(blocked.body).toContain('revocați invitația trimisă pentru el, încă neacceptată;');
    const [inv] = await t.database.query<{ id: string }>('SELECT id FROM invitation WHERE department_id = $1', [temp]);
    await admin.get('/admin/functionari');
    expect((await admin.post(`/admin/functionari/invitatii/${inv!.id}/revoca`)).status).toBe(303);

    const ready = await admin.get(`/admin/organizatie/compartimente/${temp}/desfiintare`);
    expect(ready.body).toContain('Desființarea nu se poate anula.');
    const noDecision = await admin.post(`/admin/organizatie/compartimente/${temp}/desfiintare`, { decision: '' });
    expect(noDecision.status).toBe(400);
    expect(noDecision.body).toContain('Scrieți hotărârea consiliului local');
    const closed = await admin.post(`/admin/organizatie/compartimente/${temp}/desfiintare`, { decision: 'HCL nr. 51/2026' });
    expect(closed.status).toBe(303);
    const org = await admin.follow(closed);
    expect(org.body).toContain('Compartimentul „Biroul Temporar de Inventariere” a fost desființat.');
    expect(org.body).toContain('Compartimente desființate');
    expect(org.body).not.toContain(`href="/admin/organizatie/compartimente/${temp}"`);
    const [audit] = await t.database.query<{ details: { decision: string; code: string } }>("SELECT details FROM audit_entry WHERE action = 'institution.department_closed' AND entity_id = $1", [temp]);
    expect(audit!.details).toMatchObject({ decision: 'HCL nr. 51/2026', code: 'TEMP' });

    // Offered nowhere any more: invitations, the registry's routing, a service's department, a new department's parent.
    expect((await admin.get('/admin/functionari/invita')).body).not.toContain('Biroul Temporar de Inventariere');
    expect((await admin.get('/admin/servicii/sector5/nou')).body).not.toContain('value="TEMP"');
    expect((await admin.get('/admin/organizatie/compartiment-nou')).body).not.toContain('Biroul Temporar de Inventariere');
    const clerk = await signIn(DEMO_ACCOUNTS.registryClerk);
    const register = await clerk.get('/birou/registratura/inregistrare');
    expect(register.status).toBe(200);
    expect(register.body).not.toContain('Biroul Temporar de Inventariere');
    // Nor may a case be forwarded there: not offered, and refused when asked for.
    const petition = await findPublishedByCode(t.deps.db, DEMO.sector5, 'PETITIE');
    const opened = await t.database.db.transaction((tx) =>
      openCase(tx, {
        serviceVersionId: petition!.versionId,
        applicantAccountId: null,
        companyId: null,
        applicant: { kind: 'person', name: 'Vasile Ghișeu', cnp: '1800101123450' },
        answers: { subject: 'Iluminat', text: 'Stâlpul nu funcționează.' },
        channel: 'counter',
        actorId: DEMO_ACCOUNTS.registryClerk.id,
        transactionId: crypto.randomUUID(),
        feeBani: 0,
        at: new Date(),
      }),
    );
    await clerk.get('/birou');
    const flow = (await clerk.api('GET', `/api/v1/cases/${opened.caseId}/workflow`)).json<{ step: { key: string }; version: number; departments: { id: string }[] }>();
    expect(flow.departments.length).toBeGreaterThan(0);
    expect(flow.departments.map((d) => d.id)).not.toContain(temp);
    const forward = await clerk.api('POST', `/api/v1/cases/${opened.caseId}/workflow-actions`, { action: 'forward', step: flow.step.key, version: flow.version, departmentId: temp });
    expect(forward.status).toBe(400);
    expect(forward.json<{ error: { fields: Record<string, string> } }>().error.fields.departmentId).toBe('workflow.bad_department');
    // An invitation into it is refused even when the form is forged.
    const forged = await admin.post('/admin/functionari/invita', { email: 'ion.temp@primaria5.demo', displayName: 'Ion Temp', role: 'inspector', departmentId: temp });
    expect(forged.status).toBe(400);
    // Its pages answer 404, and its code is not free again.
    expect((await admin.get(`/admin/organizatie/compartimente/${temp}`)).status).toBe(404);
    expect((await admin.post('/admin/organizatie/compartiment-nou', { parentId: dgu, kind: 'birou', code: 'TEMP', name: 'Alt birou', decision: 'HCL nr. 52/2026' })).body).toContain('Există deja un compartiment cu acest cod.');
  });

  it('lets neither a director nor a citizen change or close a department, and hides other institutions’ departments', async () => {
    const cu = await deptId('CU');
    const inspector = await signIn(DEMO_ACCOUNTS.director);
    expect((await inspector.get(`/admin/organizatie/compartimente/${cu}`)).status).toBe(403);
    await inspector.get('/birou');
    expect((await inspector.post(`/admin/organizatie/compartimente/${cu}`, { parentId: '', kind: 'birou', name: 'Biroul X', decision: 'HCL 1/2026' })).status).toBe(403);
    expect((await inspector.post(`/admin/organizatie/compartimente/${cu}/desfiintare`, { decision: 'HCL 1/2026' })).status).toBe(403);
    const citizen = await signIn(DEMO_ACCOUNTS.maria);
    expect((await citizen.get(`/admin/organizatie/compartimente/${cu}/desfiintare`)).status).toBe(403);
    // The tax directorate's department, seen by the city hall's administrator: the same 404 as a made-up id.
    const taxes = await deptId('IMP-PF', DEMO.taxes);
    expect((await admin.get(`/admin/organizatie/compartimente/${taxes}`)).status).toBe(404);
    expect((await admin.get('/admin/organizatie/compartimente/not-an-id')).status).toBe(404);
    const [row] = await t.database.query<{ name: string }>('SELECT name FROM department WHERE id = $1', [cu]);
    expect(row!.name).toBe('Serviciul Certificate de Urbanism');
  });

  it('does the same through the JSON API: list, add, change, what keeps it open, close', async () => {
    await admin.get('/cont');
    const base = `/api/v1/institutions/${DEMO.sector5}/departments`;
    const list = await admin.api('GET', base);
    expect(list.status).toBe(200);
    const dgu = list.json<{ departments: { id: string; code: string; closedAt: string | null }[] }>().departments.find((d) => d.code === 'DGU')!;
    const added = await admin.api('POST', base, { kind: 'compartiment', code: 'API-1', name: 'Compartimentul Pilot', parentId: dgu.id, decision: 'HCL nr. 60/2026' });
    expect(added.status).toBe(201);
    const { id } = added.json<{ id: string }>();
    const loop = await admin.api('PUT', `${base}/${id}`, { kind: 'compartiment', name: 'Compartimentul Pilot', parentId: id, decision: 'HCL nr. 61/2026' });
    expect(loop.status).toBe(400);
    expect(loop.json<{ error: { fields: Record<string, string> } }>().error.fields.parentId).toBe('organisation.department_parent_loop');
    const changed = await admin.api('PUT', `${base}/${id}`, { kind: 'birou', name: 'Biroul Pilot', parentId: null, decision: 'HCL nr. 61/2026' });
    expect(changed.json()).toMatchObject({ department: { name: 'Biroul Pilot', kind: 'birou', parentId: null, code: 'API-1' }, changed: ['name', 'kind', 'parentId'] });

    const cu = list.json<{ departments: { id: string; code: string }[] }>().departments.find((d) => d.code === 'CU')!;
    const busy = await admin.api('GET', `${base}/${cu.id}`);
    const blockers = busy.json<{ blockers: { officials: number; services: string[] } }>().blockers;
    expect(blockers.officials).toBeGreaterThan(0);
    expect(blockers.services).toContain('CERT-URBANISM');
    const refused = await admin.api('POST', `${base}/${cu.id}/close`, { decision: 'HCL nr. 62/2026' });
    expect(refused.status).toBe(409);
    expect(refused.json<{ error: { code: string; message: string } }>().error).toMatchObject({ code: 'organisation.department_in_use' });
    expect(refused.json<{ error: { message: string } }>().error.message).toMatch(/^Compartimentul nu poate fi desființat încă: .*funcționari/);

    const closed = await admin.api('POST', `${base}/${id}/close`, { decision: 'HCL nr. 63/2026' });
    expect(closed.status).toBe(200);
    expect(closed.json<{ closedAt: string | null }>().closedAt).not.toBeNull();
    expect((await admin.api('GET', `${base}/${id}`)).status).toBe(404);
    const after = (await admin.api('GET', base)).json<{ departments: { id: string; closedAt: string | null }[] }>().departments;
    expect(after.find((d) => d.id === id)?.closedAt).not.toBeNull();
  });
});
